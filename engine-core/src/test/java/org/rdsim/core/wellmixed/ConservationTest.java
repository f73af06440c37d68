package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.Stoichiometry;
import org.rdsim.core.testing.Ensembles;

/** Conservation laws found by the analysis hold exactly along every discrete trajectory. */
class ConservationTest {

    private static final String ENZYME = """
            name: michaelis-menten
            volume: 1.0
            species: {E: 10, S: 200, ES: 0, P: 0}
            reactions: ["E + S -> ES @ 0.01", "ES -> E + S @ 0.1", "ES -> E + P @ 0.5"]
            time: {end: 50.0, output: 0.1}
            seed: 9
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "nrm", "{algorithm: tau, epsilon: 0.05}", "{algorithm: midpoint-tau, epsilon: 0.05}"})
    void everyRecordedStateKeepsTheConservedTotals(String method) {
        Model m = Ensembles.model(ENZYME, "method=" + method);
        long[][] laws = Stoichiometry.conservationLaws(Stoichiometry.matrix(m));
        Set<String> names = new TreeSet<>();
        for (long[] law : laws) {
            names.add(Stoichiometry.describe(law, m.speciesNames()));
        }
        assertEquals(Set.of("E + ES", "S + ES + P"), names);
        double[] conserved = new double[laws.length];
        for (int i = 0; i < laws.length; i++) {
            conserved[i] = Stoichiometry.value(laws[i], m.initialState());
        }
        ReplicaRunner runner = new ReplicaRunner(m);
        long[] states = {0};
        for (int r = 0; r < 200; r++) {
            runner.runOne(r, (k, t, x) -> {
                for (int i = 0; i < laws.length; i++) {
                    assertEquals(conserved[i], Stoichiometry.value(laws[i], x), "law " + i + " at t=" + t);
                }
                for (double v : x) {
                    assertTrue(v >= 0 && v == Math.rint(v), "whole non-negative counts, got " + v);
                }
                states[0]++;
            });
        }
        assertEquals(200L * 501, states[0]);
    }

    @Test
    void tauLeapingNeverProducesNegativeCountsEvenWithoutCriticalReactions() {
        // Aggressive epsilon and no critical reactions: leaps overshoot and must be rejected. Every
        // reactant starts well populated (a reactant near zero would force exact steps instead).
        Model m = Ensembles.model("""
                name: depletion
                volume: 1.0
                species: {A: 400, B: 300, C: 50, X: 1000}
                reactions: ["A + B -> C @ 0.002", "C -> A + B @ 0.5", "X -> 0 @ 1"]
                time: {end: 10.0, output: 2.0}
                method: {algorithm: tau, epsilon: 0.9, critical: 0}
                seed: 4
                """);
        ReplicaRunner runner = new ReplicaRunner(m);
        long rejected = 0;
        long leaps = 0;
        for (int r = 0; r < 2000; r++) {
            runner.runOne(r, (k, t, x) -> {
                for (double v : x) {
                    assertTrue(v >= 0, "negative count " + v + " at t=" + t);
                }
                assertEquals(450.0, x[0] + x[2]);
                assertEquals(350.0, x[1] + x[2]);
            });
            rejected += runner.simulator().diagnostics().get("rejectedLeaps");
            leaps += runner.simulator().diagnostics().get("leaps");
        }
        assertTrue(rejected > 100 && leaps > 1000, "the rejection path was not exercised: " + rejected
                + " rejected of " + leaps + " leaps");
    }
}
