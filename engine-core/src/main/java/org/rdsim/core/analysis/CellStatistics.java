package org.rdsim.core.analysis;

import java.util.Arrays;
import org.rdsim.core.rng.LogFactorial;

/**
 * One-cell statistics of a stationary run (fhd-schemes.md section 7, paper eqs. 36-39),
 * accumulated snapshot by snapshot over every cell:
 *
 * <ul>
 *   <li>mean and variance of the density n (over all cells and snapshots together);</li>
 *   <li>the distribution of the count N = n dV rounded to the nearest integer (eq. 36), and its
 *       KL divergence from a Poisson law (eq. 37, see {@link #divergence});</li>
 *   <li>P_neg, the fraction of cell values n &lt; 0 (eq. 38);</li>
 *   <li>zeta = Cov[n_i, n_{i+e_j}] / Var[n] (eq. 39), pooled over the axes j: the mean of
 *       (n_i - nbar)(n_j - nbar) over every neighbour pair along every axis of more than one cell
 *       (across the wrap only on a periodic axis), divided by the variance; nbar and the variance
 *       are those over all cells and snapshots. With every axis periodic each axis has as many
 *       pairs as cells, so this is the average over the axes.</li>
 * </ul>
 *
 * <p>Standard errors come from batch means over the snapshots in the order given (B = 20 by
 * default, as in {@link StructureFactor}): each statistic is computed per contiguous batch and
 * se = sd(batch values) / sqrt(B), which accounts for the correlation between cells of one
 * snapshot and between successive snapshots.
 *
 * <p>Snapshots are species-major densities, [species][z][y][x] with x fastest, as NpyFile reads
 * a field.
 */
public final class CellStatistics {

    /** Counts below this many expected samples are merged with their neighbours in the KL sum. */
    public static final double MIN_EXPECTED = 5;

    /** Per species: mean, variance, P_neg and zeta with their batch-means standard errors. */
    public record Moments(double mean, double meanSe, double variance, double varianceSe, double pneg, double pnegSe,
                          double zeta, double zetaSe) {
    }

    /**
     * The KL divergence of eq. (37) and what went into it: the Poisson mean (molecules per cell),
     * the number of bins summed over after merging, and the samples (cells x snapshots). For
     * independent samples from the Poisson law itself, 2 samples D ~ chi-square(bins - 1), so
     * D is about (bins - 1) / (2 samples) from sampling alone.
     */
    public record Divergence(double kl, double poissonMean, int bins, long samples) {

        /** (bins - 1) / (2 samples): the expected divergence of exact independent Poisson samples. */
        public double samplingLevel() {
            return (bins - 1) / (2.0 * samples);
        }
    }

    /** Counts are binned in a table from the smallest to the largest seen; this bounds its size. */
    private static final long MAX_COUNT = 1L << 24;
    /** Sums per snapshot and species: values, squares, negatives, pair products, pairs, pair members. */
    private static final int SUMS = 6;

    private final int[] cells;
    private final boolean[] periodic;
    private final int species;
    private final int voxels;
    private final double cellVolume;
    private final int batches;
    private final double[] shift;           // per species: a value near the mean, against cancellation
    private double[] sums = new double[0];  // [snapshot][species][SUMS], grown by doubling
    private final long[][] histogram;       // [species][N - lowest[s]]
    private final long[] lowest;
    private int snapshots;

    /**
     * An accumulator for a grid of {@code cells} (1 to 3 axes, x first) with the given periodic
     * axes, cell volume dV, {@code species} species and {@link StructureFactor#BATCHES} batches.
     */
    public CellStatistics(int[] cells, boolean[] periodic, double cellVolume, int species) {
        this(cells, periodic, cellVolume, species, StructureFactor.BATCHES);
    }

