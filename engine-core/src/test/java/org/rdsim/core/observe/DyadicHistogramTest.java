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

    @Test
    void hugeValuesKeepTheirQuantilesAndMixedRangesDoNotOverflow() {
        DyadicHistogram h = new DyadicHistogram(-20);
        for (int i = 0; i < 101; i++) {
            h.add(2e13 + i * 1e6);
        }
        assertEquals(2e13 + 50e6, h.quantile(0.5), h.binWidth());
        DyadicHistogram mixed = new DyadicHistogram(-20);
        mixed.add(0);
        mixed.add(9e12);
        assertEquals(0, mixed.quantile(0.5), mixed.binWidth());
        assertEquals(9e12, mixed.quantile(1.0), mixed.binWidth());
        DyadicHistogram wide = new DyadicHistogram(0);
        wide.add(-5e18);
        wide.add(5e18);
        assertEquals(-5e18, wide.quantile(0.5), wide.binWidth());
        assertEquals(5e18, wide.quantile(1.0), wide.binWidth());
    }

    @Test
    void nonFiniteValuesAreCountedApartAndMakeQuantilesUndefined() {
        DyadicHistogram h = new DyadicHistogram(0);
        h.add(5);
        h.add(Double.NaN);
        h.add(Double.POSITIVE_INFINITY);
        assertEquals(1, h.total());
        assertEquals(2, h.nonFinite());
        assertTrue(Double.isNaN(h.quantile(0.5)));
        DyadicHistogram finite = new DyadicHistogram(0);
        finite.add(5);
        finite.merge(h);
        assertEquals(2, finite.nonFinite());
        assertTrue(Double.isNaN(finite.quantile(0.5)));
    }

    @Test
    void ranksAreExactForLargeCounts() {
        DyadicHistogram h = new DyadicHistogram(0);
        for (int v = 0; v < 100; v++) {
            h.add(v);
        }
        assertEquals(4, h.quantile(0.05)); // rank ceil(0.05 * 100) = 5 -> the fifth value, 4
        assertEquals(94, h.quantile(0.95));
        // 1e10 values: 5e8 - 5 ones, then twos. The 5% rank is exactly 5e8, so the answer is 2;
        // a rank off by a few (floating-point slack of 1e-9 n = 10) would give 1.
        DyadicHistogram big = repeated(1, 500_000_000L - 5);
        big.merge(repeated(2, 10_000_000_000L - (500_000_000L - 5)));
        assertEquals(10_000_000_000L, big.total());
        assertEquals(2, big.quantile(0.05));
        assertEquals(1, big.quantile(0.0499999995));
    }

    /** A histogram holding {@code count} copies of {@code value}, built by doubling. */
    private static DyadicHistogram repeated(double value, long count) {
        DyadicHistogram result = new DyadicHistogram(0);
        DyadicHistogram power = new DyadicHistogram(0);
        power.add(value);
        for (long c = count; c > 0; c >>= 1) {
            if ((c & 1) != 0) {
                result.merge(power);
            }
            power.merge(power.copy());
        }
        return result;
    }

    @Test
    void hugeMagnitudesStillGiveOrderIndependentResults() {
        Random rnd = new Random(9);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            values.add(rnd.nextBoolean() ? Math.scalb(rnd.nextDouble(), rnd.nextInt(70)) : -rnd.nextDouble() * 1e3);
        }
        DyadicHistogram reference = new DyadicHistogram(-20);
        values.forEach(reference::add);
        for (int trial = 0; trial < 10; trial++) {
            Collections.shuffle(values, rnd);
            DyadicHistogram a = new DyadicHistogram(-20);
            DyadicHistogram b = new DyadicHistogram(-20);
            for (double v : values) {
                (rnd.nextBoolean() ? a : b).add(v);
            }
            b.merge(a);
            assertEquals(reference, b, "trial " + trial);
        }
    }
}
