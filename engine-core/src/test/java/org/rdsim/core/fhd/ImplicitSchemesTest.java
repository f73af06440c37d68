package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsim.core.fhd.FhdTesting.assertAgrees;
import static org.rdsim.core.fhd.FhdTesting.assertSecondOrder;
import static org.rdsim.core.fhd.FhdTesting.deterministicRun;
import static org.rdsim.core.fhd.FhdTesting.totals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;

/**
 * ImMidTau and ImMidSSA (fhd-schemes.md eqs. 32, 33), and the walls every scheme shares, against
 * exact properties and linear theory.
 */
class ImplicitSchemesTest {

    private static Model model(String cells, String boundary, String species, String reactions, double dx,
                               double depth) {
        return FhdTesting.model(cells, boundary, species, reactions, dx, depth, 11);
    }

    /**
     * Diffusion with noise and no reactions between walls that keep the mass: periodic or
     * reflecting, 2-D, every scheme; the totals stay put to round-off over 100 steps.
     */
    @ParameterizedTest
    @ValueSource(strings = {"periodic", "reflecting", "{x-: reflecting, x+: reflecting, y-: periodic, y+: periodic}"})
    void diffusionWithNoiseConservesMassForEveryScheme(String boundary) {
        Model m = model("[16, 12]", boundary,
                "{A: {D: 1.0, initial: {uniform: 3.0}}, B: {D: 0.2, initial: {uniform: 0.5}}}", "[]", 1.0, 5.0);
        int cells = 16 * 12;
        for (FhdScheme scheme : schemes(m, 0.1)) {
            double[] n = new double[2 * cells];
            Random rnd = new Random(1);
            for (int i = 0; i < n.length; i++) {
                n[i] = (i < cells ? 3.0 : 0.5) + 0.2 * rnd.nextGaussian();
            }
            double[] before = totals(n, cells);
            double[] start = n.clone();
            for (int k = 0; k < 100; k++) {
                scheme.step(n, k);
            }
            double[] after = totals(n, cells);
            for (int s = 0; s < 2; s++) {
                assertEquals(before[s], after[s], 1e-12 * before[s], scheme + " species " + s);
            }
            assertTrue(!Arrays.equals(start, n), "the noise moved the field");
        }
    }

    private static FhdScheme[] schemes(Model m, double dt) {
        FaceAverage avg = FaceAverage.ARITHMETIC;
        SecondHalfNoise x = SecondHalfNoise.EXTRAPOLATED;
        return new FhdScheme[] {
            new EulerMaruyama(m, dt, 1.0, avg, ReactionSampling.TAU, false, 0),
            new EulerMaruyama(m, dt, 1.0, avg, ReactionSampling.SSA, false, 0),
            new ExplicitMidpoint(m, dt, 1.0, avg, ReactionSampling.TAU, x, false, 0),
            new ExplicitMidpoint(m, dt, 1.0, avg, ReactionSampling.SSA, x, false, 0),
            new ImplicitMidpoint(m, dt, 1.0, avg, ReactionSampling.TAU, x, false, 0),
            new ImplicitMidpoint(m, dt, 1.0, avg, ReactionSampling.SSA, x, false, 0),
        };
    }

    /**
     * Without reactions, between reservoirs at densities 1 (x-) and 3 (x+), the deterministic twin
     * reaches the lattice's steady state: the straight line through the two ghost cells,
     * n_i = 1 + 2 (i + 1) / (N + 1). At dt = 5 every mode's Crank-Nicolson factor
     * |1 - lambda h| / (1 + lambda h) is at most 0.894 (the slowest, lambda = 4 sin^2(pi / 42)), so
     * 400 steps leave 0.894^400 = 4e-20 of the start; the solves' residuals shrink with their
     * right-hand sides, which vanish at the steady state, so what is left is round-off.
     */
    @Test
    void reservoirsHoldTheLinearSteadyProfile() {
        Model m = model("[20]", "{x-: {reservoir: {X: 1.0}}, x+: {reservoir: {X: 3.0}}}",
                "{X: {D: 1.0, initial: {uniform: 0.0}}}", "[]", 1.0, 10);
        FhdScheme scheme = new ImplicitMidpoint(m, 5.0, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.TAU,
                SecondHalfNoise.EXTRAPOLATED, true, 0);
        double[] n = new double[20];
        for (int k = 0; k < 400; k++) {
            scheme.step(n, k);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(1 + 2.0 * (i + 1) / 21, n[i], 1e-12, "cell " + i);
        }
    }

