package org.rdsim.core.observe;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A mergeable histogram whose bins have width 2^e, aligned at multiples of the width, with at
 * most {@link #MAX_BINS} bins between the smallest and largest value.
 *
 * <p>The exponent is the smallest e &ge; e_min for which the data fit in MAX_BINS bins and every
 * bin index stays below 2^52 in magnitude (so it is exact in a double and a long). Both
 * conditions only get easier as e grows, and adding a value or merging only ever coarsens (pairs
 * of bins nest exactly), so the result is a function of the multiset of values alone: any order
 * of additions and merges gives the same bins and counts. With e_min = 0 and whole-number data
 * (molecule counts), every bin holds a single value and the quantiles are exact while the values
 * span fewer than MAX_BINS integers. NaN and infinite values are counted apart; with any of them
 * present the quantiles are NaN.
 */
public final class DyadicHistogram implements Serializable {

    public static final int MAX_BINS = 4096;
    /** Bin indices stay below 2^INDEX_BITS in magnitude. */
    private static final int INDEX_BITS = 52;

    private int minExponent;
    private int exponent;
    private long firstBin;
    private long[] counts = new long[0];
    private long total;
    private long nonFinite;

    private DyadicHistogram() {
    }

    /** An empty histogram with bins no narrower than 2^minExponent. */
    public DyadicHistogram(int minExponent) {
        this.minExponent = minExponent;
        this.exponent = minExponent;
    }

    public void add(double x) {
        if (!Double.isFinite(x)) {
            nonFinite++;
            return;
        }
        if (total == 0) {
            while (!indexable(x, exponent)) {
                exponent++;
            }
            firstBin = bin(x, exponent);
            counts = new long[] {1};
            total = 1;
            return;
        }
        while (!indexable(x, exponent)) {
            coarsen();
        }
        long b = bin(x, exponent);
        long lo = Math.min(firstBin, b);
        long hi = Math.max(firstBin + counts.length - 1, b);
        while (hi - lo + 1 > MAX_BINS) {
            coarsen();
            b = bin(x, exponent);
            lo = Math.min(firstBin, b);
            hi = Math.max(firstBin + counts.length - 1, b);
        }
        reshape(lo, hi);
        counts[(int) (b - firstBin)]++;
        total++;
    }

    /** True when x's bin index at this exponent is below 2^52 in magnitude. */
    private static boolean indexable(double x, int exponent) {
        return Math.abs(x) < Math.scalb(1.0, exponent + INDEX_BITS);
    }

    /** Adds another histogram's counts (same minimum exponent). */
    public void merge(DyadicHistogram other) {
        if (other.minExponent != minExponent) {
            throw new IllegalArgumentException("histograms with different resolution");
        }
        nonFinite += other.nonFinite;
        if (other.total == 0) {
            return;
        }
        if (total == 0) {
            exponent = other.exponent;
            firstBin = other.firstBin;
            counts = other.counts.clone();
            total = other.total;
            return;
        }
        DyadicHistogram o = other.copy();
        while (exponent < o.exponent) {
            coarsen();
        }
        while (o.exponent < exponent) {
            o.coarsen();
        }
        while (true) {
            long lo = Math.min(firstBin, o.firstBin);
            long hi = Math.max(firstBin + counts.length, o.firstBin + o.counts.length) - 1;
            if (hi - lo + 1 <= MAX_BINS) {
                reshape(lo, hi);
                for (int i = 0; i < o.counts.length; i++) {
                    counts[(int) (o.firstBin + i - firstBin)] += o.counts[i];
                }
                total += o.total;
                return;
            }
            coarsen();
            o.coarsen();
        }
    }

    /**
     * The p-quantile as the smallest value v with P(X &le; v) &ge; p (inverse of the empirical
     * distribution function). Exact at the finest resolution; interpolated within a bin after
     * coarsening.
     */
    public double quantile(double p) {
        if (total == 0 || nonFinite > 0) {
            return Double.NaN;
        }
        // rank = ceil(p n), in exact decimal arithmetic: 0.05 * 100 is 5, not 5.000000000000001.
        long rank = Math.max(1, BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(total))
                .setScale(0, RoundingMode.CEILING).longValueExact());
        long before = 0;
        double width = Math.scalb(1.0, exponent);
        for (int i = 0; i < counts.length; i++) {
            if (before + counts[i] >= rank) {
                double lower = (firstBin + i) * width;
                if (exponent == minExponent) {
                    return lower;
                }
                return lower + width * (rank - before - 0.5) / counts[i];
            }
            before += counts[i];
        }
        return (firstBin + counts.length) * width;
    }

    /** Finite values counted. */
    public long total() {
        return total;
    }

    /** NaN and infinite values seen. */
    public long nonFinite() {
        return nonFinite;
    }

    /** Width of the bins. */
    public double binWidth() {
        return Math.scalb(1.0, exponent);
    }

    /** True while every value has a bin of its own width 2^e_min (quantiles are exact). */
    public boolean exact() {
        return exponent == minExponent;
    }

    public DyadicHistogram copy() {
        DyadicHistogram h = new DyadicHistogram(minExponent);
        h.exponent = exponent;
        h.firstBin = firstBin;
        h.counts = counts.clone();
        h.total = total;
        h.nonFinite = nonFinite;
        return h;
    }

    private void coarsen() {
        long newFirst = Math.floorDiv(firstBin, 2);
        long newLast = Math.floorDiv(firstBin + counts.length - 1, 2);
        long[] c = new long[(int) (newLast - newFirst + 1)];
        for (int i = 0; i < counts.length; i++) {
            c[(int) (Math.floorDiv(firstBin + i, 2) - newFirst)] += counts[i];
        }
        counts = c;
        firstBin = newFirst;
        exponent++;
    }

    private void reshape(long lo, long hi) {
        if (lo == firstBin && hi == firstBin + counts.length - 1) {
            return;
        }
        long[] c = new long[(int) (hi - lo + 1)];
        System.arraycopy(counts, 0, c, (int) (firstBin - lo), counts.length);
        counts = c;
        firstBin = lo;
    }

    private static long bin(double x, int exponent) {
        return (long) Math.floor(Math.scalb(x, -exponent));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DyadicHistogram h && h.minExponent == minExponent && h.exponent == exponent
                && h.firstBin == firstBin && h.total == total && h.nonFinite == nonFinite
                && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + Long.hashCode(firstBin) + exponent;
    }
}
