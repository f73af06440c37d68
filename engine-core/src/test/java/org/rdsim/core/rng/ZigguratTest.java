package org.rdsim.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.rdsim.core.testing.Stat;

/**
 * The ziggurat normal of {@link KeyedStreams.Generator#normal} and {@link KeyedStreams.Generator#normals}
 * against the standard normal law: a chi-square over bins that resolve the layers' edges, the
 * wedges and the tail, the first four moments within 4.5 standard errors, and the tail beyond R
 * (the base layer's separate path) at its exact frequency.
 */
class ZigguratTest {

    private static final int SAMPLES = 4_000_000;
    private static final double EDGE = 6.0;
    private static final int BINS = 240;      // 0.05 wide over [-6, 6], then one bin for each side beyond

    private static double cdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    private static long[] histogram(DoubleSupplier draws) {
        long[] counts = new long[BINS + 2];
        for (int i = 0; i < SAMPLES; i++) {
            double z = draws.getAsDouble();
            int b = z < -EDGE ? 0 : z >= EDGE ? BINS + 1 : 1 + Math.min(BINS - 1, (int) ((z + EDGE) / (2 * EDGE) * BINS));
            counts[b]++;
        }
        return counts;
    }

    private static double[] probabilities() {
        double[] p = new double[BINS + 2];
        p[0] = cdf(-EDGE);
        p[BINS + 1] = p[0];
        for (int b = 0; b < BINS; b++) {
            double lo = -EDGE + 2 * EDGE * b / BINS;
            double hi = -EDGE + 2 * EDGE * (b + 1) / BINS;
            p[b + 1] = lo < 0 ? cdf(hi) - cdf(lo) : cdf(-lo) - cdf(-hi);
        }
        return p;
    }

    /** One stream drawn a normal at a time. */
    private static DoubleSupplier single(long key) {
        KeyedStreams.Generator g = new KeyedStreams.Generator().rekey(11, 12, key, 0, 0, 0);
        return g::normal;
    }

    /** Cells' streams drawn six normals at a time, as the FHD noise draws them. */
    private static DoubleSupplier batched(long key) {
        KeyedStreams.Generator g = new KeyedStreams.Generator().fix(11, 13, key, 0, 0);
        double[][] out = new double[6][1];
        int[] at = {6};
        long[] cell = {0};
        return () -> {
            if (at[0] == 6) {
                g.rekey(cell[0]++);
                g.normals(out, 6, 0);
                at[0] = 0;
            }
            return out[at[0]++][0];
        };
    }

    @Test
    void theTablesCloseAndMatchThePublishedOnes() {
        assertTrue(Math.abs(Ziggurat.closure()) < 1e-12, "top layer off by " + Ziggurat.closure());
        // Marsaglia and Tsang's v for 256 layers, 4.92867323399e-3 (11 digits).
        assertEquals(4.92867323399e-3, Ziggurat.AREA, 1e-13);
        assertEquals(0, Ziggurat.WIDTH[Ziggurat.LAYERS]);
        for (int k = 1; k < Ziggurat.LAYERS; k++) {
            assertTrue(Ziggurat.WIDTH[k + 1] < Ziggurat.WIDTH[k], "edges must decrease at layer " + k);
        }
    }

    @Test
    void oneAtATimeFollowsTheNormalLaw() {
        assertNormal(histogram(single(1)), "normal()");
    }

    @Test
    void inBatchesFollowsTheNormalLaw() {
        assertNormal(histogram(batched(2)), "normals()");
    }

    @Test
    void aBatchIsTheSingleDrawsInTurn() {
        KeyedStreams.Generator a = new KeyedStreams.Generator().rekey(1, 2, 3, 4, 5, 6);
        KeyedStreams.Generator b = new KeyedStreams.Generator().rekey(1, 2, 3, 4, 5, 6);
        double[][] out = new double[7][3];
        for (int round = 0; round < 20_000; round++) {
            a.normals(out, 7, 2);
            for (int f = 0; f < 7; f++) {
                assertEquals(Double.doubleToRawLongBits(b.normal()), Double.doubleToRawLongBits(out[f][2]));
            }
        }
        assertEquals(a.nextLong(), b.nextLong());
    }

    @Test
    void momentsAndTheTailAreThoseOfTheNormal() {
        DoubleSupplier draws = single(3);
        double[] sum = new double[5];
        long beyondR = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double z = draws.getAsDouble();
            double p = 1;
            for (int m = 1; m <= 4; m++) {
                p *= z;
                sum[m] += p;
            }
            if (Math.abs(z) > Ziggurat.R) {
                beyondR++;
            }
        }
        // Moments of N(0, 1): 0, 1, 0, 3; the variances of their sample means: 1, 2, 15, 96.
        double[] exact = {0, 0, 1, 0, 3};
        double[] variance = {0, 1, 2, 15, 96};
        for (int m = 1; m <= 4; m++) {
            Stat.assertAgrees("moment " + m, sum[m] / SAMPLES, exact[m], Math.sqrt(variance[m] / SAMPLES));
        }
        double tail = 2 * cdf(-Ziggurat.R);
        Stat.assertAgrees("P(|Z| > R)", (double) beyondR / SAMPLES, tail, Math.sqrt(tail * (1 - tail) / SAMPLES));
    }

    /** The chi-square resolves a 1% error in the scale, and a ziggurat whose wedges always accept. */
    @Test
    void theLawTestCanFail() {
        DoubleSupplier scaled = single(4);
        assertRejected(histogram(() -> 1.01 * scaled.getAsDouble()), "1% too wide");
        KeyedStreams.Generator g = new KeyedStreams.Generator().rekey(11, 14, 0, 0, 0, 0);
        assertRejected(histogram(() -> {
            long w = g.nextLong();
            int k = (int) w & (Ziggurat.LAYERS - 1);
            double u = (w >> 11) * 0x1.0p-52;
            return k == 0 && Math.abs(u) >= Ziggurat.INNER[0] ? Ziggurat.outer(g, k, u) : u * Ziggurat.WIDTH[k];
        }), "wedges accepted");
    }

    private static void assertNormal(long[] counts, String what) {
        Stat.chiSquare(counts, probabilities()).assertFits(what);
    }

    private static void assertRejected(long[] counts, String what) {
        double p = Stat.chiSquare(counts, probabilities()).p();
        assertTrue(p < Stat.P_MIN, what + ": the chi-square must reject it, p = " + p);
    }
}