    public CellStatistics(int[] cells, boolean[] periodic, double cellVolume, int species, int batches) {
        if (cells.length < 1 || cells.length > 3 || periodic.length != cells.length) {
            throw new IllegalArgumentException("1 to 3 axes, each periodic or not; got " + cells.length + " axes and "
                    + periodic.length + " periodicity flags");
        }
        if (!(cellVolume > 0) || species < 1 || batches < 2) {
            throw new IllegalArgumentException("the cell volume must be positive, with at least one species and two "
                    + "batches; got dV = " + cellVolume + ", " + species + " species, " + batches + " batches");
        }
        this.cells = cells.clone();
        this.periodic = periodic.clone();
        this.species = species;
        this.cellVolume = cellVolume;
        this.batches = batches;
        long n = 1;
        for (int c : cells) {
            n *= c;
        }
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cells " + Arrays.toString(cells));
        }
        voxels = (int) n;
        shift = new double[species];
        histogram = new long[species][];
        lowest = new long[species];
    }

    /** Adds one snapshot of densities, species-major ([species][z][y][x], x fastest), in time order. */
    public void add(double[] densities) {
        if (densities.length != species * voxels) {
            throw new IllegalArgumentException(densities.length + " values for " + species + " species on "
                    + Arrays.toString(cells) + " cells; expected " + species * voxels);
        }
        int stride = species * SUMS;
        if (sums.length < (snapshots + 1) * stride) {
            sums = Arrays.copyOf(sums, Math.max(16 * stride, 2 * sums.length));
        }
        for (int s = 0; s < species; s++) {
            int from = s * voxels;
            if (snapshots == 0) {
                double mean = 0;
                for (int v = 0; v < voxels; v++) {
                    mean += densities[from + v] / voxels;
                }
                shift[s] = mean;
            }
            double c = shift[s];
            double sum = 0;
            double squares = 0;
            double negative = 0;
            for (int v = 0; v < voxels; v++) {
                double n = densities[from + v];
                double d = n - c;
                sum += d;
                squares += d * d;
                if (n < 0) {
                    negative++;
                }
                count(s, Math.floor(n * cellVolume + 0.5));
            }
            double[] pairs = neighbourPairs(densities, from, c);
            int row = snapshots * stride + s * SUMS;
            sums[row] = sum;
            sums[row + 1] = squares;
            sums[row + 2] = negative;
            sums[row + 3] = pairs[0];
            sums[row + 4] = pairs[1];
            sums[row + 5] = pairs[2];
        }
        snapshots++;
    }

    /**
     * Over neighbour pairs (i, j): the sum of (n_i - c)(n_j - c), the number of pairs, and the sum
     * of (n_i - c) + (n_j - c) (on a periodic grid twice the sum over cells per axis; not so when
     * an axis is closed).
     */
    private double[] neighbourPairs(double[] n, int from, double c) {
        double sum = 0;
        double pairs = 0;
        double members = 0;
        int step = 1;
        for (int a = 0; a < cells.length; a++) {
            int size = cells[a];
            int outer = voxels / (step * size);
            if (size > 1) {
                // Cells i = low + step * (p + size * high): neighbour along axis a at p + 1.
                for (int high = 0; high < outer; high++) {
                    for (int p = 0; p < size; p++) {
                        if (p == size - 1 && !periodic[a]) {
                            continue;
                        }
                        int i = from + step * (p + size * high);
                        int j = from + step * ((p + 1) % size + size * high);
                        for (int low = 0; low < step; low++) {
                            double u = n[i + low] - c;
                            double w = n[j + low] - c;
                            sum += u * w;
                            members += u + w;
                        }
                        pairs += step;
                    }
                }
            }
            step *= size;
        }
        return new double[] {sum, pairs, members};
    }

    private void count(int s, double rounded) {
        if (!(Math.abs(rounded) < MAX_COUNT)) {
            throw new IllegalArgumentException("a cell holds " + rounded + " molecules; counts beyond +-" + MAX_COUNT
                    + " (or not finite) are not binned");
        }
        long n = (long) rounded;
        long[] h = histogram[s];
        if (h == null) {
            histogram[s] = new long[16];
            lowest[s] = n - 8;
            h = histogram[s];
        } else if (n < lowest[s] || n >= lowest[s] + h.length) {
            long lo = Math.min(lowest[s], n);
            long hi = Math.max(lowest[s] + h.length, n + 1);
            long size = Math.max(hi - lo, 2L * h.length);
            long grownLo = n < lowest[s] ? hi - size : lo;
            long[] grown = new long[(int) size];
            System.arraycopy(h, 0, grown, (int) (lowest[s] - grownLo), h.length);
            histogram[s] = grown;
            lowest[s] = grownLo;
            h = grown;
        }
        h[(int) (n - lowest[s])]++;
    }

    /** Snapshots added so far. */
    public int snapshots() {
        return snapshots;
    }

    /** Cells per snapshot. */
    public int cells() {
        return voxels;
    }

    /** Mean, variance, P_neg and zeta of species s; needs at least as many snapshots as batches. */
    public Moments moments(int s) {
        if (snapshots < batches) {
            throw new IllegalStateException(snapshots + " snapshots cannot fill " + batches + " batches");
        }
        double[] all = totals(s, 0, snapshots);
        double[][] perBatch = new double[batches][];
        for (int b = 0; b < batches; b++) {
            perBatch[b] = totals(s, (int) ((long) b * snapshots / batches), (int) ((long) (b + 1) * snapshots
                    / batches));
        }
        double[] column = new double[batches];
        double[] values = new double[4];
        double[] se = new double[4];
        for (int q = 0; q < 4; q++) {
            values[q] = statistic(all, s, q);
            for (int b = 0; b < batches; b++) {
                column[b] = statistic(perBatch[b], s, q);
            }
            se[q] = StructureFactor.standardError(column);
        }
        return new Moments(values[0], se[0], values[1], se[1], values[2], se[2], values[3], se[3]);
    }

    /** Summed per-snapshot sums of species s over snapshots [from, to), and the cell values counted. */
    private double[] totals(int s, int from, int to) {
        double[] t = new double[SUMS + 1];
        int stride = species * SUMS;
        for (int k = from; k < to; k++) {
            for (int q = 0; q < SUMS; q++) {
                t[q] += sums[k * stride + s * SUMS + q];
            }
        }
        t[SUMS] = (to - from) * (double) voxels;
        return t;
    }

    /** 0 mean, 1 variance, 2 P_neg, 3 zeta from summed sums. */
    private double statistic(double[] t, int s, int which) {
        double values = t[SUMS];
        double d = t[0] / values;              // mean - shift
        double variance = t[1] / values - d * d;
        return switch (which) {
            case 0 -> shift[s] + d;
            case 1 -> variance;
            case 2 -> t[2] / values;
            // sum over pairs of (n_i - nbar)(n_j - nbar), with n - nbar = (n - c) - d
            default -> t[4] > 0 ? ((t[3] - d * t[5]) / t[4] + d * d) / variance : Double.NaN;
        };
    }

    /** Mean count per cell, nbar dV, of species s. */
    public double meanCount(int s) {
        return moments(s).mean() * cellVolume;
    }

    /** The smallest rounded count N seen for species s. */
    public long minCount(int s) {
        long[] h = histogram[s];
        for (int i = 0; i < h.length; i++) {
            if (h[i] > 0) {
                return lowest[s] + i;
            }
        }
        throw new IllegalStateException("no snapshot added");
    }

    /** The largest rounded count N seen for species s. */
    public long maxCount(int s) {
        long[] h = histogram[s];
        for (int i = h.length - 1; i >= 0; i--) {
            if (h[i] > 0) {
                return lowest[s] + i;
            }
        }
        throw new IllegalStateException("no snapshot added");
    }

    /** The measured probability P(N) of eq. (36): the fraction of cell values that round to N molecules. */
    public double probability(int s, long n) {
        long[] h = histogram[s];
        if (h == null || n < lowest[s] || n >= lowest[s] + h.length) {
            return 0;
        }
        return h[(int) (n - lowest[s])] / ((double) snapshots * voxels);
    }

    /** The Poisson probability of N molecules at the given mean (0 for N &lt; 0). */
    public static double poisson(double mean, long n) {
        if (n < 0) {
            return 0;
        }
        if (mean == 0) {
            return n == 0 ? 1 : 0;
        }
        return Math.exp(n * Math.log(mean) - mean - LogFactorial.of(n));
    }

    /**
     * D_KL = sum_N P_Poisson(N) log(P_Poisson(N) / P(N)) (eq. 37) against Poisson(poissonMean),
     * poissonMean in molecules per cell.
     *
     * <p>Empty and sparse bins: with M = cells x snapshots samples, the counts N whose Poisson
     * expectation M P_Poisson(N) is at least {@link #MIN_EXPECTED} are summed one by one; the
     * counts below them (negative ones included) form one tail bin and those above another, and a
     * tail expecting fewer than 5 samples joins its neighbour. Every bin then expects at least 5
     * samples, so an exact sampler rarely leaves one empty; if one is empty anyway, its measured
     * probability is taken as half a sample (0.5 / M) instead of 0, so the divergence stays finite
     * and large. As M grows the bins become the single counts of eq. (37). With fewer than two
     * bins (too few samples) the divergence is NaN.
     */
    public Divergence divergence(int s, double poissonMean) {
        if (snapshots == 0) {
            throw new IllegalStateException("no snapshot added");
        }
        if (!(poissonMean >= 0) || Double.isInfinite(poissonMean)) {
            throw new IllegalArgumentException("a Poisson mean must be finite and non-negative; got " + poissonMean);
        }
        long samples = (long) snapshots * voxels;
        // The run of counts around the mode that expect at least MIN_EXPECTED samples each.
        long mode = (long) Math.floor(poissonMean);
        if (samples * poisson(poissonMean, mode) < MIN_EXPECTED) {
            return new Divergence(Double.NaN, poissonMean, 1, samples);
        }
        long lo = mode;
        while (lo > 0 && samples * poisson(poissonMean, lo - 1) >= MIN_EXPECTED) {
            lo--;
        }
        long hi = mode;
        while (samples * poisson(poissonMean, hi + 1) >= MIN_EXPECTED) {
            hi++;
        }
        int inner = (int) (hi - lo + 1);
        double[] expected = new double[inner + 2];  // [0] the lower tail, [inner + 1] the upper tail
        double[] measured = new double[inner + 2];
        double cumulative = 0;
        for (long n = 0; n < lo; n++) {
            cumulative += poisson(poissonMean, n);
        }
        expected[0] = cumulative;
        for (int i = 0; i < inner; i++) {
            expected[i + 1] = poisson(poissonMean, lo + i);
            cumulative += expected[i + 1];
        }
        expected[inner + 1] = Math.max(0, 1 - cumulative);
        long[] h = histogram[s];
        for (int i = 0; i < h.length; i++) {
            long n = lowest[s] + i;
            int bin = n < lo ? 0 : n > hi ? inner + 1 : (int) (n - lo) + 1;
            measured[bin] += h[i];
        }
        // Tails expecting fewer than MIN_EXPECTED samples join their neighbour.
        int first = 0;
        int last = inner + 1;
        if (samples * expected[0] < MIN_EXPECTED) {
            expected[1] += expected[0];
            measured[1] += measured[0];
            first = 1;
        }
        if (samples * expected[inner + 1] < MIN_EXPECTED) {
            expected[inner] += expected[inner + 1];
            measured[inner] += measured[inner + 1];
            last = inner;
        }
        int used = last - first + 1;
        if (used < 2) {
            return new Divergence(Double.NaN, poissonMean, used, samples);
        }
        double kl = 0;
        for (int b = first; b <= last; b++) {
            if (expected[b] > 0) {
                double p = Math.max(measured[b], 0.5) / samples;
                kl += expected[b] * Math.log(expected[b] / p);
            }
        }
        return new Divergence(kl, poissonMean, used, samples);
    }
}
