package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;

/**
 * Isomerisation A -> B (k1 = 1), B -> A (k2 = 0.5) from A = 8000, B = 2000.
 *
 * <p>Each molecule switches independently, so A(t) is a sum of two binomials with the exact
 * mean and variance below. The exact methods must reproduce both. The approximate methods have
 * a known bias: for a linear network the mean of a leap is the deterministic increment, so the
 * expected tau-leaping mean is the explicit Euler recursion with the method's own step-size rule
 * (Cao-Gillespie-Petzold tau' evaluated on the mean), midpoint tau-leaping the explicit midpoint
 * recursion, and the CLE the Euler recursion with step dt (whose variance also follows an exact
 * recursion). The measured means must agree with those predictions, the bias must be large enough
 * to be seen, and the measured bias must shrink with epsilon as the prediction does.
 */
class LinearNetworkTest {

    private static final double K1 = 1.0;
    private static final double K2 = 0.5;
    private static final double A0 = 8000;
    private static final double B0 = 2000;
    private static final double T = 1.0;
    private static final int REPLICAS = 8000;

    private static Model model(String method) {
        return Ensembles.model("""
                name: isomerisation
                volume: 1.0
                species: {A: 8000, B: 2000}
                reactions: ["A -> B @ 1.0", "B -> A @ 0.5"]
                time: {end: 1.0, output: 1.0}
                seed: 5
                """, "method=" + method);
    }

    private static double exactMean() {
        double lambda = K1 + K2;
        double aInf = (A0 + B0) * K2 / lambda;
        return aInf + (A0 - aInf) * Math.exp(-lambda * T);
    }

    private static double exactVariance() {
        double lambda = K1 + K2;
        double e = Math.exp(-lambda * T);
        double pAA = (K2 + K1 * e) / lambda; // a molecule starting as A is A at T
        double pBA = K2 * (1 - e) / lambda;  // a molecule starting as B is A at T
        return A0 * pAA * (1 - pAA) + B0 * pBA * (1 - pBA);
    }

    /** The deterministic twin of (midpoint) tau-leaping with the CGP step rule, on the mean. */
    static double predictedLeapMean(double epsilon, boolean midpoint) {
        double a = A0;
        double b = B0;
        double t = 0;
        while (t < T) {
            double mu = -K1 * a + K2 * b;      // dA/dt = -dB/dt
            double sigma2 = K1 * a + K2 * b;   // both species, g = 1
            double boundA = Math.max(epsilon * a, 1);
            double boundB = Math.max(epsilon * b, 1);
            double tau = Math.min(Math.min(boundA / Math.abs(mu), boundA * boundA / sigma2),
                    Math.min(boundB / Math.abs(mu), boundB * boundB / sigma2));
            assertTrue(tau >= 10 / (K1 * a + K2 * b), "the prediction assumes no exact-step fallback");
            tau = Math.min(tau, T - t);
            double drift = mu;
            if (midpoint) {
                double am = a + 0.5 * tau * mu;
                double bm = b - 0.5 * tau * mu;
                drift = -K1 * am + K2 * bm;
            }
            a += tau * drift;
            b -= tau * drift;
            t += tau;
        }
        return a;
    }

    private static double se() {
        return Math.sqrt(exactVariance() / REPLICAS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "nrm"})
    void exactMethodsReproduceTheExactMeanAndVariance(String method) {
        EnsembleStatistics stats = Ensembles.run(model(method), REPLICAS);
        Stat.assertAgrees(method + " mean A(1)", stats.mean(1, 0), exactMean(), se());
        double[] var = Stat.varianceAndSe(Ensembles.finals(stats, 0));
        Stat.assertAgrees(method + " variance A(1)", var[0], exactVariance(), var[1]);
        for (int i = 0; i < REPLICAS; i++) {
            assertEquals(A0 + B0, stats.finalValue(i, 0) + stats.finalValue(i, 1), "molecules are conserved");
        }
    }

