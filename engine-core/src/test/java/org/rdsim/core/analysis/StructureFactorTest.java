package org.rdsim.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.testing.Stat;

/**
 * The structure factor estimator on fields whose S(k) is known exactly: iid cells (flat
 * S = dV Var[n], nbar for Poisson counts) and a moving average along x (S = dV sigma^2 (1 + cos k dx)).
 *
 * <p>Snapshots here are independent, so besides the production errors (20 batches) each test
 * knows the exact variance of every bin: a periodogram value |X_k|^2 of a Gaussian field is
 * S times an exponential variate, or a chi-square(1) one for a self-conjugate mode (2k = 0 on the
 * grid), and a bin averages its modes, the two members of a pair +-k being the same number. So
 * Var[S_bin] = S^2 (4 pairs + 2 self) / modes^2 / M for M snapshots, and the sum over bins of
 * ((S_bin - exact) / sd)^2 is chi-square with one degree of freedom per bin: it must not be
 * improbable (p &gt; 1e-4). A bias of a few percent in every bin, too small for any one bin's
 * 4.5-sigma check, fails it; {@link #theChecksRejectAStructureFactorAFewPercentOff} shows that.
 */
class StructureFactorTest {

    /** How a spectrum compares with an exact curve. */
    record Verdict(double worstZ, double chiSquare, int bins, double p, double seRatio, String report) {

        boolean consistent() {
            return worstZ <= Stat.Z && p > Stat.P_MIN && Math.abs(seRatio - 1) <= seRatioLimit();
        }

        /**
         * The mean of (reported se / exact sd)^2 over the bins is 1 within its own sampling error:
         * a batch variance from 20 batches has relative sd sqrt(2/19), averaged over the bins.
         */
        double seRatioLimit() {
            return Stat.Z * Math.sqrt(2.0 / (StructureFactor.BATCHES - 1) / bins);
        }

        void assertConsistent() {
            assertTrue(consistent(), report);
        }

        void assertInconsistent() {
            assertTrue(!consistent(), "should be rejected: " + report);
        }
    }

    /** A grid, its cell volume and the snapshots fed to an accumulator. */
    private static StructureFactor accumulate(int[] cells, double dx, double dV, List<double[]> snapshots) {
        StructureFactor sf = new StructureFactor(cells, dx, dV, 1);
        snapshots.forEach(sf::add);
        return sf;
    }

    /** Compares species 0's spectrum with the exact S of every mode, bin by bin and all bins together. */
    private static Verdict compare(StructureFactor sf, int[] cells, double dx, ModeFunction exact, int snapshots) {
        StructureFactor.Spectrum spectrum = sf.spectrum(0);
        List<Shell> shells = shells(cells, dx, exact);
        assertEquals(shells.size(), spectrum.bins().size(), "bins");
        double worst = 0;
        double chi = 0;
        double ratio = 0;
        int used = 0;
        StringBuilder report = new StringBuilder();
        for (int j = 0; j < shells.size(); j++) {
            Shell shell = shells.get(j);
            StructureFactor.Bin bin = spectrum.bins().get(j);
            assertEquals(shell.modes, bin.modes(), "modes in bin " + j);
            double s = shell.sum / shell.modes;
            double sd = Math.sqrt(shell.variance / snapshots) / shell.modes;
            if (sd == 0) { // every mode of the bin cancels exactly (the Nyquist mode of a moving average)
                assertEquals(0, bin.s(), 1e-12, "bin " + j + " of exact S = 0");
                continue;
            }
            used++;
            double z = (bin.s() - s) / bin.se();
            worst = Math.max(worst, Math.abs(z));
            chi += (bin.s() - s) * (bin.s() - s) / (sd * sd);
            ratio += bin.se() * bin.se() / (sd * sd);
            report.append(String.format("%n  k %.4f S %.5f +- %.5f (exact sd %.5f) exact %.5f z %+.2f", bin.k(),
                    bin.s(), bin.se(), sd, s, z));
        }
        ratio /= used;
        double p = Gamma.regularizedGammaQ(used / 2.0, chi / 2.0);
        String head = String.format("largest |z| %.2f (limit %.1f), chi-square %.1f on %d bins, p = %.2g, mean "
                + "(se / exact sd)^2 = %.3f", worst, Stat.Z, chi, used, p, ratio);
        if (Boolean.getBoolean("rdsim.report")) {
            System.out.println(head + report);
        }
        return new Verdict(worst, chi, used, p, ratio, head + report);
    }

    /** The exact S of one mode given its integer wave numbers m per axis. */
    @FunctionalInterface
    interface ModeFunction {
        double at(int[] m);
    }

    /** One radial shell as documented: modes, sum of exact S over them, variance of their sum. */
    private static final class Shell {
        int modes;
        double sum;
        double variance;
    }

