package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.testing.Stat;

/**
 * Critical reactions fire one at a time, at exponential times, inside leaps. X -> 0 with X(0) = 8
 * stays critical (fewer than 10 firings from exhaustion) while a fast Y -> Z with 10^5 molecules
 * keeps the method leaping; X is independent of Y, so X(1) must be exactly Binomial(8, e^-1).
 */
class TauCriticalReactionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tau", "midpoint-tau"})
    void criticalFiringsKeepTheExactLaw(String algorithm) {
        Model m = ModelLoader.parse("""
                name: critical
                volume: 1.0
                species: {X: 8, Y: 100000, Z: 0}
                reactions: ["X -> 0 @ 1.0", "Y -> Z @ 1.0"]
                time: {end: 1.0, output: 1.0}
                seed: 8
                """, "critical.yaml", List.of("method.algorithm=" + algorithm));
        int replicas = 20_000;
        long[] counts = new long[9];
        long leaps = 0;
        long exactSteps = 0;
        WellMixedSimulator sim = WellMixedSimulators.create(m);
        for (long r = 0; r < replicas; r++) {
            double[] x = m.initialState();
            sim.resetCounters();
            sim.simulate(x, m.time().outputTimes(), WellMixedSimulators.replicaStream(m.seed(), r), (k, t, s) -> { });
            counts[(int) x[0]]++;
            leaps += sim.diagnostics().get("leaps");
            exactSteps += sim.diagnostics().get("exactSteps");
        }
        assertTrue(leaps > 10L * replicas, "the method leapt: " + leaps);
        assertEquals(0, exactSteps, "no exact-step fallback: the X firings came from the critical path");
        double p = Math.exp(-1);
        double[] law = new double[9];
        for (int k = 0; k <= 8; k++) {
            law[k] = binomial(8, k) * Math.pow(p, k) * Math.pow(1 - p, 8 - k);
        }
        Stat.chiSquare(counts, law).assertFits(algorithm + ": X(1) against Binomial(8, e^-1)");
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 0; i < k; i++) {
            b = b * (n - i) / (i + 1);
        }
        return b;
    }
}
