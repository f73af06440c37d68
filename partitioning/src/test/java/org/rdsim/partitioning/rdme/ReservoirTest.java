package org.rdsim.partitioning.rdme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;

/**
 * Open boundaries (models.md): a reservoir face lets molecules out at D/dx^2 each and in at
 * (D/dx^2) c_R V_voxel, which holds the mean at c = c_R half a cell outside the face. The
 * network is linear, so the stationary law is product Poisson with means that solve the flux
 * balance exactly.
 */
class ReservoirTest {

    private static final int N = 8;
    private static final double C_R = 10.0;
    private static final int REPLICAS = 1000;

    /**
     * Started in the stationary law (Poisson(c_R V) everywhere) with a reflecting far end and no
     * sink, the lattice must stay there: mean c_R V and variance = mean in every voxel.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nsm", "{algorithm: nsm, block: [3]}", "{algorithm: split-mn, dt: 0.5, block: [3]}"})
    void aReservoirWithoutSinksKeepsThePoissonEquilibrium(String method) {
        Model m = Ensembles.model("""
                name: open
                domain: {cells: [8], dx: 1.0, A: 1.0, boundary: {x-: {reservoir: {X: 10.0}}, x+: reflecting}}
                species: {X: {D: 1.0, initial: {uniform: 10.0}}}
                reactions: []
                method: %s
                time: {end: 50.0, output: 50.0}
                seed: 31
                """.formatted(method));
        double[][] finals = LatticeTesting.finals(m, REPLICAS);
        for (int v = 0; v < N; v++) {
            double[] mean = Stat.meanAndSe(finals[v]);
            double[] var = Stat.varianceAndSe(finals[v]);
            Stat.assertAgrees(method + ": mean in voxel " + v, mean[0], C_R, mean[1]);
            Stat.assertAgrees(method + ": variance in voxel " + v, var[0], C_R, var[1]);
        }
    }

    /**
     * From an empty lattice, the stationary means against the exact flux balance
     * h (left + right - 2 m_i) - k m_i = 0, with c_R V beyond the reservoir face, nothing beyond an
     * absorbing face and no flux through a reflecting one. The split scheme's mean follows
     * m + h (L m + inflow) per step, whose fixed point is the same when nothing reacts.
     */
    @ParameterizedTest(name = "far end {0}, degradation {1}, {2}")
    @CsvSource({
        "absorbing,  0.0,  nsm",
        "reflecting, 0.05, nsm",
        "absorbing,  0.05, nsm",
        "absorbing,  0.05, '{algorithm: nsm, block: [2]}'",
        "absorbing,  0.0,  '{algorithm: split-mn, dt: 0.25, block: [5]}'",
    })
    void stationaryProfilesSolveTheLatticeFluxBalance(String farEnd, double k, String method) {
        Model m = Ensembles.model("""
                name: profile
                domain: {cells: [8], dx: 1.0, A: 1.0, boundary: {x-: {reservoir: {X: 10.0}}, x+: %s}}
                species: {X: {D: 1.0, initial: {uniform: 0}}}
                reactions: ["X -> 0 @ %s"]
                method: %s
                time: {end: 80.0, output: 80.0}
                seed: 32
                """.formatted(farEnd, k, method));
        double h = 1.0;
        double[] a = new double[N];
        double[] b = new double[N];
        double[] c = new double[N];
        double[] d = new double[N];
        for (int i = 0; i < N; i++) {
            a[i] = -h;
            c[i] = -h;
            b[i] = 2 * h + k;
        }
        d[0] = h * C_R; // the reservoir, c_R V with V = 1, is the left neighbour of voxel 0
        if (farEnd.equals("reflecting")) {
            b[N - 1] = h + k; // no flux through the last face
        }
        double[] exact = LatticeTesting.tridiagonal(a, b, c, d);
        double[][] finals = LatticeTesting.finals(m, REPLICAS);
        double chi2 = 0;
        for (int v = 0; v < N; v++) {
            double[] mean = Stat.meanAndSe(finals[v]);
            double z = (mean[0] - exact[v]) / Math.sqrt(exact[v] / REPLICAS); // Poisson: variance = mean
            chi2 += z * z;
        }
        double p = LatticeTesting.chiSquareP(chi2, N);
        assertTrue(p > Stat.P_MIN, "profile vs exact flux balance: chi-square " + chi2 + " on " + N + " dof, p = " + p);
    }
}
