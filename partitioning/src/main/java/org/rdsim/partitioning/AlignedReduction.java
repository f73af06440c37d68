package org.rdsim.partitioning;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * A reduction over chunks 0..n-1 whose result does not depend on how the chunks were grouped.
 *
 * <p>Values live on aligned dyadic blocks: block (level l, index i) covers chunks
 * [i 2^l, (i+1) 2^l). Two sibling blocks (l, 2i) and (l, 2i+1) are merged into their parent as
 * soon as both are present, always as merge(left, right). Because a block is only ever formed
 * from its two halves, the set of blocks reached after all siblings have met is the same
 * whichever partitions computed which chunks and in whatever order partial reductions were
 * combined; {@link #finish} then folds the few remaining blocks from left to right. Floating-point
 * merges therefore give bit-identical results for 1 or 100 partitions.
 *
 * @param <T> the reduced value; {@link Merger#merge} may update and return its left argument
 */
public final class AlignedReduction<T> implements Serializable {

    /** Merges the value of a block with that of the block directly to its right. */
    @FunctionalInterface
    public interface Merger<T> extends Serializable {
        T merge(T left, T right);
    }

    /** A value covering chunks [index 2^level, (index + 1) 2^level). */
    public static final class Block<T> implements Serializable {
        final int level;
        final long index;
        final T value;

        Block(int level, long index, T value) {
            this.level = level;
            this.index = index;
            this.value = value;
        }

        long start() {
            return index << level;
        }

        long end() {
            return (index + 1) << level;
        }
    }

    private final ArrayList<Block<T>> blocks = new ArrayList<>(); // sorted by start

    /** An empty reduction. */
    public AlignedReduction() {
    }

    /** Adds the value of one chunk. */
    public void addChunk(long chunk, T value, Merger<T> merger) {
        insert(new Block<>(0, chunk, value), merger);
    }

    /** Takes over every block of another reduction (which must cover other chunks). */
    public AlignedReduction<T> combine(AlignedReduction<T> other, Merger<T> merger) {
        for (Block<T> b : other.blocks) {
            insert(b, merger);
        }
        return this;
    }

    /** Folds the remaining blocks from left to right; they must cover chunks 0..chunks-1. */
    public T finish(long chunks, Merger<T> merger) {
        long expected = 0;
        T acc = null;
        for (Block<T> b : blocks) {
            if (b.start() != expected) {
                throw new IllegalStateException("chunks " + expected + ".." + (b.start() - 1) + " are missing");
            }
            acc = acc == null ? b.value : merger.merge(acc, b.value);
            expected = b.end();
        }
        if (expected != chunks) {
            throw new IllegalStateException("reduced " + expected + " chunks, expected " + chunks);
        }
        return acc;
    }

    private void insert(Block<T> block, Merger<T> merger) {
        Block<T> b = block;
        while (true) {
            long siblingIndex = b.index ^ 1;
            int at = find(siblingIndex << b.level);
            if (at < 0 || blocks.get(at).level != b.level) {
                break;
            }
            Block<T> sibling = blocks.remove(at);
            b = (b.index & 1) == 0
                    ? new Block<>(b.level + 1, b.index >> 1, merger.merge(b.value, sibling.value))
                    : new Block<>(b.level + 1, b.index >> 1, merger.merge(sibling.value, b.value));
        }
        int pos = 0;
        while (pos < blocks.size() && blocks.get(pos).start() < b.start()) {
            pos++;
        }
        boolean overlapsLeft = pos > 0 && blocks.get(pos - 1).end() > b.start();
        boolean overlapsRight = pos < blocks.size() && blocks.get(pos).start() < b.end();
        if (overlapsLeft || overlapsRight) {
            throw new IllegalStateException("chunks " + b.start() + ".." + (b.end() - 1) + " reduced twice");
        }
        blocks.add(pos, b);
    }

    private int find(long start) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).start() == start) {
                return i;
            }
        }
        return -1;
    }
}
