package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.observe.EnsembleStatistics;

/**
 * The ode method against closed-form solutions of the rate equations for every reaction shape:
 * dN/dt = sum_j nu_j c_j prod N^m with c = k V^(1-order), here with V = 2.
 */
class RateEquationsTest {

    private static final double V = 2.0;
    private static final double K = 0.003;

    /** A case: reactions, initial counts, the species to check and its exact solution N(t). */
    record Case(String reactions, String species, int checked, DoubleUnaryOperator exact) {
        @Override
        public String toString() {
            return reactions;
        }
    }

    static List<Case> cases() {
        double c2 = K / V;
        double c3 = K / (V * V);
        double a0 = 400;
        return List.of(
                new Case("'0 -> A @ 0.003'", "A: 400", 0, t -> a0 + K * V * t),
                new Case("'2 A -> B @ 0.003'", "A: 400, B: 0", 0, t -> a0 / (1 + 2 * c2 * a0 * t)),
                new Case("'3 A -> 0 @ 0.003'", "A: 400", 0, t -> a0 / Math.sqrt(1 + 6 * c3 * a0 * a0 * t)),
                // A = 2B stays true, so dB/dt = -c (2B)^2 B.
                new Case("'2 A + B -> 0 @ 0.003'", "A: 400, B: 200", 1,
                        t -> 200 / Math.sqrt(1 + 8 * c3 * 200 * 200 * t)),
                // A = B = C stay equal, so dA/dt = -c A^3.
                new Case("'A + B + C -> 0 @ 0.003'", "A: 400, B: 400, C: 400", 0,
                        t -> a0 / Math.sqrt(1 + 2 * c3 * a0 * a0 * t)),
                // A - B = d stays constant, so dA/dt = -c A (A - d).
                new Case("'A + B -> 0 @ 0.003'", "A: 400, B: 150", 0, t -> {
                    double d = 250;
                    return d / (1 - (150.0 / 400.0) * Math.exp(-c2 * d * t));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOdeMethodMatchesTheClosedFormSolution(Case c) {
        Model m = ModelLoader.parse("name: ode\nvolume: " + V + "\nspecies: {" + c.species() + "}\nreactions: ["
                + c.reactions() + "]\ntime: {end: 5.0, output: 0.5}\nmethod: {algorithm: ode, rtol: 1e-11, atol: 1e-9}\n",
                "ode.yaml", List.of());
        EnsembleStatistics s = new ReplicaRunner(m).run(0, 1);
        double[] t = s.times();
        for (int k = 0; k < t.length; k++) {
            double exact = c.exact().applyAsDouble(t[k]);
            assertEquals(exact, s.mean(k, c.checked()), 1e-8 * exact, "t = " + t[k]);
        }
    }
}
