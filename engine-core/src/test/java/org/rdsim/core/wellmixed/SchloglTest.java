package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.BatchMeans;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;

/**
 * The bistable Schlogl model in V = 100 is a birth-death chain whose stationary law follows from
 * pi(N+1)/pi(N) = birth(N)/death(N+1); it is bimodal (modes near 44 and 140) with mean switching
 * times of about 440 (up) and 175 (down). One long trajectory, sampled every time unit after a
 * burn-in, is compared bin by bin with the exact law; batch means over 40 batches of 25000 time
 * units (about 40 switches each) give the standard errors.
 */
class SchloglTest {

    private static final double[] K = {0.31, 0.1, 0.08, 0.29};
    private static final double V = 100;
    private static final int[] EDGES = {0, 20, 35, 50, 65, 80, 95, 110, 125, 140, 155, 170, 185, 200, 1000};

    private static Model model(String algorithm, double k1, double end) {
        return Ensembles.model("""
                name: schlogl
                volume: 100.0
                parameters: {k1: %s, k2: 0.1, k3: 0.08, k4: 0.29}
                species: {X: 44}
                reactions: ["2 X -> 3 X @ k1", "3 X -> 2 X @ k2", "0 -> X @ k3", "X -> 0 @ k4"]
                time: {end: %s, output: 1.0}
                seed: 3
                """.formatted(k1, end), "method.algorithm=" + algorithm);
    }

    static double[] exactLaw(int nMax) {
        double[] log = new double[nMax + 1];
        for (int n = 0; n < nMax; n++) {
            double birth = V * K[2] + K[0] * n * (n - 1.0) / V;
            double m = n + 1.0;
            double death = K[3] * m + K[1] * m * (m - 1) * (m - 2) / (V * V);
            log[n + 1] = log[n] + Math.log(birth) - Math.log(death);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : log) {
            max = Math.max(max, l);
        }
        double[] p = new double[nMax + 1];
        double sum = 0;
        for (int n = 0; n <= nMax; n++) {
            p[n] = Math.exp(log[n] - max);
            sum += p[n];
        }
        for (int n = 0; n <= nMax; n++) {
            p[n] /= sum;
        }
        return p;
    }

    /** Largest |z| over the bins between the time-averaged histogram and the exact law. */
    private static double worstZ(Model model, double burnIn, StringBuilder report) {
        double[] pi = exactLaw(999);
        int bins = EDGES.length - 1;
        long samples = (long) (model.time().end() - burnIn);
        BatchMeans[] occupancy = new BatchMeans[bins];
        for (int b = 0; b < bins; b++) {
            occupancy[b] = new BatchMeans(40, samples);
        }
        WellMixedSimulator sim = WellMixedSimulators.create(model);
        double[] x = model.initialState();
        sim.simulate(x, model.time().outputTimes(), WellMixedSimulators.replicaStream(model.seed(), 0),
                (k, t, state) -> {
                    if (t <= burnIn) {
                        return;
                    }
                    for (int b = 0; b < bins; b++) {
                        occupancy[b].add(state[0] >= EDGES[b] && state[0] < EDGES[b + 1] ? 1 : 0);
                    }
                });
        double worst = 0;
        for (int b = 0; b < bins; b++) {
            double exact = 0;
            for (int n = EDGES[b]; n < EDGES[b + 1]; n++) {
                exact += pi[n];
            }
            double z = (occupancy[b].mean() - exact) / occupancy[b].se();
            report.append(String.format("%n  [%d,%d): %.5f vs exact %.5f, se %.5f, z %.2f", EDGES[b], EDGES[b + 1],
                    occupancy[b].mean(), exact, occupancy[b].se(), z));
            worst = Math.max(worst, Math.abs(z));
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "nrm"})
    void longRunHistogramMatchesTheExactStationaryLaw(String algorithm) {
        StringBuilder report = new StringBuilder();
        double worst = worstZ(model(algorithm, K[0], 1_002_000), 2000, report);
        assertTrue(worst <= Stat.Z, algorithm + ": a bin is off by more than " + Stat.Z + " se:" + report);
    }

    @Test
    void theTestSeesATwoPercentRateError() {
        StringBuilder report = new StringBuilder();
        double worst = worstZ(model("direct", K[0] * 1.02, 202_000), 2000, report);
        assertTrue(worst > Stat.Z, "k1 off by 2% must be detected:" + report);
    }
}