    /**
     * An open system in equilibrium with its reservoirs: pure diffusion between reservoirs at
     * density 1 (A = 100, so 100 molecules per cell). The exact law is independent Poisson(100)
     * cells, and ImMidTau's linearized recursion reproduces that covariance exactly at any dt
     * (M = (I - hL)^-1 (I + hL) and the noise covariance -4 h nbar L / V give M M^T + Q = I, with the
     * reservoir faces' noise on the diagonal of L). Checked at dt = 0.5 in every cell: mean density
     * 1, variance 1/dV, and the neighbour correlation zero, each within 4.5 batch-means standard
     * errors. Leaving out the upper reservoir face's noise fails it (the covariance of cells 7 and 8
     * at z = -7.6).
     */
    @Test
    void anOpenSystemHasPoissonCellsAtTheReservoirDensity() {
        Model m = model("[12]", "{x-: {reservoir: {X: 1.0}}, x+: {reservoir: {X: 1.0}}}",
                "{X: {D: 1.0, initial: {uniform: 1.0}}}", "[]", 1.0, 100);
        FhdScheme scheme = new ImplicitMidpoint(m, 0.5, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.TAU,
                SecondHalfNoise.EXTRAPOLATED, false, 0);
        int cells = 12;
        int batches = 40;
        int perBatch = 5000;
        double[] n = new double[cells];
        Arrays.fill(n, 1.0);
        long step = 0;
        for (; step < 200; step++) {
            scheme.step(n, step);
        }
        double[][] mean = new double[batches][cells];
        double[][] square = new double[batches][cells];
        double[][] product = new double[batches][cells - 1];
        for (int b = 0; b < batches; b++) {
            for (int k = 0; k < perBatch; k++) {
                scheme.step(n, step++);
                for (int i = 0; i < cells; i++) {
                    mean[b][i] += n[i] / perBatch;
                    square[b][i] += n[i] * n[i] / perBatch;
                    if (i + 1 < cells) {
                        product[b][i] += n[i] * n[i + 1] / perBatch;
                    }
                }
            }
        }
        for (int i = 0; i < cells; i++) {
            double[] m1 = new double[batches];
            double[] variance = new double[batches];
            for (int b = 0; b < batches; b++) {
                m1[b] = mean[b][i];
                variance[b] = 100 * (square[b][i] - mean[b][i] * mean[b][i]);
            }
            assertAgrees("mean of cell " + i, m1, 1.0);
            assertAgrees("variance * dV of cell " + i, variance, 1.0);
            if (i + 1 < cells) {
                double[] covariance = new double[batches];
                for (int b = 0; b < batches; b++) {
                    covariance[b] = 100 * (product[b][i] - mean[b][i] * mean[b][i + 1]);
                }
                assertAgrees("covariance * dV of cells " + i + ", " + (i + 1), covariance, 0.0);
            }
        }
    }

    /**
     * ImMidTau's deterministic twin is second order in dt with a reflecting and a reservoir wall:
     * halving dt quarters the error at t = 1 (against dt = 1/512).
     */
    @Test
    void imMidTauDeterministicTwinIsSecondOrder() {
        Model m = model("[32]", "{x-: reflecting, x+: {reservoir: {X: 0.5}}}", "{X: {D: 0.5, initial: {uniform: 1.0}}}",
                "['2 X -> 3 X @ 0.3', 'X -> 0 @ 0.5', '0 -> X @ 0.2']", 0.25, 1000);
        assertSecondOrder(dt -> deterministicRun(h -> new ImplicitMidpoint(m, h, 1.0, FaceAverage.ARITHMETIC,
                ReactionSampling.TAU, SecondHalfNoise.EXTRAPOLATED, true, 0), dt), 1.0 / 8);
    }
}
