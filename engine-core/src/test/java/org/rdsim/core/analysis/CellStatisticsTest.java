package org.rdsim.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.MarsagliaTsangWangDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.rdsim.core.testing.Stat;

/**
 * One-cell statistics on fields with known laws: exact Poisson counts (KL consistent with 0,
 * P_neg = 0, zeta = 0), wrong count laws (KL far beyond sampling), Gaussian cells
 * (P_neg = Phi(-mu / sigma)) and a moving average (zeta = 1/2).
 *
 * <p>KL threshold: for M independent samples of the reference law itself, expanding eq. (37) to
 * second order in P - P_Poisson gives 2 M D_KL = sum_bins M (P - P_Poisson)^2 / P_Poisson, Pearson's
 * statistic, chi-square with (bins - 1) degrees of freedom (the bins are merged to 5 expected
 * samples, where the expansion holds). So D_KL is accepted when the chi-square upper tail at
 * 2 M D_KL is above 1e-4, and a wrong law must push it below.
 */
class CellStatisticsTest {

    private static final int CELLS = 64;
    private static final int SNAPSHOTS = 500;

    /** Fills every cell of every snapshot from the supplier (densities), on a periodic line. */
    private static CellStatistics line(DoubleSupplier density) {
        CellStatistics stats = new CellStatistics(new int[] {CELLS}, new boolean[] {true}, 10.0, 1);
        for (int t = 0; t < SNAPSHOTS; t++) {
            double[] n = new double[CELLS];
            for (int i = 0; i < CELLS; i++) {
                n[i] = density.getAsDouble();
            }
            stats.add(n);
        }
        return stats;
    }

    private static UniformRandomProvider rng(long seed) {
        return new XoShiRo256PlusPlus(new long[] {seed, 3, 5, 7});
    }

    /** With -Drdsim.report=true, prints the divergence and its p-value. */
    private static void report(String what, CellStatistics.Divergence d) {
        if (Boolean.getBoolean("rdsim.report")) {
            System.out.printf("%s: KL %.4g on %d bins, sampling level %.3g, p = %.3g%n", what, d.kl(), d.bins(),
                    d.samplingLevel(), klP(d));
        }
    }

    /** Upper-tail probability of chi-square(bins - 1) at 2 M D_KL. */
    private static double klP(CellStatistics.Divergence d) {
        return Gamma.regularizedGammaQ((d.bins() - 1) / 2.0, d.samples() * d.kl());
    }

    private static void assertKlConsistentWithZero(String what, CellStatistics.Divergence d) {
        report(what, d);
        assertTrue(klP(d) > Stat.P_MIN, String.format("%s: KL %.3g on %d bins from %d samples (sampling level %.3g),"
                + " p = %.3g", what, d.kl(), d.bins(), d.samples(), d.samplingLevel(), klP(d)));
    }

    private static void assertKlBeyondSampling(String what, CellStatistics.Divergence d) {
        report(what, d);
        assertTrue(klP(d) < Stat.P_MIN, String.format("%s: KL %.3g on %d bins from %d samples should be beyond "
                + "sampling (level %.3g), p = %.3g", what, d.kl(), d.bins(), d.samples(), d.samplingLevel(), klP(d)));
    }

    /**
     * Exact Poisson(10) counts in cells of volume 10: the KL divergence from Poisson(10) is
     * sampling noise, the mean density is 1 and the variance 10 / dV^2 = 0.1 within their errors,
     * nothing is negative and neighbours are uncorrelated.
     */
    @Test
    void exactPoissonCountsHaveKlConsistentWithZero() {
        PoissonSampler poisson = new PoissonSampler(rng(1), 10);
        CellStatistics stats = line(() -> poisson.sample() / 10.0);
        CellStatistics.Divergence d = stats.divergence(0, 10);
        assertKlConsistentWithZero("Poisson(10) vs Poisson(10)", d);
        assertTrue(d.bins() >= 15, "bins " + d.bins());
        assertEquals((long) CELLS * SNAPSHOTS, d.samples());
        CellStatistics.Moments m = stats.moments(0);
        Stat.assertAgrees("mean density", m.mean(), 1.0, m.meanSe());
        Stat.assertAgrees("variance", m.variance(), 0.1, m.varianceSe());
        assertEquals(0, m.pneg());
        Stat.assertAgrees("zeta of iid cells", m.zeta(), 0, m.zetaSe());
        double total = 0;
        for (long n = stats.minCount(0); n <= stats.maxCount(0); n++) {
            total += stats.probability(0, n);
        }
        assertEquals(1, total, 1e-12);
        assertEquals(10.0, stats.meanCount(0), 4.5 * m.meanSe() * 10);
    }

    /**
     * The check can fail: Poisson counts with a mean 20% or 3% too large, and Binomial(20, 1/2)
     * counts (mean 10 like the reference, variance 5 instead of 10), all against Poisson(10).
     */
    @Test
    void wrongCountLawsHaveKlBeyondSampling() {
        PoissonSampler larger = new PoissonSampler(rng(2), 12);
        assertKlBeyondSampling("Poisson(12) vs Poisson(10)", line(() -> larger.sample() / 10.0).divergence(0, 10));
        PoissonSampler slightly = new PoissonSampler(rng(3), 10.3);
        assertKlBeyondSampling("Poisson(10.3) vs Poisson(10)", line(() -> slightly.sample() / 10.0).divergence(0,
                10));
        var binomial = MarsagliaTsangWangDiscreteSampler.Binomial.of(rng(4), 20, 0.5);
        CellStatistics narrow = line(() -> binomial.sample() / 10.0);
        Stat.assertAgrees("binomial mean", narrow.moments(0).mean(), 1.0, narrow.moments(0).meanSe());
        assertKlBeyondSampling("Binomial(20, 1/2) vs Poisson(10)", narrow.divergence(0, 10));
    }

