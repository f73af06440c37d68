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
 * At most {@link #MAX_CHUNKS} chunks keep the reduction tree small for huge ensembles.
 */
public record ReplicaChunks(long replicas, long chunkSize) implements Serializable {

    public static final int MAX_CHUNKS = 4096;

    /** A contiguous range of chunks [firstChunk, endChunk) given to one partition. */
    public record Range(int firstChunk, int endChunk) implements Serializable {
    }

    public static ReplicaChunks of(long replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("at least one replica, got " + replicas);
        }
        long size = Math.max(1, (replicas + MAX_CHUNKS - 1) / MAX_CHUNKS);
        return new ReplicaChunks(replicas, size);
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
