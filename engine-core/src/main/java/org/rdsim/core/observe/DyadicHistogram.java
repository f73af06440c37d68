package org.rdsim.core.observe;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A mergeable distribution of values for quantiles, whose content depends only on the multiset
 * of values added, never on the order of additions and merges.
 *
 * <p>Up to {@link #MAX_EXACT} values it keeps the values themselves, sorted: quantiles are exact
 * and a statistics object per chunk of a few replicas stays small. Beyond, it keeps counts in
 * bins of width 2^e, aligned at multiples of the width, with at most {@link #MAX_BINS} bins
 * between the smallest and largest value. The exponent is the smallest e &ge; e_min for which
 * the data fit in MAX_BINS bins and every bin index stays below 2^52 in magnitude (exact in a
 * double and a long). Both conditions only get easier as e grows, and adding or merging only
 * ever coarsens (pairs of bins nest exactly), so the bins too are a function of the multiset.
 * With e_min = 0 and whole-number data (molecule counts) every bin holds a single value and the
 * quantiles are exact while the values span fewer than MAX_BINS integers. NaN and infinite
 * values are counted apart; with any of them present the quantiles are NaN.
 */
public final class DyadicHistogram implements Serializable {

    public static final int MAX_BINS = 4096;
    /** Values kept as they are before switching to bins. */
    public static final int MAX_EXACT = 64;
    /** Bin indices stay below 2^INDEX_BITS in magnitude. */
    private static final int INDEX_BITS = 52;
    private static final double[] NONE = new double[0];

    private int minExponent;
    private long total;
    private long nonFinite;
    /** The values, sorted, while total &le; MAX_EXACT; null once binned. */
    private double[] values = NONE;
    private int exponent;
    private long firstBin;
    private long[] counts;

    private DyadicHistogram() {
    }

    /** An empty histogram whose bins, once it has any, are no narrower than 2^minExponent. */
    public DyadicHistogram(int minExponent) {
        this.minExponent = minExponent;
        this.exponent = minExponent;
    }

    public void add(double x) {
        if (!Double.isFinite(x)) {
            nonFinite++;
            return;
        }
        if (values != null && total < MAX_EXACT) {
            int at = Arrays.binarySearch(values, 0, (int) total, x);
            at = at < 0 ? -at - 1 : at;
            if (values.length == total) {
                values = Arrays.copyOf(values, Math.min(MAX_EXACT, Math.max(4, 2 * values.length)));
            }
            System.arraycopy(values, at, values, at + 1, (int) total - at);
            values[at] = x;
            total++;
            return;
        }
        binned();
        addToBins(x);
    }

    /** Adds another histogram's content (same minimum exponent); the other is left unchanged. */
    public void merge(DyadicHistogram other) {
        if (other.minExponent != minExponent) {
            throw new IllegalArgumentException("histograms with different resolution");
        }
        nonFinite += other.nonFinite;
        if (values != null && other.values != null && total + other.total <= MAX_EXACT) {
            double[] merged = new double[(int) (total + other.total)];
            System.arraycopy(values, 0, merged, 0, (int) total);
            System.arraycopy(other.values, 0, merged, (int) total, (int) other.total);
            Arrays.sort(merged);
            values = merged;
            total = merged.length;
            return;
        }
        binned();
        if (other.values != null) {
            for (int i = 0; i < other.total; i++) {
                addToBins(other.values[i]);
            }
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
     * distribution function). Exact while the values are kept or each bin holds one value;
     * interpolated within a bin after coarsening.
     */
    public double quantile(double p) {
        if (total == 0 || nonFinite > 0) {
            return Double.NaN;
        }
        // rank = ceil(p n), in exact decimal arithmetic: 0.05 * 100 is 5, not 5.000000000000001.
        long rank = Math.max(1, BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(total))
                .setScale(0, RoundingMode.CEILING).longValueExact());
        if (values != null) {
            return values[(int) Math.min(rank, total) - 1];
        }
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

    /** Width of the bins (0 while the values themselves are kept). */
    public double binWidth() {
        return values != null ? 0 : Math.scalb(1.0, exponent);
    }

    /** True while the quantiles are exact: values kept, or bins of width 2^e_min. */
    public boolean exact() {
        return values != null || exponent == minExponent;
    }

    public DyadicHistogram copy() {
        DyadicHistogram h = new DyadicHistogram(minExponent);
        h.total = total;
        h.nonFinite = nonFinite;
        h.values = values == null ? null : values.clone();
        h.exponent = exponent;
        h.firstBin = firstBin;
        h.counts = counts == null ? null : counts.clone();
        return h;
    }

    /** Switches from kept values to bins (a no-op once binned). */
    private void binned() {
        if (values == null) {
            return;
        }
        double[] kept = values;
        long n = total;
        values = null;
        total = 0;
        exponent = minExponent;
        counts = new long[0];
        for (int i = 0; i < n; i++) {
            addToBins(kept[i]);
        }
    }

    private void addToBins(double x) {
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
        if (!(o instanceof DyadicHistogram h) || h.minExponent != minExponent || h.total != total
                || h.nonFinite != nonFinite || (h.values == null) != (values == null)) {
            return false;
        }
        if (values != null) {
            return Arrays.equals(values, 0, (int) total, h.values, 0, (int) total);
        }
        return h.exponent == exponent && h.firstBin == firstBin && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(total) * 31 + (values != null ? Arrays.hashCode(Arrays.copyOf(values, (int) total))
                : Arrays.hashCode(counts) + Long.hashCode(firstBin) + exponent);
    }
}
