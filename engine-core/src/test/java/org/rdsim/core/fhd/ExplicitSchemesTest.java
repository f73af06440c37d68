package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.rdsim.core.fhd.FhdTesting.assertAgrees;
import static org.rdsim.core.fhd.FhdTesting.assertSecondOrder;
import static org.rdsim.core.fhd.FhdTesting.deterministicRun;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rdsim.core.model.Model;

/**
 * EMTau, EM-SSA, ExMidTau and ExMidSSA (fhd-schemes.md eqs. 25, 26, 29, 31) against exact
 * properties and linear theory.
 */
class ExplicitSchemesTest {

    private static Model model(String cells, String species, String reactions, double dx, double depth) {
        return FhdTesting.model(cells, "periodic", species, reactions, dx, depth, 7);
    }

    // Mass conservation with noise: ImplicitSchemesTest checks it for all six schemes and every
    // wall kind that keeps mass.

    /** Without noise one step is the explicit Euler step of the rate equations with the LMA rates. */
    @Test
    void theDeterministicTwinIsTheEulerStepOfTheRateEquations() {
        Model m = model("[5, 3]", "{X: {D: 0.7, initial: {uniform: 1.0}}}",
                "['2 X -> 3 X @ 0.15', '3 X -> 2 X @ 0.06', '0 -> X @ 0.205', 'X -> 0 @ 0.295']", 0.5, 2.0);
        double dt = 0.01;
        FhdScheme scheme = new EulerMaruyama(m, dt, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.TAU, true, 0);
        double dV = 2.0 * 0.25;
        double[] n = new double[15];
        Random rnd = new Random(2);
        for (int i = 0; i < 15; i++) {
            n[i] = 0.5 + 2 * rnd.nextDouble();
        }
        double[] expected = new double[15];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                int i = x + 5 * y;
                double c = n[i];
                double lap = n[Math.floorMod(x - 1, 5) + 5 * y] + n[Math.floorMod(x + 1, 5) + 5 * y]
                        + n[x + 5 * Math.floorMod(y - 1, 3)] + n[x + 5 * Math.floorMod(y + 1, 3)] - 4 * c;
                double g2 = c * Math.max(c - 1 / dV, 0);
                double g3 = g2 * Math.max(c - 2 / dV, 0);
                double react = 0.15 * g2 - 0.06 * g3 + 0.205 - 0.295 * c;
                expected[i] = c + dt * 0.7 * lap / 0.25 + dt * react;
            }
        }
        scheme.step(n, 0);
        for (int i = 0; i < 15; i++) {
            assertEquals(expected[i], n[i], 1e-13, "cell " + i);
        }
    }

    /**
     * EM-SSA's reactions are exact: on one cell (where diffusion cancels) birth-death keeps whole
     * molecule counts and the stationary law Poisson(V k_b / k_d) = Poisson(20) at any dt; mean
     * and variance of N within 4.5 batch-means standard errors (40 batches of 2000 steps of 0.5,
     * 50 relaxation times each).
     */
    @Test
    void emSsaReactionsAreExactOnOneCell() {
        Model m = model("[1]", "{X: {D: 1.0, initial: {uniform: 4.0}}}", "['0 -> X @ 2.0', 'X -> 0 @ 0.5']", 1.0, 5);
        FhdScheme scheme = new EulerMaruyama(m, 0.5, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.SSA, false, 0);
        FhdTesting.CountMoments c = FhdTesting.oneCell(scheme, 4.0, 5);
        assertTrue(c.allWhole(), "whole molecules");
        assertAgrees("mean", c.mean(), 20.0);
        assertAgrees("variance", c.variance(), 20.0);
    }

    /**
     * EMTau's CLE variant on one cell, birth-death (k_b = 2, k_d = 0.5, dV = 5, dt = 0.5): counts
     * m + sqrt(m) Z are not whole, and the recursion N' = (1 - k_d dt) N + k_b dV dt + noise of mean
     * variance (k_b dV + k_d N) dt is linear in the mean, so its stationary count has mean 20 and
     * variance 2 k_b dV dt / (1 - (1 - k_d dt)^2) = 22.857 exactly (Poisson(20) would be 20).
     */
    @Test
    void emTauCleVariantHasTheLangevinRecursionsMoments() {
        Model m = model("[1]", "{X: {D: 1.0, initial: {uniform: 4.0}}}", "['0 -> X @ 2.0', 'X -> 0 @ 0.5']", 1.0, 5);
        FhdScheme scheme = new EulerMaruyama(m, 0.5, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.CLE, false, 0);
        assertEquals("EMCLE", scheme.toString());
        FhdTesting.CountMoments c = FhdTesting.oneCell(scheme, 4.0, 5);
        assertTrue(c.anyFractional(), "Gaussian counts");
        assertAgrees("mean", c.mean(), 20.0);
        assertAgrees("variance", c.variance(), 2 * 2.0 * 5 * 0.5 / (1 - 0.75 * 0.75));
    }


    /** The deterministic twin of ExMidTau is second order: halving dt quarters the error at t = 1. */
    @Test
    void exMidTauDeterministicTwinIsSecondOrder() {
        Model m = model("[32]", "{X: {D: 0.5, initial: {uniform: 1.0}}}",
                "['2 X -> 3 X @ 0.3', 'X -> 0 @ 0.5', '0 -> X @ 0.2']", 0.25, 1000);
        assertSecondOrder(dt -> deterministicRun(h -> new ExplicitMidpoint(m, h, 1.0, FaceAverage.ARITHMETIC,
                ReactionSampling.TAU, SecondHalfNoise.EXTRAPOLATED, true, 0), dt), 1.0 / 16);
    }
}
