package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.rdsim.core.fhd.FhdTesting.assertAgrees;
import static org.rdsim.core.fhd.FhdTesting.assertSecondOrder;
import static org.rdsim.core.fhd.FhdTesting.assertStructureFactor;
import static org.rdsim.core.fhd.FhdTesting.deterministicRun;
import static org.rdsim.core.fhd.FhdTesting.kt2;

import java.util.Random;
import java.util.function.Function;
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
     * Equilibrium Schlogl (k1..k4 = 0.1, nbar = 1, r = Gamma = 0.2, D = 1, dx = 1) on 64 cells at
     * dt = 0.05: the structure factor of every mode agrees with EMTau's linearized recursion,
     * S(k) = nbar / (1 - (D ktilde^2 + r) dt / 2) (flat at nbar as dt -> 0; 11.7% high at the
     * largest k here), within 4.5 batch-means standard errors (40 batches of 500 time units, much
     * longer than the slowest mode's 4.8).
     *
     * <p>A = 100 (1000 molecules per cell) because the recursion is the linear theory: at A = 10
     * every scheme here sits below it by 0.5-1% at small dt and by 2-4% for ExMidTau at dt = 0.2,
     * an effect of the finite molecule number that shrinks with A (mean z over the modes -0.9 at
     * A = 10, -0.16 at A = 100 for EM-SSA; ExMidTau at dt = 0.2 agrees at A = 100), measured by
     * running these tests with A = 10 in {@code schlogl}.
     */
    @Test
    void equilibriumStructureFactorFollowsTheLinearizedRecursion() {
        double dt = 0.05;
        double[][] s = schlogl(m -> new EulerMaruyama(m, dt, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.TAU,
                false, 0), 400, 1000, 10);
        assertStructureFactor(s, q -> LinearRecursion.EM_TAU.s(kt2(q, 64), 0.2, 0.2, 1.0, dt));
    }

    /** Equilibrium Schlogl on 64 cells (dx = 1, A = 100, nbar = 1) under a scheme: S(k) batches. */
    private static double[][] schlogl(Function<Model, FhdScheme> scheme, long burnIn, int perBatch, int every) {
        return FhdTesting.schlogl(scheme, 100, 7, burnIn, perBatch, every);
    }

    /**
     * The same for ExMidTau at dt = 0.2 against its linearized recursion (fhd-schemes.md
     * section 7): with x = (lambda + r) dt, phi = 1 - x (1 - x/2), at equilibrium
     * S = nbar x ((1 - x)^2 + 1) / (1 - phi^2), from 1.000 at small k to 1.169 at the largest.
     */
    @Test
    void exMidTauStructureFactorFollowsItsLinearizedRecursion() {
        double dt = 0.2;
        double[][] s = schlogl(m -> new ExplicitMidpoint(m, dt, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.TAU,
                SecondHalfNoise.EXTRAPOLATED, false, 0), 100, 500, 5);
        assertStructureFactor(s, q -> LinearRecursion.EX_MID_TAU.s(kt2(q, 64), 0.2, 0.2, 1.0, dt));
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


    /**
     * Equilibrium Schlogl with EM-SSA at dt = 0.05 (A = 100) against its linearized recursion: explicit
     * diffusion and the exact reaction relaxation, d' = (e^{-r dt} - lambda dt) d + noise, so
     * S = (2 nbar lambda dt + nbar (1 - e^{-2 r dt})) / (1 - (e^{-r dt} - lambda dt)^2).
     */
    @Test
    void emSsaStructureFactorFollowsItsLinearizedRecursion() {
        double dt = 0.05;
        double[][] s = schlogl(m -> new EulerMaruyama(m, dt, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.SSA,
                false, 0), 400, 1000, 10);
        assertStructureFactor(s, q -> LinearRecursion.EM_SSA.s(kt2(q, 64), 0.2, 0.2, 1.0, dt));
    }

    /**
     * ExMidSSA at dt = 0.2 against its linearized recursion, derived from eq. (31) with h = dt/2:
     * d° = a d + s W1 (a = 1 - lambda h, s^2 V = 2 nbar lambda h); each half-step SSA relaxes by
     * e^{-r h} and adds noise of variance nbar (1 - e^{-2 r h}) / V; so d' = phi d + ..., with
     * c = e^{-2 r h} - 1 - lambda dt e^{-r h}, phi = 1 + c a, and
     * S = (s^2 V ((1 + c)^2 + 1) + nbar (1 - e^{-2 r h}) ((e^{-r h} - lambda dt)^2 + 1)) / (1 - phi^2).
     */
    @Test
    void exMidSsaStructureFactorFollowsItsLinearizedRecursion() {
        double dt = 0.2;
        double[][] s = schlogl(m -> new ExplicitMidpoint(m, dt, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.SSA,
                SecondHalfNoise.EXTRAPOLATED, false, 0), 100, 500, 5);
        assertStructureFactor(s, q -> LinearRecursion.EX_MID_SSA.s(kt2(q, 64), 0.2, 0.2, 1.0, dt));
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
