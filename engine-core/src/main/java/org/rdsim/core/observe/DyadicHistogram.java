package org.rdsim.core.observe;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A mergeable histogram whose bins have width 2^e, aligned at multiples of the width, with at
 * most {@link #MAX_BINS} bins between the smallest and largest value.
 *
 * <p>The exponent is the smallest e &ge; e_min for which the data fit in MAX_BINS bins; adding a
 * value or merging only ever coarsens (pairs of bins nest exactly), so the result is a function
 * of the multiset of values alone: any order of additions and merges gives the same bins and
 * counts. With e_min = 0 and whole-number data (molecule counts), every bin holds a single value
 * and the quantiles are exact while the values span fewer than MAX_BINS integers.
 */
public final class DyadicHistogram implements Serializable {

    public static final int MAX_BINS = 4096;

    private int minExponent;
    private int exponent;
    private long firstBin;
    private long[] counts = new long[0];
    private long total;

    private DyadicHistogram() {
    }

    /** An empty histogram with bins no narrower than 2^minExponent. */
    public DyadicHistogram(int minExponent) {
        this.minExponent = minExponent;
        this.exponent = minExponent;
    }

    public void add(double x) {
        addCount(x, 1);
    }

    private void addCount(double x, long n) {
        long b = bin(x, exponent);
        if (total == 0) {
            firstBin = b;
            counts = new long[] {n};
            total = n;
            return;
        }
        long lo = Math.min(firstBin, b);
        long hi = Math.max(firstBin + counts.length - 1, b);
        while (hi - lo + 1 > MAX_BINS) {
            coarsen();
            b = bin(x, exponent);
            lo = Math.min(firstBin, b);
            hi = Math.max(firstBin + counts.length - 1, b);
        }
        reshape(lo, hi);
        counts[(int) (b - firstBin)] += n;
        total += n;
    }

    /** Adds another histogram's counts (same minimum exponent). */
    public void merge(DyadicHistogram other) {
        if (other.minExponent != minExponent) {
            throw new IllegalArgumentException("histograms with different resolution");
        }
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
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total - 1e-9 * total));
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

    public long total() {
        return total;
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
                && h.firstBin == firstBin && h.total == total && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + Long.hashCode(firstBin) + exponent;
    }
}
