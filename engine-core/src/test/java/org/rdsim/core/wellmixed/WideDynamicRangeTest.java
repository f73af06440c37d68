package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.testing.Stat;

/**
 * The total propensity swings over many orders of magnitude: a rare trigger (rate 1e-9) releases
 * a burst of 300 molecules that decays away. The incremental a0 of the direct method must not
 * mistake its rounding residue for propensity: the system must absorb cleanly, and a tiny true
 * propensity left behind (W -> 0 at 1e-13) must fire at exactly its own rate.
 */
class WideDynamicRangeTest {

    private static final String BURST = """
            name: burst
            volume: 1.0
            species: {Y: 1, X: 0, Z: 0, W: 1}
            reactions: ["Y -> 300 X @ 1e-9", "X -> Z @ 0.1", "2 X -> X @ 0.017", "Z -> 0 @ 0.71", "W -> 0 @ %s"]
            time: {end: 1e13, output: 1e12}
            seed: 1
            """;

    private static final List<Function<ReactionNetwork, WellMixedSimulator>> ENGINES = List.of(
            CompiledDirectMethod::new, DirectMethod::new, NextReactionMethod::new);

    @Test
    void theBurstAbsorbsCleanly() {
        Model m = ModelLoader.parse(BURST.formatted("0"), "burst.yaml", List.of());
        ReactionNetwork net = new ReactionNetwork(m);
        for (Function<ReactionNetwork, WellMixedSimulator> engine : ENGINES) {
            for (long r = 0; r < 50; r++) {
                double[] x = m.initialState();
                engine.apply(net).simulate(x, m.time().outputTimes(), WellMixedSimulators.replicaStream(1, r),
                        (k, t, s) -> { });
                assertArrayEquals(new double[] {0, 0, 0, 1}, x, "replica " + r + " ends absorbed");
            }
        }
    }

    @Test
    void aTinyPropensityAfterTheBurstFiresAtItsOwnRate() {
        double rate = 1e-13;
        double horizon = 1e13;
        Model m = ModelLoader.parse(BURST.formatted(rate), "burst.yaml", List.of());
        ReactionNetwork net = new ReactionNetwork(m);
        double exact = 1 - Math.exp(-rate * horizon);
        int replicas = 4000;
        for (Function<ReactionNetwork, WellMixedSimulator> engine : ENGINES) {
            int decayed = 0;
            for (long r = 0; r < replicas; r++) {
                double[] x = m.initialState();
                engine.apply(net).simulate(x, new double[] {0, horizon}, WellMixedSimulators.replicaStream(2, r),
                        (k, t, s) -> { });
                decayed += x[3] == 0 ? 1 : 0;
            }
            String name = engine.apply(net).getClass().getSimpleName();
            Stat.assertAgrees(name + ": fraction of W decayed by t = 1e13", decayed / (double) replicas, exact,
                    Math.sqrt(exact * (1 - exact) / replicas));
        }
    }
}
