package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The spectral solve of (I - c Lap) u = f on periodic boxes, in JTransforms' packed real layout
 * (every axis a power of two, 2-D or 3-D) and with the full complex spectrum (other sizes, 1-D):
 * checked by applying the operator to the solution, so a wrong factor on any mode shows.
 */
class SpectralSolveTest {

    @ParameterizedTest(name = "{0} x {1} x {2}, c = {3}, {4} threads")
    @CsvSource({"8, 8, 8, 0.37, 1", "4, 16, 2, 0.37, 1", "2, 4, 8, 0.37, 1", "16, 2, 4, 0.37, 1",
            "2, 2, 2, 0.37, 1", "32, 8, 1, 0.37, 1", "2, 16, 1, 0.37, 1", "6, 6, 6, 0.37, 1", "12, 8, 1, 0.37, 1",
            "32, 1, 1, 0.37, 1", "7, 1, 1, 0.37, 1",
            // slab by slab with z of any size; the wrapped sums over a few slabs (small c) or all (large c)
            "8, 4, 40, 0.03, 1", "8, 4, 6, 0.37, 1", "4, 8, 5, 40.0, 1", "16, 8, 64, 0.3125, 1",
            "16, 8, 64, 0.3125, 2", "4, 8, 5, 40.0, 3"})
    void theSolutionSatisfiesThePeriodicImplicitStep(int nx, int ny, int nz, double c, int threads) {
        int cells = nx * ny * nz;
        SplittableRandom random = new SplittableRandom(nx * 31L + ny * 7L + nz);
        double[] f = new double[cells + 5];
        for (int i = 0; i < f.length; i++) {
            f[i] = random.nextDouble(-1, 1);
        }
        SpectralSolve solve = new SpectralSolve(new int[] {nx, ny, nz}, threads);
        double[] u = new double[cells + 5];
        assertEquals(0, solve.solve(c, f, 3, u, 2));
        double[] inPlace = f.clone();
        solve.solve(c, inPlace, 3, inPlace, 3);
        double worst = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    double lap = -6 * u[2 + i];
                    lap += u[2 + (x + 1) % nx + nx * (y + ny * z)] + u[2 + (x + nx - 1) % nx + nx * (y + ny * z)];
                    lap += u[2 + x + nx * ((y + 1) % ny + ny * z)] + u[2 + x + nx * ((y + ny - 1) % ny + ny * z)];
                    lap += u[2 + x + nx * (y + ny * ((z + 1) % nz))] + u[2 + x + nx * (y + ny * ((z + nz - 1) % nz))];
                    worst = Math.max(worst, Math.abs(u[2 + i] - c * lap - f[3 + i]));
                    assertEquals(u[2 + i], inPlace[3 + i], 1e-15, "in place, cell " + i);
                }
            }
        }
        assertTrue(worst < 1e-13 * (1 + 6 * c), "residual " + worst);
        // The solve with a base added in its last pass: base + u exactly, into the base or into the right-hand side.
        double[] base = new double[cells + 5];
        for (int i = 0; i < base.length; i++) {
            base[i] = random.nextDouble(-1, 1);
        }
        double[] intoBase = base.clone();
        solve.solveAndAdd(c, f.clone(), 3, intoBase, 1, intoBase, 1, cells);
        double[] intoRhs = f.clone();
        solve.solveAndAdd(c, intoRhs, 3, base, 1, intoRhs, 3, cells);
        for (int i = 0; i < cells; i++) {
            assertEquals(base[1 + i] + u[2 + i], intoBase[1 + i], 0, "base + u into the base, cell " + i);
            assertEquals(base[1 + i] + u[2 + i], intoRhs[3 + i], 0, "base + u into the right-hand side, cell " + i);
        }
        if (threads > 1) {
            double[] serial = new double[cells + 5];
            new SpectralSolve(new int[] {nx, ny, nz}, 1).solve(c, f, 3, serial, 2);
            for (int i = 0; i < cells; i++) {
                assertEquals(serial[2 + i], u[2 + i], 0, "threads change cell " + i);
            }
        }
    }
}