    /** The documented binning, recomputed: shells of width 2 pi / (shortest side) in |k|, empty ones dropped. */
    private static List<Shell> shells(int[] cells, double dx, ModeFunction exact) {
        double shortest = Double.POSITIVE_INFINITY;
        int total = 1;
        for (int c : cells) {
            shortest = c > 1 ? Math.min(shortest, c * dx) : shortest;
            total *= c;
        }
        double dk = 2 * Math.PI / shortest;
        TreeMap<Long, Shell> byIndex = new TreeMap<>();
        for (int v = 1; v < total; v++) {
            int rest = v;
            int[] m = new int[cells.length];
            double k2 = 0;
            boolean self = true;
            for (int a = 0; a < cells.length; a++) {
                int i = rest % cells[a];
                rest /= cells[a];
                m[a] = i <= cells[a] / 2 ? i : i - cells[a];
                double k = 2 * Math.PI * m[a] / (cells[a] * dx);
                k2 += k * k;
                self &= (2 * i) % cells[a] == 0;
            }
            long j = Math.max(1, Math.round(Math.sqrt(k2) / dk));
            Shell shell = byIndex.computeIfAbsent(j, x -> new Shell());
            double s = exact.at(m);
            shell.modes++;
            shell.sum += s;
            // a pair member contributes s E to the sum twice (E ~ Exp(1), var 1): 4 s^2 per pair, 2 s^2 per member;
            // a self-conjugate mode contributes s chi2(1): 2 s^2
            shell.variance += 2 * s * s;
        }
        return new ArrayList<>(byIndex.values());
    }

