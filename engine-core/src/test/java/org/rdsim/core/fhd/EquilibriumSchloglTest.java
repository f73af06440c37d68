package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rdsim.core.analysis.CellStatistics;
import org.rdsim.core.analysis.StructureFactor;
import org.rdsim.core.model.Model;

/**
 * Thermodynamic-equilibrium Schlogl (k1..k4 = 0.1, n_eq = 1, r = Gamma = 0.2, D = 1, dx = 1) at
 * A = 10, ten molecules per cell, on 64 periodic cells, for each of the six schemes at a dt well
 * inside its stability region. The exact process has product-Poisson(10) cells, so S(k) = 1 at
 * every k, a mean density of 1, a Poisson(10) count distribution, and P_neg = zeta = 0 (paper
 * eqs. 36-39). Each scheme runs 4000 time units after 100 of burn-in, a snapshot every 0.5; the
 * estimators are those of {@code rdsim analyze} ({@link StructureFactor}, {@link CellStatistics})
 * with 40 batch means, each batch 100 time units, 20 times the slowest mode's relaxation time.
 *
 * <p>The dt of each scheme is chosen so that its linearized recursion (fhd-schemes.md section 7)
 * stays within 0.6 standard errors of flat at every k; the test asserts that too, so a flat S is
 * the right expectation and not a coincidence. For the first-order EM schemes that needs
 * dt = 0.0025 (S(kmax) 0.53% high), for the explicit midpoint schemes dt = 0.05 (0.14-0.19%), for
 * ImMidTau dt = 0.25 (0.01%). ImMidSSA runs at dt = 0.1: its recursion is as flat at 0.25, but
 * its mean density is not, an effect beyond the linear recursion that grows with dt (measured
 * with this test: 1.0056 +- 0.0019 at dt = 0.25, 1.0087 +- 0.0018 at 0.5, 1.0002 +- 0.0018 at
 * 0.1). The likely cause is the splitting: each cell's SSA runs the whole dt from the predictor
 * state, whose count distribution is not the Poisson law for which the LMA-corrected rates
 * average to the mean-field rate.
 *
 * <p>Checks and their false alarms: (a) every k bin within 4.5 standard errors of the recursion
 * (t with 39 degrees of freedom: 6e-5 per bin, 192 bins, about 1% for the whole suite); (b) the
 * mean of S over the bins within 4.5 standard errors of the recursion's mean; (c) the mean density
 * within 4.5 standard errors of n_eq = 1; (d) zeta within 4.5 standard errors of the recursion's
 * zeta (below 1e-3 for these dt); (e) the KL divergence of the cell counts from Poisson(10) below 4
 * times what sampling alone gives for this run's effective number of samples (see
 * {@link #klSamplingLevel}); (f) P_neg below one tenth of a Gaussian field's Phi(-sqrt(n dV)) =
 * 7.8e-4, the level the smoothed-Heaviside face average is there to beat.
 *
 * <p>The paper's Fig. 4 levels are not available in this repository, so (e) is derived from the
 * sampling level rather than from them: every scheme here measures KL 0.6-1.5 times its sampling
 * level, so the systematic KL of the schemes at A = 10 and these dt is below the resolution of a
 * run of this length (about 1e-4). {@link #theChecksFailForWrongPhysics} shows the suite failing
 * for diffusive noise 5% too strong and for a creation rate 10% too high.
 */
class EquilibriumSchloglTest {

    private static final int CELLS = 64;
    private static final double A = 10;
    private static final double NBAR = 1;
    private static final double R = 0.2;
    private static final int BATCHES = 40;

    enum Scheme {
        EM_TAU(0.0025, LinearRecursion.EM_TAU),
        EM_SSA(0.0025, LinearRecursion.EM_SSA),
        EX_MID_TAU(0.05, LinearRecursion.EX_MID_TAU),
        EX_MID_SSA(0.05, LinearRecursion.EX_MID_SSA),
        IM_MID_TAU(0.25, LinearRecursion.IM_MID_TAU),
        IM_MID_SSA(0.1, LinearRecursion.IM_MID_SSA);

