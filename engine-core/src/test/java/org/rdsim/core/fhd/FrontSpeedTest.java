package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rdsim.core.model.Model;

/**
 * The deterministic limit of a bistable reaction-diffusion front (models.md): with the Schlogl
 * rate a(n) = -k2 (n - n1)(n - n2)(n - n3) the more stable state invades the other at
 * c = sqrt(D k2 / 2)(n1 + n3 - 2 n2). Rates (3.1, 1, 0.8, 2.9) x 1 (the bistable set of models.md
 * ten times faster, so lengths are shorter): a(n) = 3.1 n^2 - n^3 + 0.8 - 2.9 n = -(n - 0.5)(n - 1)(n - 1.6),
 * k2 = 1, D = 1, c = sqrt(1/2) x 0.1 = 0.070711, the front about sqrt(2 D / k2) / (n3 - n1) = 1.3
 * wide. ImMidTau's deterministic twin on a reflecting line of length 60, A = 1e9 molecules per
 * unit length so that the LMA corrections (relative 1/(n dV)) are below 1e-8.
 */
class FrontSpeedTest {

    private static final double N1 = 0.5;
    private static final double N3 = 1.6;
    private static final double EXACT = Math.sqrt(0.5) * (N1 + N3 - 2 * 1.0);

    /** The front speed measured on cells of side dx at time step dt: the growth of the n3 region's mass. */
    static double speed(double dx, double dt) {
        double length = 60;
        int cells = (int) Math.round(length / dx);
        Model m = FhdTesting.model("[" + cells + "]", "reflecting", "{X: {D: 1.0, initial: {uniform: 1.0}}}",
                "['2 X -> 3 X @ 3.1', '3 X -> 2 X @ 1.0', '0 -> X @ 0.8', 'X -> 0 @ 2.9']", dx, 1e9 / dx, 1);
        FhdScheme s = new ImplicitMidpoint(m, dt, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.TAU,
                SecondHalfNoise.EXTRAPOLATED, true, 0);
        double[] n = new double[cells];
        for (int i = 0; i < cells; i++) {
            n[i] = (i + 0.5) * dx < 15 ? N3 : N1;
        }
        // The front forms within a few times 1/r (r = 0.66 at n3); then it moves at c for 400 time
        // units, 28 length units, staying 15 or more from either wall (the tails decay as e^{-x/1.3}).
        int settle = (int) Math.round(50 / dt);
        int measure = (int) Math.round(400 / dt);
        long step = 0;
        for (; step < settle; step++) {
            s.step(n, step);
        }
        double before = mass(n, dx);
        for (int k = 0; k < measure; k++) {
            s.step(n, step++);
        }
        double after = mass(n, dx);
        return (after - before) / (N3 - N1) / (measure * dt);
    }

    private static double mass(double[] n, double dx) {
        double m = 0;
        for (double v : n) {
            m += v * dx;
        }
        return m;
    }

    /**
     * The measured speed converges to c at second order in dx: on dx = 0.4, 0.2, 0.1 (3 to 13 cells
     * per front width) at dt = 0.025, the relative errors are -2.43e-3, -6.11e-4, -1.59e-4
     * (measured), the observed orders log2(e(h) / e(h/2)) are within 0.2 of 2 (statistical-tests.md),
     * the finest error is below 2e-4, and the Richardson extrapolation (4 c(h/2) - c(h)) / 3 of the
     * two finest agrees with c to 2e-5 (measured -7.9e-6): what is left is the second-order dt error,
     * about 3e-5 at dt = 0.05 and a quarter of that here. A speed law off by a factor, e.g.
     * sqrt(D k2) for sqrt(D k2 / 2), would miss by 41%.
     */
    @Test
    void theFrontMovesAtTheBistableSpeed() {
        double dt = 0.025;
        double[] dx = {0.4, 0.2, 0.1};
        double[] c = new double[3];
        double[] error = new double[3];
        StringBuilder report = new StringBuilder("exact c " + EXACT);
        for (int j = 0; j < 3; j++) {
            c[j] = speed(dx[j], dt);
            error[j] = c[j] / EXACT - 1;
            report.append(String.format("; dx %.2f: c %.7f, relative error %.2e", dx[j], c[j], error[j]));
        }
        if (Boolean.getBoolean("rdsim.report")) {
            System.out.println(report + "; Richardson " + ((4 * c[2] - c[1]) / 3));
        }
        for (int j = 0; j < 2; j++) {
            double order = Math.log(error[j] / error[j + 1]) / Math.log(2);
            assertTrue(Math.abs(order - 2) < 0.2, "order " + order + ": " + report);
        }
        assertTrue(Math.abs(error[2]) < 2e-4, report.toString());
        double richardson = (4 * c[2] - c[1]) / 3;
        assertTrue(Math.abs(richardson / EXACT - 1) < 2e-5, "Richardson " + richardson + ": " + report);
    }
}