    @Test
    void tauLeapingHasTheExpectedFirstOrderBias() {
        double exact = exactMean();
        double[] epsilons = {0.03, 0.015};
        double[] measured = new double[2];
        double[] predicted = new double[2];
        for (int i = 0; i < 2; i++) {
            double eps = epsilons[i];
            predicted[i] = predictedLeapMean(eps, false) - exact;
            EnsembleStatistics stats = Ensembles.run(model("{algorithm: tau, epsilon: " + eps + "}"), REPLICAS);
            measured[i] = stats.mean(1, 0) - exact;
            Stat.assertAgrees("tau eps=" + eps + " mean vs its Euler twin", stats.mean(1, 0), exact + predicted[i], se());
            Stat.assertDiffers("tau eps=" + eps + " bias is visible", stats.mean(1, 0), exact, se());
        }
        // The simulator's own bias ratio (delta-method error) against the twin's, which is ~1/2.
        double ratio = measured[1] / measured[0];
        double ratioSe = Math.abs(ratio) * Math.hypot(se() / measured[1], se() / measured[0]);
        Stat.assertAgrees("measured bias ratio eps/2 : eps", ratio, predicted[1] / predicted[0], ratioSe);
        assertTrue(Math.abs(predicted[1] / predicted[0] - 0.5) < 0.05, "first order: " + predicted[1] / predicted[0]);
    }

    @Test
    void midpointTauLeapingHasASecondOrderBias() {
        double exact = exactMean();
        double predicted = predictedLeapMean(0.03, true);
        EnsembleStatistics midpoint = Ensembles.run(model("{algorithm: midpoint-tau, epsilon: 0.03}"), REPLICAS);
        Stat.assertAgrees("midpoint tau mean vs its midpoint twin", midpoint.mean(1, 0), predicted, se());
        EnsembleStatistics explicit = Ensembles.run(model("{algorithm: tau, epsilon: 0.03}"), REPLICAS);
        double midpointBias = Math.abs(midpoint.mean(1, 0) - exact);
        double explicitBias = Math.abs(explicit.mean(1, 0) - exact);
        assertTrue(midpointBias + Stat.Z * se() < explicitBias / 4, "measured midpoint bias " + midpointBias
                + " should be far below the explicit method's " + explicitBias);
        double ratio = (predictedLeapMean(0.015, true) - exact) / (predicted - exact);
        assertTrue(Math.abs(ratio - 0.25) < 0.05, "the twin's bias quarters with epsilon (second order): " + ratio);
    }

    /** Mean and variance of A after Euler-Maruyama with step h: exact recursions for a linear network. */
    static double[] eulerMaruyamaMoments(double dt) {
        int steps = (int) Math.round(T / dt);
        double h = T / steps;
        double a = A0;
        double b = B0;
        double var = 0;
        double contraction = 1 - h * (K1 + K2);
        for (int i = 0; i < steps; i++) {
            // A' = A + h(-k1 A + k2 B) + sqrt(h k1 A) xi1 - ... ; E[a_j(X)] = a_j(E X) for linear a_j.
            var = contraction * contraction * var + h * (K1 * a + K2 * b);
            double mu = -K1 * a + K2 * b;
            a += h * mu;
            b -= h * mu;
        }
        return new double[] {a, var};
    }

    @Test
    void chemicalLangevinMeanAndVarianceFollowTheirEulerMaruyamaRecursions() {
        double exact = exactMean();
        EnsembleStatistics coarse = Ensembles.run(model("{algorithm: cle, dt: 0.01}"), REPLICAS);
        Stat.assertAgrees("cle dt=0.01 mean vs Euler", coarse.mean(1, 0), eulerMaruyamaMoments(0.01)[0], se());
        Stat.assertDiffers("cle dt=0.01 Euler bias is visible", coarse.mean(1, 0), exact, se());
        EnsembleStatistics fine = Ensembles.run(model("{algorithm: cle, dt: 0.0005}"), REPLICAS);
        double[] em = eulerMaruyamaMoments(0.0005);
        Stat.assertAgrees("cle dt=0.0005 mean vs Euler", fine.mean(1, 0), em[0], se());
        Stat.assertAgrees("cle dt=0.0005 mean vs exact", fine.mean(1, 0), exact, se());
        double[] var = Stat.varianceAndSe(Ensembles.finals(fine, 0));
        Stat.assertAgrees("cle dt=0.0005 variance vs its Euler-Maruyama recursion", var[0], em[1], var[1]);
        double[] coarseVar = Stat.varianceAndSe(Ensembles.finals(coarse, 0));
        Stat.assertAgrees("cle dt=0.01 variance vs its Euler-Maruyama recursion", coarseVar[0],
                eulerMaruyamaMoments(0.01)[1], coarseVar[1]);
    }

    @Test
    void rateEquationsGiveTheExactMean() {
        EnsembleStatistics ode = Ensembles.run(model("{algorithm: ode, rtol: 1e-10, atol: 1e-8}"), 1);
        assertEquals(exactMean(), ode.mean(1, 0), 1e-7 * exactMean());
        assertEquals(A0 + B0, ode.mean(1, 0) + ode.mean(1, 1), 1e-6);
    }
}
