package org.rdsim.partitioning.rdme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;
import org.rdsim.partitioning.BlockRunner;

/**
 * A + B <-> C on a periodic lattice (the N1 benchmark chemistry, k1 = k2 = 1, V_voxel = 1, 10 A and
 * 10 B per voxel): reversible mass action with detailed balance, so the stationary law is
 * product Poisson over voxels conditioned on the conserved totals. The totals then follow the
 * well-mixed birth-death chain in N_C with volume V voxels x V_voxel, whose mean is computed
 * exactly; per voxel it is 7.298 in the large-system limit, c = (k1/(k2 V)) a b, a = b = 10 - c.
 * The split scheme keeps that law exactly too: its reaction halves are exact SSA, and multinomial
 * diffusion maps independent Poisson counts to independent Poisson counts with the same means.
 */
class BindingEquilibriumTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nsm", "{algorithm: nsm, block: [4, 4, 4]}", "{algorithm: split-mn, dt: 0.05, block: [4, 8, 3]}"})
    void theMeanBoundAmountMatchesDetailedBalance(String method) {
        int side = 8;
        int voxels = side * side * side;
        Model m = Ensembles.model("""
                name: binding
                domain: {cells: [8, 8, 8], dx: 1.0, A: 1.0, boundary: periodic}
                species:
                  A: {D: 1.0, initial: {uniform: 10, sampling: round}}
                  B: {D: 1.0, initial: {uniform: 10, sampling: round}}
                  C: {D: 1.0, initial: {uniform: 0}}
                reactions: ["A + B -> C @ 1.0", "C -> A + B @ 1.0"]
                method: %s
                time: {end: 4.0, output: 4.0}
                seed: 41
                """.formatted(method));
        int replicas = 60;
        double[] perVoxel = new double[replicas];
        BlockRunner runner = new BlockRunner(m);
        for (int r = 0; r < replicas; r++) {
            int replica = r;
            runner.run(r, (k, t, counts, totals) -> {
                assertEquals(10L * voxels, totals[0] + totals[2], "A + C conserved");
                assertEquals(10L * voxels, totals[1] + totals[2], "B + C conserved");
                if (k == 1) {
                    perVoxel[replica] = totals[2] / (double) voxels;
                }
            });
        }
        double exact = exactMeanBound(10 * voxels, voxels);
        double large = (21 - Math.sqrt(41)) / 2;
        // Not a statistical check: the conditioning on 5120 molecules moves the mean by far less
        // than the estimate's standard error, so the large-system value is what is being tested.
        assertEquals(large, exact, 1e-3, "finite-size correction of the exact mean");
        double[] est = Stat.meanAndSe(perVoxel);
        Stat.assertAgrees(method + ": mean C per voxel", est[0], exact, est[1]);
    }

    /** E[N_C]/V for the chain pi(c+1)/pi(c) = (k1 a b / W) / (k2 (c+1)), a = b = total - c, W = V. */
    static double exactMeanBound(int total, int voxels) {
        double[] log = new double[total + 1];
        double max = 0;
        for (int c = 0; c < total; c++) {
            double ab = (double) (total - c) * (total - c);
            log[c + 1] = log[c] + Math.log(ab / voxels) - Math.log(c + 1.0);
            max = Math.max(max, log[c + 1]);
        }
        double z = 0;
        double mean = 0;
        for (int c = 0; c <= total; c++) {
            double w = Math.exp(log[c] - max);
            z += w;
            mean += c * w;
        }
        return mean / z / voxels;
    }
}
