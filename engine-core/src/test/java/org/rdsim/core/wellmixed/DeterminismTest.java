package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;

/** A replica's trajectory is a pure function of (model, seed, replica). */
class DeterminismTest {

    private static double[] trajectory(ReplicaRunner runner, long replica) {
        List<Double> out = new ArrayList<>();
        runner.runOne(replica, (k, t, x) -> {
            for (double v : x) {
                out.add(v);
            }
        });
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "nrm", "tau", "midpoint-tau", "{algorithm: cle, dt: 0.01}"})
    void sameSeedAndReplicaGiveTheSameTrajectory(String method) {
        Model m = Ensembles.model("""
                name: dimerisation
                volume: 1.0
                species: {S1: 2000, S2: 0, S3: 0}
                reactions: ["S1 -> 0 @ 1", "2 S1 -> S2 @ 0.001", "S2 -> 2 S1 @ 0.5", "S2 -> S3 @ 0.04"]
                time: {end: 2.0, output: 0.1}
                seed: 1234
                """, "method=" + method);
        double[] first = trajectory(new ReplicaRunner(m), 17);
        // A runner that has already simulated other replicas gives the same numbers: no state
        // leaks from one replica into the next.
        ReplicaRunner reused = new ReplicaRunner(m);
        reused.run(0, 5);
        assertArrayEquals(first, trajectory(reused, 17));
        assertArrayEquals(first, trajectory(reused, 17));
        assertFalse(Arrays.equals(first, trajectory(reused, 18)), "replicas must differ");
        assertFalse(Arrays.equals(first, trajectory(new ReplicaRunner(m.withSeed(1235)), 17)),
                "seeds must differ");
        assertTrue(first.length == 21 * 3);
    }
}
