package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.fhd.Multigrid.Wall;

/**
 * The multigrid solve of (I - c Lap) u = f against a manufactured solution: f is computed from a
 * random u by an operator written out here cell by cell (wrapped, mirrored or zero neighbours),
 * and the solver must return u with the residual, recomputed here, below 1e-10 of |f|.
 */
class MultigridTest {

    @ParameterizedTest(name = "{0}x{1}x{2} {3}/{4} c={5}")
    @CsvSource({
        "64, 1, 1, PERIODIC, PERIODIC, 0.3125",
        "64, 1, 1, REFLECTING, RESERVOIR, 0.3125",
        "50, 1, 1, RESERVOIR, RESERVOIR, 1000",
        "32, 24, 1, PERIODIC, REFLECTING, 0.03",
        "32, 24, 1, REFLECTING, REFLECTING, 40",
        "15, 9, 1, RESERVOIR, PERIODIC, 2.5",
        "16, 16, 8, PERIODIC, PERIODIC, 0.3125",
        "16, 8, 32, REFLECTING, RESERVOIR, 5",
        "12, 12, 12, RESERVOIR, REFLECTING, 100",
    })
    void solvesTheManufacturedProblem(int nx, int ny, int nz, Wall low, Wall high, double c) {
        int[] n = {nx, ny, nz};
        // Lower faces take 'low', upper faces 'high', except that periodicity is per axis: an
        // axis with either wall periodic is periodic on both sides.
        Wall[] lower = new Wall[3];
        Wall[] upper = new Wall[3];
        for (int a = 0; a < 3; a++) {
            boolean periodic = low == Wall.PERIODIC || high == Wall.PERIODIC;
            lower[a] = periodic ? Wall.PERIODIC : low;
            upper[a] = periodic ? Wall.PERIODIC : high;
        }
        int cells = nx * ny * nz;
        Random rnd = new Random(nx * 31L + ny * 7L + nz);
        double[] exact = new double[cells];
        for (int i = 0; i < cells; i++) {
            exact[i] = rnd.nextGaussian() + 2;
        }
        double[] f = apply(exact, n, lower, upper, c);
        double[] rhs = new double[cells + 5];
        System.arraycopy(f, 0, rhs, 5, cells);
        double[] u = new double[cells + 3];
        Multigrid mg = new Multigrid(n, lower, upper, 1e-10);
        double reached = mg.solve(c, rhs, 5, u, 3);
        double[] solution = java.util.Arrays.copyOfRange(u, 3, 3 + cells);
        double[] back = apply(solution, n, lower, upper, c);
        double residual = 0;
        double scale = 0;
        for (int i = 0; i < cells; i++) {
            residual = Math.max(residual, Math.abs(back[i] - f[i]));
            scale = Math.max(scale, Math.abs(f[i]));
        }
        // Evaluating A u in floating point errs by at most a few ulps of each of its up to 7 terms
        // (|A| row sum 1 + 12 c), so the solver's residual and the one recomputed here differ by at
        // most twice that.
        double rounding = 16 * Math.ulp(1.0) * (1 + 12 * c) * maxAbs(exact);
        assertTrue(reached <= 1e-10 && residual <= 1e-10 * scale + rounding,
                "residual " + residual / scale + " (solver says " + reached + ") after " + mg.cycles() + " cycles");
        // A = I + c G with G a graph Laplacian (plus positive diagonal at reservoirs) is row
        // diagonally dominant by at least 1, so |A^-1|_inf <= 1 (Varah): the error is at most the
        // residual, plus the rounding of f itself.
        for (int i = 0; i < cells; i++) {
            assertEquals(exact[i], solution[i], residual + rounding, "cell " + i);
        }
        System.out.printf("multigrid %dx%dx%d %s/%s c=%s: %d levels, %d cycles%n", nx, ny, nz, low, high, c,
                mg.levels(), mg.cycles());
    }

    /** The FFT solve on periodic boxes, against the same manufactured problem, to rounding. */
    @ParameterizedTest(name = "{0}x{1}x{2} c={3}")
    @CsvSource({"64, 1, 1, 0.3125", "30, 1, 1, 1000", "32, 24, 1, 0.03", "15, 9, 1, 2.5", "16, 16, 8, 0.3125",
        "12, 10, 6, 100"})
    void spectralSolveIsExactOnPeriodicBoxes(int nx, int ny, int nz, double c) {
        int[] n = {nx, ny, nz};
        Wall[] periodic = {Wall.PERIODIC, Wall.PERIODIC, Wall.PERIODIC};
        int cells = nx * ny * nz;
        Random rnd = new Random(cells);
        double[] exact = new double[cells];
        for (int i = 0; i < cells; i++) {
            exact[i] = rnd.nextGaussian() + 2;
        }
        double[] f = apply(exact, n, periodic, periodic, c);
        double[] rhs = new double[cells + 2];
        System.arraycopy(f, 0, rhs, 2, cells);
        double[] u = new double[cells + 1];
        new SpectralSolve(n).solve(c, rhs, 2, u, 1);
        // FFT round-off is about eps log2 N relative in the 2-norm, the multiplier 1/(1 + c lambda)
        // is at most 1, and |x|_inf <= |x|_2 <= sqrt(N) |x|_inf; f carries its own rounding.
        double fft = 10 * Math.ulp(1.0) * (Math.log(cells) / Math.log(2) + 1) * Math.sqrt(cells) * maxAbs(f);
        double rounding = 16 * Math.ulp(1.0) * (1 + 12 * c) * maxAbs(exact);
        double total = 0;
        double solved = 0;
        for (int i = 0; i < cells; i++) {
            assertEquals(exact[i], u[1 + i], fft + rounding, "cell " + i);
            total += f[i];
            solved += u[1 + i];
        }
        // The k = 0 mode is not scaled, so the totals differ by round-off only: the FFT's in each
        // cell and the two sums'.
        assertEquals(total, solved, cells * fft + 2 * cells * Math.ulp(1.0) * cells * maxAbs(f), "the total is kept");
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** (I - c Lap) u with the walls' ghost rules, neighbour by neighbour. */
    private static double[] apply(double[] u, int[] n, Wall[] lower, Wall[] upper, double c) {
        double[] out = new double[u.length];
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                for (int x = 0; x < n[0]; x++) {
                    int[] p = {x, y, z};
                    int i = x + n[0] * (y + n[1] * z);
                    double lap = 0;
                    for (int a = 0; a < 3; a++) {
                        if (n[a] == 1) {
                            continue;
                        }
                        for (int side = -1; side <= 1; side += 2) {
                            int[] q = p.clone();
                            q[a] += side;
                            double neighbour;
                            if (q[a] >= 0 && q[a] < n[a]) {
                                neighbour = u[q[0] + n[0] * (q[1] + n[1] * q[2])];
                            } else {
                                Wall w = side < 0 ? lower[a] : upper[a];
                                if (w == Wall.PERIODIC) {
                                    q[a] = Math.floorMod(q[a], n[a]);
                                    neighbour = u[q[0] + n[0] * (q[1] + n[1] * q[2])];
                                } else if (w == Wall.REFLECTING) {
                                    neighbour = u[i];
                                } else {
                                    neighbour = 0;
                                }
                            }
                            lap += neighbour - u[i];
                        }
                    }
                    out[i] = u[i] - c * lap;
                }
            }
        }
        return out;
    }
}