        final double dt;
        final LinearRecursion recursion;

        Scheme(double dt, LinearRecursion recursion) {
            this.dt = dt;
            this.recursion = recursion;
        }

        FhdScheme build(Model m, double eps) {
            return recursion.scheme(m, dt, eps);
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void cellsArePoissonAndTheStructureFactorIsFlat(Scheme scheme) {
        List<String> failed = check(scheme, 1.0, FhdTesting.SCHLOGL_EQ);
        assertTrue(failed.isEmpty(), scheme + ": " + String.join("; ", failed));
    }

    /**
     * The same checks reject wrong physics on ImMidTau: a diffusive noise amplitude 5% too strong
     * (eps = 1.05^2; S rises by 7%, and the bins, the mean of S, zeta and the KL fail) and 0 -> X
     * 10% too fast (the mean density rises to 1.047; the mean, the mean of S and the KL fail).
     */
    @Test
    void theChecksFailForWrongPhysics() {
        List<String> noisy = check(Scheme.IM_MID_TAU, 1.05 * 1.05, FhdTesting.SCHLOGL_EQ);
        assertTrue(noisy.stream().anyMatch(f -> f.startsWith("mean S")), String.join("; ", noisy));
        List<String> fast = check(Scheme.IM_MID_TAU, 1.0,
                "['2 X -> 3 X @ 0.1', '3 X -> 2 X @ 0.1', '0 -> X @ 0.11', 'X -> 0 @ 0.1']");
        assertTrue(fast.stream().anyMatch(f -> f.startsWith("mean density")), String.join("; ", fast));
        assertTrue(fast.stream().anyMatch(f -> f.startsWith("KL")), String.join("; ", fast));
    }

    /** Runs the scheme on the model with these reactions and returns the checks that failed, each with its numbers. */
    private static List<String> check(Scheme scheme, double eps, String reactions) {
        Model m = FhdTesting.model("[" + CELLS + "]", "periodic", "{X: {D: 1.0, initial: {uniform: 1.0}}}",
                reactions, 1.0, A, 7);
        FhdScheme s = scheme.build(m, eps);
        double dt = scheme.dt;
        double[] n = new double[CELLS];
        Arrays.fill(n, NBAR);
        FhdTesting.Sampled run = FhdTesting.sample(s, n, A, Math.round(100 / dt), (int) Math.round(0.5 / dt), 8000,
                BATCHES);
        StructureFactor sf = run.structureFactor();
        CellStatistics cs = run.cells();

        List<String> failed = new ArrayList<>();
        StringBuilder report = new StringBuilder(scheme + " dt " + dt + " eps " + eps);
        StructureFactor.Spectrum spectrum = sf.spectrum(0);
        double[] predicted = sf.binAverage(k2 -> scheme.recursion.s(k2, R, R * NBAR, NBAR, dt));
        double predictedMean = Arrays.stream(predicted).average().orElseThrow();
        for (int j = 0; j < predicted.length; j++) {
            StructureFactor.Bin bin = spectrum.bins().get(j);
            double z = (bin.s() - predicted[j]) / bin.se();
            // "well inside": the recursion's own departure from flat is below 0.6 standard errors
            double offFlat = Math.abs(predicted[j] - NBAR) / bin.se();
            report.append(String.format("%n  k %.3f S %.4f +- %.4f recursion %.4f z %+.2f", bin.k(), bin.s(),
                    bin.se(), predicted[j], z));
            if (Math.abs(z) >= 4.5) {
                failed.add(String.format("S(k = %.3f) = %.4f +- %.4f against %.4f", bin.k(), bin.s(), bin.se(),
                        predicted[j]));
            }
            if (eps == 1.0 && offFlat > 0.6) {
                failed.add(String.format("dt %.4f is not well inside: the recursion is %.2f standard errors off flat"
                        + " at k = %.3f", dt, offFlat, bin.k()));
            }
        }
        if (Math.abs(spectrum.mean() - predictedMean) >= 4.5 * spectrum.meanSe()) {
            failed.add(String.format("mean S %.4f +- %.4f against %.4f", spectrum.mean(), spectrum.meanSe(),
                    predictedMean));
        }

        CellStatistics.Moments moments = cs.moments(0);
        if (Math.abs(moments.mean() - NBAR) >= 4.5 * moments.meanSe()) {
            failed.add(String.format("mean density %.4f +- %.4f against %.1f", moments.mean(), moments.meanSe(),
                    NBAR));
        }
        double zeta = zeta(sf, spectrum, predicted, scheme.recursion.s(0, R, R * NBAR, NBAR, dt));
        if (Math.abs(moments.zeta() - zeta) >= 4.5 * moments.zetaSe()) {
            failed.add(String.format("zeta %.4f +- %.4f against %.4f", moments.zeta(), moments.zetaSe(), zeta));
        }
        CellStatistics.Divergence kl = cs.divergence(0, NBAR * A);
        double level = klSamplingLevel(kl, moments);
        if (!(kl.kl() < 4 * level)) {
            failed.add(String.format("KL %.2e, 4 times the sampling level %.2e", kl.kl(), level));
        }
        double gaussian = 0.5 * Erf.erfc(Math.sqrt(NBAR * A / 2));  // Phi(-sqrt(n dV))
        if (!(moments.pneg() < gaussian / 10)) {
            failed.add(String.format("P_neg %.2e, above a tenth of the Gaussian level %.2e", moments.pneg(),
                    gaussian));
        }
        report.append(String.format("%n  mean S %.4f +- %.4f (recursion %.4f); density %.4f +- %.4f; zeta %.4f +- %.4f"
                        + " (recursion %.5f); KL %.2e (sampling level %.2e, %d bins); P_neg %.2e",
                spectrum.mean(), spectrum.meanSe(), predictedMean, moments.mean(), moments.meanSe(), moments.zeta(),
                moments.zetaSe(), zeta, kl.kl(), level, kl.bins(), moments.pneg()));
        if (Boolean.getBoolean("rdsim.report")) {
            System.out.println(report + (failed.isEmpty() ? "" : "\n  FAILED: " + failed));
        }
        return failed;
    }

    /**
     * The neighbour correlation the recursion predicts: zeta = sum_k S(k) cos(k dx) / sum_k S(k)
     * over all 64 modes of the ring. The k = 0 mode (the total, which relaxes only by reactions)
     * counts too, because the estimator subtracts the mean over the whole run, not each snapshot's:
     * leaving it out would predict -1/63 for a flat S instead of 0.
     */
    private static double zeta(StructureFactor sf, StructureFactor.Spectrum spectrum, double[] predicted,
                                double total) {
        double[] cosine = sf.binAverage(k2 -> 1 - k2 / 2);  // cos(k dx) = 1 - ktilde^2 dx^2 / 2
        double num = total;
        double den = total;
        for (int j = 0; j < predicted.length; j++) {
            int modes = spectrum.bins().get(j).modes();
            num += modes * predicted[j] * cosine[j];
            den += modes * predicted[j];
        }
        return num / den;
    }

    /**
     * What the KL divergence of an exact sampler would be for this run, from two parts: the
     * histogram's shape, (bins - 1) / (2 N_eff), with N_eff = 2 var^2 / se(var)^2 the number of
     * independent samples that would give the variance's batch-means standard error; and the run's
     * slowly fluctuating overall mean, (se(mean) dV)^2 / (2 n dV), the divergence of a Poisson law
     * shifted by one standard error of the mean.
     */
    static double klSamplingLevel(CellStatistics.Divergence kl, CellStatistics.Moments m) {
        double effective = 2 * m.variance() * m.variance() / (m.varianceSe() * m.varianceSe());
        double shift = m.meanSe() * A;
        return (kl.bins() - 1) / (2 * effective) + shift * shift / (2 * kl.poissonMean());
    }
}
