package org.rdsim.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.jtransforms.fft.DoubleFFT_3D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The static structure factor of a stationary run (fhd-schemes.md section 7, paper eqs. 8-9),
 * accumulated snapshot by snapshot:
 *
 * <pre>
 *   S_s(k) = V &lt; |delta nhat_{s,k}|^2 &gt;,   nhat_k = (1/V) sum_i n_i e^{-i k.x_i} dV,   V = cells dV,
 * </pre>
 *
 * on a grid periodic on every axis, k = 2 pi m / (N dx) per axis, k = 0 left out. With the
 * discrete transform X_k = sum_i n_i e^{-2 pi i m.i/N}, nhat_k = X_k / cells and
 * S = dV |X_k|^2 / cells; iid cells of density variance sigma^2 give S = dV sigma^2 (for Poisson
 * counts, nbar).
 *
 * <p><b>Fluctuation.</b> delta nhat = nhat - its mean over all snapshots, and the sum of squares
 * is divided by M - 1 instead of M (M snapshots): unbiased for uncorrelated snapshots; with a
 * statistical inefficiency g (snapshots per independent sample) the bias left is about
 * -(g - 1)/M relative, far below the standard error for any run long enough to analyze.
 *
 * <p><b>Binning.</b> Modes are grouped by |k| in shells of width dk = 2 pi / L, L = N dx the
 * shortest side: bin j holds the modes with round(|k| / dk) = j (those below dk/2, possible on an
 * elongated box, go to bin 1). In 1-D bin j is exactly the pair m = +-j, j = 1..N/2. Every
 * non-zero mode of the full spectrum is kept, up to the corners of the Brillouin zone; the two
 * members of a pair +-k carry the same value (a real field). A bin reports the mean |k| and mean
 * |ktilde| of its modes, ktilde_a = sin(k_a dx/2)/(dx/2) (the modified wavenumber, eq. 34), so a
 * curve in ktilde^2 is compared through {@link #binAverage}.
 *
 * <p><b>Standard error.</b> Successive snapshots are correlated, so the error comes from batch
 * means (statistical-tests.md): the M snapshots, in the order given, are split into B contiguous
 * batches (B = 20 by default), S is estimated per batch (with the mean over all snapshots
 * subtracted), and se = sd(batch values) / sqrt(B). Valid when a batch is longer than the
 * correlation time of the slowest mode; add snapshots in time order.
 *
 * <p>Snapshots are species-major densities, [species][z][y][x] with x fastest, exactly as
 * {@code NpyFile} reads a field ([species, nz, ny, nx]). The transforms run on one thread (a
 * process-wide JTransforms setting, as in SpectralSolve); a snapshot costs one FFT per species in
 * one reused work array. Memory: two doubles per mode and species for the mean, and one double per
 * bin, species and snapshot.
 */
public final class StructureFactor {

    /** Batches for the standard error unless told otherwise. */
    public static final int BATCHES = 20;

    /**
     * One radial bin: mean |k| and mean |ktilde| of its modes, how many modes it holds, S and its
     * batch-means standard error.
     */
    public record Bin(double k, double ktilde, int modes, double s, double se) {
    }

    /**
     * The bins of one species, and the mean of S over the bins (each bin weighing the same) with
     * its batch-means standard error, which accounts for the correlation between bins.
     */
    public record Spectrum(List<Bin> bins, double mean, double meanSe) {
    }

    private final int[] cells;
    private final int species;
    private final int voxels;
    private final double cellVolume;
    private final int batches;
    private final DoubleFFT_1D fft1;
    private final DoubleFFT_2D fft2;
    private final DoubleFFT_3D fft3;
    private final double[] work;         // interleaved complex, x fastest
    private final int[] binOf;           // per mode (voxel index), -1 for k = 0
    private final int bins;
    private final int[] modes;           // per bin
    private final double[] meanK;        // per bin
    private final double[] meanKtilde;   // per bin
    private final double[] ktildeSquared; // per mode
    private final double[][] sumRe;      // [species][mode]
    private final double[][] sumIm;
    private double[] periodogram = new double[0]; // [snapshot][species][bin], grown by doubling
    private int snapshots;

    /**
     * An accumulator for a grid of {@code cells} (1 to 3 axes, x first, each periodic) of side dx
     * and cell volume {@code cellVolume} (A dx^d), for {@code species} species, with
     * {@link #BATCHES} batches.
     */
    public StructureFactor(int[] cells, double dx, double cellVolume, int species) {
        this(cells, dx, cellVolume, species, BATCHES);
    }

    public StructureFactor(int[] cells, double dx, double cellVolume, int species, int batches) {
        if (cells.length < 1 || cells.length > 3) {
            throw new IllegalArgumentException("a grid has 1 to 3 axes; got " + cells.length);
        }
        if (!(dx > 0) || !(cellVolume > 0) || species < 1 || batches < 2) {
            throw new IllegalArgumentException("dx and the cell volume must be positive, with at least one species"
                    + " and two batches; got dx = " + dx + ", dV = " + cellVolume + ", " + species + " species, "
                    + batches + " batches");
        }
        this.cells = cells.clone();
        this.species = species;
        this.cellVolume = cellVolume;
        this.batches = batches;
        long n = 1;
        for (int c : cells) {
            if (c < 1) {
                throw new IllegalArgumentException("cells per axis must be positive: " + Arrays.toString(cells));
            }
            n *= c;
        }
        if (n < 2 || 2 * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a structure factor needs 2 to 2^30 cells; got " + n);
        }
        voxels = (int) n;
        // Axes of one cell carry no wavenumber; the others, slowest first, set the transform's shape.
        int[] active = Arrays.stream(new int[] {cells.length > 2 ? cells[2] : 1, cells.length > 1 ? cells[1] : 1,
            cells[0]}).filter(c -> c > 1).toArray();
        ConcurrencyUtils.setNumberOfThreads(1);
        fft1 = active.length == 1 ? new DoubleFFT_1D(active[0]) : null;
        fft2 = active.length == 2 ? new DoubleFFT_2D(active[0], active[1]) : null;
        fft3 = active.length == 3 ? new DoubleFFT_3D(active[0], active[1], active[2]) : null;
        work = new double[2 * voxels];

        double shortest = Double.POSITIVE_INFINITY;
        for (int c : cells) {
            if (c > 1) {
                shortest = Math.min(shortest, c * dx);
            }
        }
        double dk = 2 * Math.PI / shortest;
        binOf = new int[voxels];
        ktildeSquared = new double[voxels];
        double[] kNorm = new double[voxels];
        int maxBin = 0;
        int[] m = new int[3];
        for (int v = 0; v < voxels; v++) {
            int rest = v;
            double k2 = 0;
            double kt2 = 0;
            for (int a = 0; a < cells.length; a++) {
                int index = rest % cells[a];
                rest /= cells[a];
                m[a] = index <= cells[a] / 2 ? index : index - cells[a];
                double k = 2 * Math.PI * m[a] / (cells[a] * dx);
                double kt = Math.sin(k * dx / 2) / (dx / 2);
                k2 += k * k;
                kt2 += kt * kt;
            }
            kNorm[v] = Math.sqrt(k2);
            ktildeSquared[v] = kt2;
            binOf[v] = v == 0 ? -1 : Math.max(1, (int) Math.round(kNorm[v] / dk));
            maxBin = Math.max(maxBin, binOf[v]);
        }
        // Renumber the non-empty shells 0, 1, ... in order of |k|.
        int[] count = new int[maxBin + 1];
        for (int v = 1; v < voxels; v++) {
            count[binOf[v]]++;
        }
        int[] renumber = new int[maxBin + 1];
        int used = 0;
        for (int j = 1; j <= maxBin; j++) {
            renumber[j] = count[j] > 0 ? used++ : -1;
        }
        bins = used;
        modes = new int[bins];
        meanK = new double[bins];
        meanKtilde = new double[bins];
        for (int v = 1; v < voxels; v++) {
            int b = renumber[binOf[v]];
            binOf[v] = b;
            modes[b]++;
            meanK[b] += kNorm[v];
            meanKtilde[b] += Math.sqrt(ktildeSquared[v]);
        }
        for (int b = 0; b < bins; b++) {
            meanK[b] /= modes[b];
            meanKtilde[b] /= modes[b];
        }
        sumRe = new double[species][voxels];
        sumIm = new double[species][voxels];
    }

    /** Adds one snapshot of densities, species-major ([species][z][y][x], x fastest), in time order. */
    public void add(double[] densities) {
        if (densities.length != species * voxels) {
            throw new IllegalArgumentException(densities.length + " values for " + species + " species on "
                    + Arrays.toString(cells) + " cells; expected " + species * voxels);
        }
        int stride = species * bins;
        if (periodogram.length < (snapshots + 1) * stride) {
            periodogram = Arrays.copyOf(periodogram, Math.max(16 * stride, 2 * periodogram.length));
        }
        int base = snapshots * stride;
        double scale = cellVolume / voxels; // S = dV |X_k|^2 / cells
        for (int s = 0; s < species; s++) {
            System.arraycopy(densities, s * voxels, work, 0, voxels);
            if (fft1 != null) {
                fft1.realForwardFull(work);
            } else if (fft2 != null) {
                fft2.realForwardFull(work);
            } else {
                fft3.realForwardFull(work);
            }
            double[] re = sumRe[s];
            double[] im = sumIm[s];
            int row = base + s * bins;
            for (int v = 1; v < voxels; v++) {
                double x = work[2 * v];
                double y = work[2 * v + 1];
                re[v] += x;
                im[v] += y;
                periodogram[row + binOf[v]] += scale * (x * x + y * y);
            }
        }
        snapshots++;
    }

    /** Snapshots added so far. */
    public int snapshots() {
        return snapshots;
    }

    /** The number of radial bins (the same for every species). */
    public int bins() {
        return bins;
    }

    /** S per bin of species s with batch-means errors; needs at least as many snapshots as batches. */
    public Spectrum spectrum(int s) {
        if (snapshots < batches) {
            throw new IllegalStateException(snapshots + " snapshots cannot fill " + batches + " batches");
        }
        // V |mean nhat_k|^2 summed over each bin's modes: the part of the periodogram that is not fluctuation.
        double[] meanPart = new double[bins];
        double scale = cellVolume / voxels / ((double) snapshots * snapshots);
        for (int v = 1; v < voxels; v++) {
            double x = sumRe[s][v];
            double y = sumIm[s][v];
            meanPart[binOf[v]] += scale * (x * x + y * y);
        }
        double unbiased = snapshots / (snapshots - 1.0);
        double[][] batch = new double[batches][bins];
        int stride = species * bins;
        for (int b = 0; b < batches; b++) {
            int from = (int) ((long) b * snapshots / batches);
            int to = (int) ((long) (b + 1) * snapshots / batches);
            for (int t = from; t < to; t++) {
                int row = t * stride + s * bins;
                for (int j = 0; j < bins; j++) {
                    batch[b][j] += periodogram[row + j];
                }
            }
            for (int j = 0; j < bins; j++) {
                batch[b][j] = unbiased * (batch[b][j] / (to - from) - meanPart[j]) / modes[j];
            }
        }
        List<Bin> out = new ArrayList<>(bins);
        double[] overall = new double[bins];
        for (int t = 0; t < snapshots; t++) {
            int row = t * stride + s * bins;
            for (int j = 0; j < bins; j++) {
                overall[j] += periodogram[row + j];
            }
        }
        double[] column = new double[batches];
        for (int j = 0; j < bins; j++) {
            double value = unbiased * (overall[j] / snapshots - meanPart[j]) / modes[j];
            for (int b = 0; b < batches; b++) {
                column[b] = batch[b][j];
            }
            out.add(new Bin(meanK[j], meanKtilde[j], modes[j], value, standardError(column)));
        }
        double mean = 0;
        for (Bin bin : out) {
            mean += bin.s() / bins;
        }
        for (int b = 0; b < batches; b++) {
            column[b] = Arrays.stream(batch[b]).sum() / bins;
        }
        return new Spectrum(out, mean, standardError(column));
    }

    /**
     * The average over each bin's modes of f(|ktilde|^2): a theory in the modified wavenumber
     * compared bin by bin (a bin mixes directions whose ktilde differ at large k).
     */
    public double[] binAverage(DoubleUnaryOperator ofKtildeSquared) {
        double[] avg = new double[bins];
        for (int v = 1; v < voxels; v++) {
            avg[binOf[v]] += ofKtildeSquared.applyAsDouble(ktildeSquared[v]);
        }
        for (int j = 0; j < bins; j++) {
            avg[j] /= modes[j];
        }
        return avg;
    }

    /** sd / sqrt(B) of B batch values. */
    static double standardError(double[] batchValues) {
        int b = batchValues.length;
        double mean = Arrays.stream(batchValues).sum() / b;
        double ss = 0;
        for (double v : batchValues) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (b - 1) / b);
    }
}
