package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdsim.core.model.ModelLoader;

/** The three propensity kernels for every reaction shape, against the formulas of models.md. */
class ReactionNetworkTest {

    private static final double V = 3.0;
    private static final double K = 0.7;

    private static ReactionNetwork network(String reactants) {
        return new ReactionNetwork(ModelLoader.parse("name: k\nvolume: " + V + "\nspecies: {A: 0, B: 0, C: 0}\n"
                + "reactions: ['" + reactants + " -> 0 @ " + K + "']\ntime: {end: 1}\n", "k.yaml", List.of()));
    }

    /** Exact propensity V k prod N(N-1)..(N-m+1)/V^m for the counts of A, B, C. */
    private static double exact(int[] m, double[] x) {
        double a = V * K;
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < m[s]; i++) {
                a *= (x[s] - i) / V;
            }
        }
        return a;
    }

    @Test
    void everyShapeFollowsTheDensityConvention() {
        String[] shapes = {"0", "A", "A + B", "2 A", "A + B + C", "2 A + B", "3 A"};
        int[][] orders = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {2, 0, 0}, {1, 1, 1}, {2, 1, 0}, {3, 0, 0}};
        for (int i = 0; i < shapes.length; i++) {
            ReactionNetwork n = network(shapes[i]);
            for (double a = 0; a <= 6; a++) {
                for (double b = 0; b <= 3; b++) {
                    double[] x = {a, b, 2};
                    double expected = exact(orders[i], x);
                    assertEquals(expected, n.propensity(0, x), 1e-12 * Math.max(1, expected), shapes[i] + " at " + a);
                    assertEquals(expected, n.propensityClamped(0, x), 1e-12 * Math.max(1, expected), shapes[i]);
                    double mass = V * K;
                    for (int s = 0; s < 3; s++) {
                        mass *= Math.pow(x[s] / V, orders[i][s]);
                    }
                    assertEquals(mass, n.massActionRate(0, x), 1e-12 * Math.max(1, mass), shapes[i] + " rate law");
                }
            }
            // Real-valued states below the order, or negative, never give a negative propensity.
            for (double a = -2; a <= 3; a += 0.25) {
                double p = n.propensityClamped(0, new double[] {a, -0.5, 0.5});
                assertTrue(p >= 0, shapes[i] + " clamped at A = " + a + ": " + p);
            }
        }
    }

    @Test
    void theClampedProductFormGivesTheClampedPropensityExactly() {
        String[] shapes = {"0", "A", "A + B", "2 A", "A + B + C", "2 A + B", "B + 2 A", "3 A", "C + B"};
        int[] species = new int[3];
        double[] offsets = new double[3];
        for (String shape : shapes) {
            ReactionNetwork n = network(shape);
            n.clampedFactors(0, species, offsets);
            for (double a = -1.5; a <= 4; a += 0.25) {
                for (double b = -0.5; b <= 3; b += 0.5) {
                    double[] x = {a, b, 1.75, 1};   // and a count of 1 for unused factors
                    double product = n.constant(0);
                    for (int q = 0; q < 3; q++) {
                        product *= Math.max(0, x[species[q] < 0 ? 3 : species[q]] - offsets[q]);
                    }
                    assertEquals(n.propensityClamped(0, x), product, 0.0, shape + " at " + a + ", " + b);
                }
            }
        }
    }
}
