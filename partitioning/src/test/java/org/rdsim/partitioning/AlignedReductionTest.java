package org.rdsim.partitioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignedReductionTest {

    /** Floating-point addition of wildly different magnitudes: the grouping changes the bits. */
    private static final AlignedReduction.Merger<double[]> SUM = (l, r) -> new double[] {l[0] + r[0]};

    private static double value(long chunk) {
        return Math.scalb(1.0 + Math.sin(chunk), (int) (chunk * 7919 % 80) - 40);
    }

    private static double reduce(int chunks, List<ReplicaChunks.Range> ranges, Random order) {
        List<AlignedReduction<double[]>> partials = new ArrayList<>();
        for (ReplicaChunks.Range r : ranges) {
            AlignedReduction<double[]> red = new AlignedReduction<>();
            for (int c = r.firstChunk(); c < r.endChunk(); c++) {
                red.addChunk(c, new double[] {value(c)}, SUM);
            }
            partials.add(red);
        }
        while (partials.size() > 1) { // combine partial results in a random tree, as Spark may
            AlignedReduction<double[]> a = partials.remove(order.nextInt(partials.size()));
            AlignedReduction<double[]> b = partials.remove(order.nextInt(partials.size()));
            partials.add(a.combine(b, SUM));
        }
        return partials.get(0).finish(chunks, SUM)[0];
    }

    @Test
    void anyPartitioningAndCombiningOrderGivesTheSameBits() {
        Random rnd = new Random(5);
        for (int chunks : new int[] {1, 2, 3, 7, 64, 100, 1000, 4096}) {
            ReplicaChunks rc = new ReplicaChunks(chunks, 1);
            double reference = reduce(chunks, rc.split(1), rnd);
            double naive = 0;
            for (int c = 0; c < chunks; c++) {
                naive += value(c);
            }
            for (int partitions : new int[] {2, 3, 4, 7, 16, 1000, 5000}) {
                double v = reduce(chunks, rc.split(partitions), rnd);
                assertEquals(Double.doubleToLongBits(reference), Double.doubleToLongBits(v),
                        chunks + " chunks in " + partitions + " partitions");
            }
            assertEquals(naive, reference, 1e-12 * Math.abs(naive)); // and it is the sum
        }
    }

    @Test
    void missingOrDuplicatedChunksAreRefused() {
        AlignedReduction<double[]> red = new AlignedReduction<>();
        red.addChunk(0, new double[] {1}, SUM);
        red.addChunk(2, new double[] {1}, SUM);
        assertThrows(IllegalStateException.class, () -> red.finish(3, SUM));
        AlignedReduction<double[]> dup = new AlignedReduction<>();
        dup.addChunk(0, new double[] {1}, SUM);
        assertThrows(IllegalStateException.class, () -> dup.addChunk(0, new double[] {1}, SUM));
        dup.addChunk(1, new double[] {1}, SUM); // merges with chunk 0 into one block of two
        assertThrows(IllegalStateException.class, () -> dup.addChunk(1, new double[] {1}, SUM));
    }

    @Test
    void chunkSizeDependsOnlyOnTheReplicaCount() {
        assertEquals(1, ReplicaChunks.of(64).chunkSize());
        assertEquals(2, ReplicaChunks.of(100).chunkSize());
        assertEquals(16, ReplicaChunks.of(1000).chunkSize());
        assertEquals(16, ReplicaChunks.of(65536).chunkSize());
        assertEquals(17, ReplicaChunks.of(65537).chunkSize());
        ReplicaChunks rc = ReplicaChunks.of(1_000_000);
        assertEquals(245, rc.chunkSize());
        assertEquals(4082, rc.chunks());
        long total = 0;
        for (ReplicaChunks.Range r : rc.split(13)) {
            total += rc.replicasIn(r);
        }
        assertEquals(1_000_000, total);
    }
}
