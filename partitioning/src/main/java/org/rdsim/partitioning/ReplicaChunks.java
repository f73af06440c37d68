package org.rdsim.partitioning;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How an ensemble of replicas is cut into chunks and chunks into partitions.
 *
 * <p>The chunk size depends on the number of replicas only (never on the number of partitions
 * or executors): replicas inside a chunk are folded in order, and chunks are combined by an
 * {@link AlignedReduction}, so the statistics are the same however the chunks are spread.
 * Each chunk costs a statistics object of (output times x species) cells and a merge, so chunks
 * hold up to {@link #PREFERRED_CHUNK} replicas while that still leaves {@link #MIN_CHUNKS}
 * chunks to spread; beyond {@link #MAX_CHUNKS} chunks they grow to keep the reduction tree small.
 */
public record ReplicaChunks(long replicas, long chunkSize) implements Serializable {

    public static final int MAX_CHUNKS = 4096;
    /** Chunks an ensemble is cut into at least, when it has that many replicas. */
    public static final int MIN_CHUNKS = 64;
    /** Replicas per chunk up to which chunks are filled before there are MIN_CHUNKS of them. */
    public static final int PREFERRED_CHUNK = 16;

    /** A contiguous range of chunks [firstChunk, endChunk) given to one partition. */
    public record Range(int firstChunk, int endChunk) implements Serializable {
    }

    public static ReplicaChunks of(long replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("at least one replica, got " + replicas);
        }
        long forTree = (replicas + MAX_CHUNKS - 1) / MAX_CHUNKS;
        long forOverhead = Math.min(PREFERRED_CHUNK, (replicas + MIN_CHUNKS - 1) / MIN_CHUNKS);
        return new ReplicaChunks(replicas, Math.max(1, Math.max(forTree, forOverhead)));
    }

    public int chunks() {
        return (int) ((replicas + chunkSize - 1) / chunkSize);
    }

    public long chunkStart(int chunk) {
        return chunk * chunkSize;
    }

    public long chunkEnd(int chunk) {
        return Math.min(replicas, (chunk + 1) * chunkSize);
    }

    /** Splits the chunks into at most {@code partitions} contiguous ranges of near-equal size. */
    public List<Range> split(int partitions) {
        int n = chunks();
        int p = Math.max(1, Math.min(partitions, n));
        List<Range> out = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            out.add(new Range((int) ((long) i * n / p), (int) ((long) (i + 1) * n / p)));
        }
        return out;
    }

    /** Replicas in a range of chunks. */
    public long replicasIn(Range r) {
        return chunkEnd(r.endChunk() - 1) - chunkStart(r.firstChunk());
    }
}
