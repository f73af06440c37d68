package org.rdsim.core.observe;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Statistics of a contiguous range of replicas [firstReplica, firstReplica + count): per output
 * time and species the mean and variance (Welford, merged by Chan's formula), minimum, maximum
 * and a {@link DyadicHistogram} for quantiles; per reaction the summed extents; and every
 * replica's final state in replica order.
 *
 * <p>Two statistics merge when they cover adjacent ranges. Floating-point merges depend on their
 * order, so a run that must not depend on its partitioning merges in a fixed tree over replica
 * chunks (see the partitioning module's AlignedReduction).
 */
public final class EnsembleStatistics implements Serializable {

    private int species;
    private double[] times;
    private long firstReplica;
    private long count;
    private double[] mean;
    private double[] m2;
    private double[] min;
    private double[] max;
    private DyadicHistogram[] histograms;
    private double[] extents;
    private double[] finals;   // capacity grows by doubling; finalsLength values are used
    private int finalsLength;
    private long events;

    private EnsembleStatistics() {
    }

    /**
     * Empty statistics starting at replica {@code firstReplica}.
     *
     * @param histogramMinExponent 0 for molecule counts (exact integer quantiles), negative for
     *                             real-valued states
     */
    public EnsembleStatistics(double[] times, int species, int reactions, long firstReplica,
                              int histogramMinExponent) {
        this.species = species;
        this.times = times.clone();
        this.firstReplica = firstReplica;
        int cells = times.length * species;
        mean = new double[cells];
        m2 = new double[cells];
        min = new double[cells];
        max = new double[cells];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        histograms = new DyadicHistogram[cells];
        for (int i = 0; i < cells; i++) {
            histograms[i] = new DyadicHistogram(histogramMinExponent);
        }
        extents = new double[reactions];
        finals = new double[0];
    }

    /** Starts the next replica; its states are then given with {@link #record}. */
    public void beginReplica() {
        count++;
    }

    /** Adds the state of the current replica at output time index k. */
    public void record(int k, double[] x) {
        int base = k * species;
        double n = count;
        for (int s = 0; s < species; s++) {
            int i = base + s;
            double v = x[s];
            double delta = v - mean[i];
            mean[i] += delta / n;
            m2[i] += delta * (v - mean[i]);
            if (v < min[i]) {
                min[i] = v;
            }
            if (v > max[i]) {
                max[i] = v;
            }
            histograms[i].add(v);
        }
    }

    /** Ends the current replica with its final state, reaction extents and event count. */
    public void endReplica(double[] finalState, double[] replicaExtents, long replicaEvents) {
        appendFinals(finalState, species);
        for (int j = 0; j < extents.length; j++) {
            extents[j] += replicaExtents[j];
        }
        events += replicaEvents;
    }

    /** Merges the statistics of the replicas that directly follow these. */
    public void mergeFollowing(EnsembleStatistics right) {
        if (right.firstReplica != firstReplica + count) {
            throw new IllegalArgumentException("replica ranges are not adjacent: [" + firstReplica + ", "
                    + (firstReplica + count) + ") and [" + right.firstReplica + ", ...)");
        }
        if (right.count == 0) {
            return;
        }
        double na = count;
        double nb = right.count;
        double n = na + nb;
        for (int i = 0; i < mean.length; i++) {
            double delta = right.mean[i] - mean[i];
            mean[i] += delta * (nb / n);
            m2[i] += right.m2[i] + delta * delta * (na * nb / n);
            min[i] = Math.min(min[i], right.min[i]);
            max[i] = Math.max(max[i], right.max[i]);
            histograms[i].merge(right.histograms[i]);
        }
        for (int j = 0; j < extents.length; j++) {
            extents[j] += right.extents[j];
        }
        appendFinals(right.finals, right.finalsLength);
        events += right.events;
        count += right.count;
    }

    private void appendFinals(double[] values, int length) {
        if (finalsLength + length > finals.length) {
            finals = Arrays.copyOf(finals, Math.max(finalsLength + length, 2 * finals.length));
        }
        System.arraycopy(values, 0, finals, finalsLength, length);
        finalsLength += length;
    }

    public long firstReplica() {
        return firstReplica;
    }

    public long count() {
        return count;
    }

    public double[] times() {
        return times.clone();
    }

    public int species() {
        return species;
    }

    public double mean(int k, int s) {
        return mean[k * species + s];
    }

    /** Sample standard deviation (n - 1 in the denominator). */
    public double sd(int k, int s) {
        return count > 1 ? Math.sqrt(m2[k * species + s] / (count - 1)) : 0.0;
    }

    public double min(int k, int s) {
        return min[k * species + s];
    }

    public double max(int k, int s) {
        return max[k * species + s];
    }

    /**
     * The p-quantile of species s at output k: exact from kept values or single-value bins,
     * otherwise interpolated within a bin and kept within the exact minimum and maximum.
     */
    public double quantile(int k, int s, double p) {
        int i = k * species + s;
        double q = histograms[i].quantile(p);
        return Double.isNaN(q) ? q : Math.max(min[i], Math.min(max[i], q));
    }

    public DyadicHistogram histogram(int k, int s) {
        return histograms[k * species + s];
    }

    /** Summed reaction extents (firings for discrete methods). */
    public double[] extents() {
        return extents.clone();
    }

    public long events() {
        return events;
    }

    /** Final state of replica firstReplica + i. */
    public double finalValue(long i, int s) {
        return finals[(int) (i * species + s)];
    }

    /** True when every quantile is exact (no histogram had to coarsen). */
    public boolean quantilesExact() {
        for (DyadicHistogram h : histograms) {
            if (!h.exact()) {
                return false;
            }
        }
        return true;
    }

    /** Bit-for-bit equality of every statistic (for determinism checks). */
    public boolean sameAs(EnsembleStatistics o) {
        return species == o.species && firstReplica == o.firstReplica && count == o.count && events == o.events
                && Arrays.equals(times, o.times) && Arrays.equals(mean, o.mean) && Arrays.equals(m2, o.m2)
                && Arrays.equals(min, o.min) && Arrays.equals(max, o.max) && Arrays.equals(histograms, o.histograms)
                && Arrays.equals(extents, o.extents)
                && Arrays.equals(finals, 0, finalsLength, o.finals, 0, o.finalsLength);
    }
}