    /** iid Poisson counts with mean lambda per cell, as densities N / dV. */
    private static List<double[]> poissonFields(int cells, double lambda, double dV, int snapshots, long seed) {
        UniformRandomProvider rng = new XoShiRo256PlusPlus(new long[] {seed, 11, 22, 33});
        PoissonSampler poisson = new PoissonSampler(rng, lambda);
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < snapshots; t++) {
            double[] n = new double[cells];
            for (int i = 0; i < cells; i++) {
                n[i] = poisson.sample() / dV;
            }
            out.add(n);
        }
        return out;
    }

    /** n_i = mu + sigma (Z_i + Z_{i+1}) / sqrt 2 along x (periodic), iid rows along the other axes. */
    private static List<double[]> movingAverageFields(int nx, int rows, double mu, double sigma, int snapshots,
                                                      long seed) {
        UniformRandomProvider rng = new XoShiRo256PlusPlus(new long[] {seed, 44, 55, 66});
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        List<double[]> out = new ArrayList<>();
        double[] z = new double[nx];
        for (int t = 0; t < snapshots; t++) {
            double[] n = new double[nx * rows];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < nx; i++) {
                    z[i] = gauss.sample();
                }
                for (int i = 0; i < nx; i++) {
                    n[r * nx + i] = mu + sigma * (z[i] + z[(i + 1) % nx]) / Math.sqrt(2);
                }
            }
            out.add(n);
        }
        return out;
    }

    /**
     * iid Poisson(lambda) counts per cell give S(k) = lambda / dV = nbar at every k, in 1-D, 2-D
     * (a rectangle: shells of width 2 pi / L_short) and 3-D, with dV = A dx^d not 1.
     */
    @ParameterizedTest(name = "{0}-D")
    @ValueSource(ints = {1, 2, 3})
    void iidPoissonCountsGiveAFlatStructureFactorEqualToTheMeanDensity(int dims) {
        int[] cells = dims == 1 ? new int[] {64} : dims == 2 ? new int[] {32, 24} : new int[] {8, 8, 6};
        double dx = dims == 1 ? 1.0 : 0.5;
        double depth = dims == 1 ? 10 : 2;
        double dV = depth * Math.pow(dx, dims);
        double lambda = 5;
        int total = 1;
        for (int c : cells) {
            total *= c;
        }
        int snapshots = dims == 1 ? 400 : 200;
        List<double[]> fields = poissonFields(total, lambda, dV, snapshots, 100 + dims);
        StructureFactor sf = accumulate(cells, dx, dV, fields);
        assertEquals(snapshots, sf.snapshots());
        double nbar = lambda / dV;
        Verdict v = compare(sf, cells, dx, m -> nbar, snapshots);
        v.assertConsistent();
        StructureFactor.Spectrum spectrum = sf.spectrum(0);
        Stat.assertAgrees(dims + "-D mean of S over the bins", spectrum.mean(), nbar, spectrum.meanSe());
    }

    /**
     * A moving average along x, n_i = mu + sigma (Z_i + Z_{i+1}) / sqrt 2: Cov at lag 0 is sigma^2,
     * at lag +-1 sigma^2 / 2, so |X_k|^2 averages cells sigma^2 (1 + cos k dx) and
     * S(k) = dV sigma^2 (1 + cos k dx): 2 dV sigma^2 at small k, 0 at pi / dx. The estimator
     * follows the curve bin by bin (it is not flat), and the checks reject the flat value.
     */
    @Test
    void aMovingAverageFieldReproducesItsAnalyticCurve() {
        int nx = 64;
        double dx = 0.5;
        double dV = 4 * dx; // A = 4
        double sigma = 0.3;
        int snapshots = 400;
        StructureFactor sf = accumulate(new int[] {nx}, dx, dV, movingAverageFields(nx, 1, 2.0, sigma, snapshots,
                7));
        ModeFunction exact = m -> dV * sigma * sigma * (1 + Math.cos(2 * Math.PI * m[0] / nx));
        compare(sf, new int[] {nx}, dx, exact, snapshots).assertConsistent();
        compare(sf, new int[] {nx}, dx, m -> dV * sigma * sigma, snapshots).assertInconsistent();
        // the same along x of a 2-D box, whose y-rows are independent: S depends on k_x alone
        int[] box = {32, 16};
        StructureFactor sf2 = accumulate(box, dx, 2 * dx * dx, movingAverageFields(32, 16, 2.0, sigma, 200, 8));
        compare(sf2, box, dx, m -> 2 * dx * dx * sigma * sigma * (1 + Math.cos(2 * Math.PI * m[0] / 32)), 200)
                .assertConsistent();
    }

    /** Proof that the checks can fail: the right fields against curves a few percent off. */
    @Test
    void theChecksRejectAStructureFactorAFewPercentOff() {
        double dV = 10;
        StructureFactor sf = accumulate(new int[] {64}, 1.0, dV, poissonFields(64, 10, dV, 400, 3));
        compare(sf, new int[] {64}, 1.0, m -> 1.0, 400).assertConsistent();
        compare(sf, new int[] {64}, 1.0, m -> 1.08, 400).assertInconsistent();
        compare(sf, new int[] {64}, 1.0, m -> 0.92, 400).assertInconsistent();
        // a forgotten factor dV or 1/cells would be off by far more; so is the mean over the bins
        StructureFactor.Spectrum spectrum = sf.spectrum(0);
        Stat.assertDiffers("mean S vs a 6% larger value", spectrum.mean(), 1.06, spectrum.meanSe());
    }

    /** 1-D bin j is the pair m = +-j: |k| = 2 pi j / L and |ktilde| = sin(k dx / 2) / (dx / 2), exactly. */
    @Test
    void oneDimensionalBinsAreTheWaveNumbersWithTheirModifiedWaveNumbers() {
        int nx = 20;
        double dx = 0.25;
        StructureFactor sf = accumulate(new int[] {nx}, dx, 1.0, poissonFields(nx, 3, 1.0, 20, 5));
        List<StructureFactor.Bin> bins = sf.spectrum(0).bins();
        assertEquals(nx / 2, bins.size());
        DoubleUnaryOperator theory = kt2 -> 1 / (1 + kt2);
        double[] averaged = sf.binAverage(theory);
        for (int j = 1; j <= nx / 2; j++) {
            StructureFactor.Bin bin = bins.get(j - 1);
            double k = 2 * Math.PI * j / (nx * dx);
            double kt = Math.sin(k * dx / 2) / (dx / 2);
            assertEquals(k, bin.k(), 1e-12);
            assertEquals(kt, bin.ktilde(), 1e-12);
            assertEquals(j == nx / 2 ? 1 : 2, bin.modes());
            assertEquals(theory.applyAsDouble(kt * kt), averaged[j - 1], 1e-12);
        }
    }

    /** A deterministic pattern is a mean, not a fluctuation: a fixed sine added to the field changes nothing. */
    @Test
    void theMeanOverSnapshotsIsSubtracted() {
        List<double[]> plain = poissonFields(64, 10, 10, 100, 9);
        List<double[]> patterned = new ArrayList<>();
        for (double[] n : plain) {
            double[] p = n.clone();
            for (int i = 0; i < 64; i++) {
                p[i] += 0.5 * Math.sin(2 * Math.PI * 3 * i / 64);
            }
            patterned.add(p);
        }
        StructureFactor.Spectrum a = accumulate(new int[] {64}, 1, 10, plain).spectrum(0);
        StructureFactor.Spectrum b = accumulate(new int[] {64}, 1, 10, patterned).spectrum(0);
        for (int j = 0; j < a.bins().size(); j++) {
            assertEquals(a.bins().get(j).s(), b.bins().get(j).s(), 1e-9, "bin " + j);
        }
    }

    @Test
    void badShapesAndTooFewSnapshotsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StructureFactor(new int[] {1}, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StructureFactor(new int[] {4, 4, 4, 4}, 1, 1, 1));
        StructureFactor sf = new StructureFactor(new int[] {8}, 1, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> sf.add(new double[8]));
        sf.add(new double[16]);
        assertThrows(IllegalStateException.class, () -> sf.spectrum(0));
    }
}
