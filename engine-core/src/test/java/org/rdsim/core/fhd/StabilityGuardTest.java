package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdsim.core.model.Model;

/** The stability limits of eqs. (24), (27) and alpha <= 2, on models whose r is known by hand. */
class StabilityGuardTest {

    private static Model model(String cells, double dx, String species, String reactions) {
        return FhdTesting.model(cells, "periodic", species, reactions, dx, 10.0, 1);
    }

    /** Equilibrium Schlogl, nbar = 1: r = -a'(1) = -(2 k1 - 3 k2 - k4) = 0.2. */
    private static final Model SCHLOGL = model("[64]", 1.0, "{X: {D: 1.0, initial: {uniform: 1.0}}}",
            FhdTesting.SCHLOGL_EQ);
    private static final List<double[]> AT_NBAR = List.of(new double[] {1.0});

    private static StabilityGuard.Check check(boolean explicit, ReactionSampling sampling, boolean deterministic,
                                              double dt) {
        return StabilityGuard.check(SCHLOGL, "scheme", explicit, sampling, deterministic, dt, AT_NBAR);
    }

    @Test
    void theRelaxationRateIsTheLinearizedDecayRate() {
        assertEquals(0.2, StabilityGuard.relaxationRate(SCHLOGL, new double[] {1.0}), 1e-9);
        // A <-> B at rates 2 and 3: eigenvalues 0 and -5.
        Model ab = model("[4]", 1.0, "{A: {D: 1.0, initial: {uniform: 1.0}}, B: {D: 1.0, initial: {uniform: 1.0}}}",
                "['A -> B @ 2.0', 'B -> A @ 3.0']");
        assertEquals(5.0, StabilityGuard.relaxationRate(ab, new double[] {1.0, 1.0}), 1e-9);
        // Autocatalysis 0 -> X, X -> 2X only grows: no relaxing direction.
        Model grow = model("[4]", 1.0, "{X: {D: 1.0, initial: {uniform: 1.0}}}", "['X -> 2 X @ 1.0']");
        assertEquals(0.0, StabilityGuard.relaxationRate(grow, new double[] {1.0}), 0);
    }

    /** EMTau and ExMidTau: dt (2d D/dx^2 + r/2) <= 1, so dt <= 1/2.1 in 1-D with D = dx = 1. */
    @Test
    void explicitTauSchemesObeyEquation27() {
        double largest = 1 / 2.1;
        assertTrue(check(true, ReactionSampling.TAU, false, largest * 0.999).stable());
        StabilityGuard.Check beyond = check(true, ReactionSampling.TAU, false, largest * 1.01);
        assertFalse(beyond.stable());
        assertEquals(largest, beyond.largestStableDt(), 1e-9);
        assertTrue(beyond.message().contains("eq. 27") && beyond.message().contains("0.476190"), beyond.message());
        // The CLE variant and the deterministic twin of an explicit SSA scheme are tau-like.
        assertFalse(check(true, ReactionSampling.CLE, false, 0.49).stable());
        assertFalse(check(true, ReactionSampling.SSA, true, 0.49).stable());
    }

    /** EM-SSA and ExMidSSA: only the diffusion limit beta <= 1/2 in 1-D, dt <= 0.5. */
    @Test
    void explicitSsaSchemesObeyEquation24() {
        assertTrue(check(true, ReactionSampling.SSA, false, 0.49).stable());
        StabilityGuard.Check beyond = check(true, ReactionSampling.SSA, false, 0.51);
        assertFalse(beyond.stable());
        assertEquals(0.5, beyond.largestStableDt(), 1e-12);
        assertTrue(beyond.message().contains("eq. 24"), beyond.message());
        // In 3-D with dx = 2 and D = 10: dt <= 4 / 60.
        Model m = model("[4, 4, 4]", 2.0, "{X: {D: 10.0, initial: {uniform: 1.0}}}", "['X -> 0 @ 0.1']");
        StabilityGuard.Check c = StabilityGuard.check(m, "ExMidSSA", true, ReactionSampling.SSA, false, 0.07,
                List.of(new double[] {1.0}));
        assertEquals(4.0 / 60, c.largestStableDt(), 1e-12);
        assertFalse(c.stable());
    }

    /** ImMidTau: alpha <= 2, so dt <= 10; diffusion does not limit it. ImMidSSA: no limit. */
    @Test
    void implicitSchemes() {
        assertTrue(check(false, ReactionSampling.TAU, false, 9.99).stable());
        StabilityGuard.Check beyond = check(false, ReactionSampling.TAU, false, 10.1);
        assertFalse(beyond.stable());
        assertEquals(10.0, beyond.largestStableDt(), 1e-8);
        assertTrue(beyond.message().contains("alpha <= 2") && beyond.message().contains("--force"), beyond.message());
        StabilityGuard.Check ssa = check(false, ReactionSampling.SSA, false, 1000);
        assertTrue(ssa.stable());
        assertNull(ssa.violated());
        // ImMidSSA's deterministic twin is ImMidTau's.
        assertFalse(check(false, ReactionSampling.SSA, true, 10.1).stable());
    }
}
