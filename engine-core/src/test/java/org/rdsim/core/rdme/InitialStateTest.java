package org.rdsim.core.rdme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdsim.core.lattice.InitialState;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;

class InitialStateTest {

    private static Model model(String initial) {
        return Ensembles.model("""
                name: init
                domain: {cells: [16, 16], dx: 0.5, A: 2.0, boundary: periodic}
                species: {X: {D: 1.0, initial: %s}}
                reactions: []
                time: {end: 1.0}
                seed: 3
                """.formatted(initial));
    }

    @Test
    void poissonCountsHaveTheRightMeanAndVariance() {
        Model m = model("{uniform: 12.0}"); // V_voxel = 2 * 0.25 = 0.5 -> mean 6
        Lattice lattice = new Lattice(m);
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            for (int c : InitialState.build(m, lattice, r)) {
                values.add((double) c);
            }
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] mean = Stat.meanAndSe(v);
        double[] var = Stat.varianceAndSe(v);
        Stat.assertAgrees("mean count", mean[0], 6.0, mean[1]);
        Stat.assertAgrees("variance", var[0], 6.0, var[1]);
        assertFalse(Arrays.equals(InitialState.build(m, lattice, 0), InitialState.build(m, lattice, 1)));
        assertArrayEquals(InitialState.build(m, lattice, 7), InitialState.build(m, lattice, 7));
    }

    @Test
    void roundingAndMultinomialPlacementAreExact() {
        Model round = model("{uniform: 13.2, sampling: round}"); // 6.6 per voxel -> 7
        Lattice lattice = new Lattice(round);
        for (int c : InitialState.build(round, lattice, 0)) {
            assertEquals(7, c);
        }
        Model multi = model("{sphere-tanh: {radius: 2.0, width: 0.5, inside: 20, outside: 1}, sampling: multinomial}");
        long expected = Math.round(multi.initialState()[0]);
        for (int r = 0; r < 5; r++) {
            long total = 0;
            for (int c : InitialState.build(multi, lattice, r)) {
                total += c;
            }
            assertEquals(expected, total, "a multinomial placement keeps the rounded total");
        }
        Model point = model("{point: {at: [3.2, 7.9], count: 55}}");
        int[] p = InitialState.build(point, lattice, 0);
        assertEquals(55, p[6 + 16 * 15]); // x 3.2 / 0.5 -> 6, y 7.9 / 0.5 -> 15
        assertEquals(55, Arrays.stream(p).sum());
    }
}
