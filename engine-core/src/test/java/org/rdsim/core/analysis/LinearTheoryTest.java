package org.rdsim.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;

/** Eq. (14) for Schlogl's model against the numbers of models.md. */
class LinearTheoryTest {

    /** Schlogl on a periodic line with rate constants k1..k4 (density convention) and D = 1. */
    private static Model schlogl(double k1, double k2, double k3, double k4, double depth) {
        return Ensembles.model("""
                name: schlogl
                species: {X: {D: 1.0, initial: {uniform: 1.0}}}
                reactions: ['2 X -> 3 X @ %s', '3 X -> 2 X @ %s', '0 -> X @ %s', 'X -> 0 @ %s']
                domain: {cells: [16], dx: 1.0, A: %s, boundary: periodic}
                time: {end: 1.0}
                """.formatted(k1, k2, k3, k4, depth));
    }

    /** k1 = k2 = k3 = k4 = 0.1: nbar = 1, r = 0.2, Gamma = 0.2 = nbar r, so S = 1 at every k. */
    @Test
    void equilibriumSchloglIsFlatAtTheSteadyDensity() {
        LinearTheory t = LinearTheory.of(schlogl(0.1, 0.1, 0.1, 0.1, 10), 1.37).orElseThrow();
        assertTrue(t.converged());
        assertEquals(1, t.nbar(), 1e-9);
        assertEquals(0.2, t.r(), 1e-9);
        assertEquals(0.2, t.gamma(), 1e-9);
        for (double kt2 : new double[] {0, 0.1, 1, 4}) {
            assertEquals(1, t.structureFactor(kt2), 1e-9);
        }
    }

    /**
     * (1.5, 0.6, 2.05, 2.95) x 0.1: nbar = 1, r = 0.175, Gamma = 0.355, Gamma / (nbar r) = 2.0286;
     * S rises from nbar at large k to Gamma / r at k = 0. The cell volume does not enter.
     */
    @Test
    void monostableSchloglIsEnhancedAtLongWavelengths() {
        for (double depth : new double[] {1, 10, 1000}) {
            LinearTheory t = LinearTheory.of(schlogl(0.15, 0.06, 0.205, 0.295, depth), 0.6).orElseThrow();
            assertEquals(1, t.nbar(), 1e-9);
            assertEquals(0.175, t.r(), 1e-9);
            assertEquals(0.355, t.gamma(), 1e-9);
            assertEquals(0.355 / 0.175, t.gamma() / (t.nbar() * t.r()), 1e-9);
            assertEquals(0.355 / 0.175, t.structureFactor(0), 1e-9);
            assertEquals((2 + 0.355) / (2 + 0.175), t.structureFactor(2), 1e-9); // D nbar kt2 = 2
        }
    }

    /**
     * Newton reaches the steady state from far away; where it cannot move (a'(n) = 0 at the start)
     * the start is kept, and a start with r = -a' &lt;= 0 gives no theory.
     */
    @Test
    void newtonFindsTheSteadyStateOrKeepsTheStart() {
        // a(n) = 0.1 (1 - n)(1 + n^2) has a'(n) = 0.1 (-1 + 2n - 3n^2) < 0 everywhere
        assertTrue(LinearTheory.of(schlogl(0.1, 0.1, 0.1, 0.1, 10), 25).orElseThrow().converged());
        // X -> 0 only: a(n) = -k n, root 0 with r = k; from 3 Newton lands on 0 in one step
        Model decay = Ensembles.model("""
                name: decay
                species: {X: {D: 2.0, initial: {uniform: 1.0}}}
                reactions: ['X -> 0 @ 0.5']
                domain: {cells: [8], dx: 1.0, A: 1.0, boundary: periodic}
                time: {end: 1.0}
                """);
        LinearTheory d = LinearTheory.of(decay, 3).orElseThrow();
        assertEquals(0, d.nbar(), 1e-15);
        assertEquals(0.5, d.r(), 1e-15);
        assertEquals(2.0, d.diffusion());
        // 0 -> X and 2X -> 0: a(n) = k3 - 2 k n^2, from 0 the slope is 0: no Newton step, the start is kept
        Model pair = Ensembles.model("""
                name: pair
                species: {X: {D: 1.0, initial: {uniform: 1.0}}}
                reactions: ['0 -> X @ 2.0', '2 X -> 0 @ 1.0']
                domain: {cells: [8], dx: 1.0, A: 1.0, boundary: periodic}
                time: {end: 1.0}
                """);
        assertTrue(LinearTheory.of(pair, 0).isEmpty(), "r = -a'(0) = 0: no stable state to linearize about");
        LinearTheory p = LinearTheory.of(pair, 0.3).orElseThrow();
        assertEquals(1, p.nbar(), 1e-12); // k3 = 2 k nbar^2
        assertEquals(4, p.r(), 1e-9);     // 4 k nbar
        assertEquals(0.5 * (2 + 4), p.gamma(), 1e-9); // nu = -2 for the pair: (1/2)(k3 + 4 k nbar^2)
    }

    @Test
    void onlyOneSpeciesModelsWithoutRegionsQualify() {
        assertNull(LinearTheory.inapplicable(schlogl(0.1, 0.1, 0.1, 0.1, 10)));
        Model two = Ensembles.model("""
                name: two
                species: {A: {D: 1.0, initial: {uniform: 1.0}}, B: {D: 1.0, initial: {uniform: 1.0}}}
                reactions: ['A -> B @ 1.0']
                domain: {cells: [8], dx: 1.0, A: 1.0, boundary: periodic}
                time: {end: 1.0}
                """);
        assertNotNull(LinearTheory.inapplicable(two));
        assertFalse(LinearTheory.of(two, 1).isPresent());
    }
}
