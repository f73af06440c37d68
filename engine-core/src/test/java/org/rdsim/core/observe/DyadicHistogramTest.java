package org.rdsim.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DyadicHistogramTest {

    private static double exactQuantile(double[] sorted, double p) {
        int rank = Math.max(1, (int) Math.ceil(p * sorted.length - 1e-9 * sorted.length));
        return sorted[rank - 1];
    }

    @Test
    void wholeNumbersGiveExactQuantiles() {
        Random rnd = new Random(1);
        double[] v = new double[10_001];
        DyadicHistogram h = new DyadicHistogram(0);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.floor(1000 + 300 * rnd.nextGaussian());
            h.add(v[i]);
        }
        Arrays.sort(v);
        assertTrue(h.exact());
        for (double p : new double[] {0.0, 0.01, 0.05, 0.5, 0.95, 0.999, 1.0}) {
            assertEquals(exactQuantile(v, p), h.quantile(p), "p=" + p);
        }
    }

    @Test
    void wideRangesCoarsenAndStayWithinABin() {
        Random rnd = new Random(2);
        double[] v = new double[20_000];
        DyadicHistogram h = new DyadicHistogram(0);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.floor(Math.exp(12 * rnd.nextDouble()));
            h.add(v[i]);
        }
        Arrays.sort(v);
        assertFalse(h.exact());
        for (double p : new double[] {0.05, 0.5, 0.95}) {
            assertEquals(exactQuantile(v, p), h.quantile(p), h.binWidth(), "p=" + p);
        }
    }

    @Test
    void theResultDependsOnlyOnTheMultisetOfValues() {
        Random rnd = new Random(3);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            values.add(rnd.nextDouble() < 0.01 ? -1e4 * rnd.nextDouble() : 50 * rnd.nextGaussian());
        }
        DyadicHistogram reference = new DyadicHistogram(-10);
        values.forEach(reference::add);
        for (int trial = 0; trial < 20; trial++) {
            Collections.shuffle(values, rnd);
            int parts = 1 + rnd.nextInt(30);
            List<DyadicHistogram> pieces = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                pieces.add(new DyadicHistogram(-10));
            }
            for (double v : values) {
                pieces.get(rnd.nextInt(parts)).add(v);
            }
            while (pieces.size() > 1) { // merge random pairs in random order
                DyadicHistogram a = pieces.remove(rnd.nextInt(pieces.size()));
                DyadicHistogram b = pieces.remove(rnd.nextInt(pieces.size()));
                a.merge(b);
                pieces.add(a);
            }
            assertEquals(reference, pieces.get(0), "trial " + trial);
        }
    }
}