    /**
     * An empty bin does not make the divergence infinite: a law that never gives 10 molecules has
     * the half-sample floor there, and a large but finite KL.
     */
    @Test
    void anEmptyBinGivesALargeFiniteDivergence() {
        PoissonSampler poisson = new PoissonSampler(rng(5), 10);
        CellStatistics stats = line(() -> {
            int n = poisson.sample();
            return (n == 10 ? 11 : n) / 10.0;
        });
        assertEquals(0, stats.probability(0, 10));
        CellStatistics.Divergence d = stats.divergence(0, 10);
        double p10 = CellStatistics.poisson(10, 10);
        assertTrue(Double.isFinite(d.kl()) && d.kl() > 0.8 * p10 * Math.log(p10 * d.samples() / 0.5), "KL " + d.kl());
    }

    /** Gaussian cells N(1, 0.5^2): P_neg = Phi(-2), and the check tells it from Phi(-1 / 0.55). */
    @Test
    void negativeDensityFractionOfAGaussianFieldIsPhiOfMinusMeanOverSd() {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng(6));
        CellStatistics.Moments m = line(() -> 1 + 0.5 * gauss.sample()).moments(0);
        Stat.assertAgrees("P_neg", m.pneg(), phi(-2), m.pnegSe());
        Stat.assertDiffers("P_neg vs a 10% wider law", m.pneg(), phi(-1 / 0.55), m.pnegSe());
        Stat.assertAgrees("variance", m.variance(), 0.25, m.varianceSe());
    }

    private static double phi(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    /**
     * n_i = mu + sigma (Z_i + Z_{i+1}) / sqrt 2 has Cov[n_i, n_{i+1}] / Var[n] = 1/2 (1-D); along x
     * only in a 2-D box with independent rows, zeta averages 1/2 and 0 over the two axes.
     */
    @Test
    void neighbourCorrelationOfAMovingAverageIsOneHalf() {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng(7));
        for (int dims = 1; dims <= 2; dims++) {
            int rows = dims == 1 ? 1 : 16;
            int[] cells = dims == 1 ? new int[] {CELLS} : new int[] {CELLS, rows};
            CellStatistics stats = new CellStatistics(cells, dims == 1 ? new boolean[] {true}
                    : new boolean[] {true, true}, 10.0, 1);
            double[] z = new double[CELLS];
            for (int t = 0; t < 400; t++) {
                double[] n = new double[CELLS * rows];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < CELLS; i++) {
                        z[i] = gauss.sample();
                    }
                    for (int i = 0; i < CELLS; i++) {
                        n[r * CELLS + i] = 2 + 0.3 * (z[i] + z[(i + 1) % CELLS]) / Math.sqrt(2);
                    }
                }
                stats.add(n);
            }
            CellStatistics.Moments m = stats.moments(0);
            double exact = dims == 1 ? 0.5 : 0.25;
            Stat.assertAgrees(dims + "-D zeta", m.zeta(), exact, m.zetaSe());
            Stat.assertDiffers(dims + "-D zeta vs 10% less", m.zeta(), 0.9 * exact, m.zetaSe());
            Stat.assertAgrees(dims + "-D variance", m.variance(), 0.09, m.varianceSe());
        }
    }

    /**
     * The pooled neighbour covariance against a direct sum of (n_i - nbar)(n_j - nbar) over pairs,
     * on a 3 x 4 x 2 grid with the wrap counted only on periodic axes (and the second species, on
     * another scale, kept apart from the first).
     */
    @Test
    void neighbourPairsFollowThePeriodicAxesOnly() {
        int[] cells = {3, 4, 2};
        for (boolean[] periodic : new boolean[][] {{true, true, true}, {false, true, false}, {false, false, false}}) {
            CellStatistics stats = new CellStatistics(cells, periodic, 1.0, 2, 2);
            UniformRandomProvider rng = rng(8);
            double[][] snapshots = new double[4][48];
            for (double[] n : snapshots) {
                for (int i = 0; i < 48; i++) {
                    n[i] = rng.nextDouble() * (i < 24 ? 1 : 100);
                }
                stats.add(n);
            }
            double mean = 0;
            for (double[] n : snapshots) {
                for (int i = 0; i < 24; i++) {
                    mean += n[i] / 96;
                }
            }
            double variance = 0;
            double pairSum = 0;
            long pairs = 0;
            for (double[] n : snapshots) {
                for (int z = 0; z < 2; z++) {
                    for (int y = 0; y < 4; y++) {
                        for (int x = 0; x < 3; x++) {
                            double v = n[x + 3 * (y + 4 * z)] - mean;
                            variance += v * v / 96;
                            int[][] next = {{x + 1, y, z}, {x, y + 1, z}, {x, y, z + 1}};
                            for (int a = 0; a < 3; a++) {
                                int[] q = next[a];
                                if (q[a] == cells[a] && !periodic[a]) {
                                    continue;
                                }
                                q[a] %= cells[a];
                                pairSum += v * (n[q[0] + 3 * (q[1] + 4 * q[2])] - mean);
                                pairs++;
                            }
                        }
                    }
                }
            }
            double zeta = pairSum / pairs / variance;
            CellStatistics.Moments m = stats.moments(0);
            assertEquals(mean, m.mean(), 1e-12);
            assertEquals(variance, m.variance(), 1e-12);
            assertEquals(zeta, m.zeta(), 1e-12, java.util.Arrays.toString(periodic));
        }
    }
}
