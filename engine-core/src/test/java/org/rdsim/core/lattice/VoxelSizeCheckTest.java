package org.rdsim.core.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.testing.Ensembles;

class VoxelSizeCheckTest {

    private static final String MODEL = """
            name: radius
            domain: {cells: %s, dx: %s, A: 1.0, boundary: periodic}
            species:
              A: {D: 1.0, initial: {uniform: 0.001}}
              B: {D: 1.0, initial: {uniform: 0.001}}
              C: {D: 0.0, initial: {uniform: 0}}
            reactions: ["bind: %s -> C @ %s"]
            time: {end: 1.0}
            seed: 1
            """;

    private static List<String> warnings(String cells, double dx, String reactants, double k) {
        return VoxelSizeCheck.warnings(Ensembles.model(MODEL.formatted(cells, dx, reactants, k)));
    }

    /** 4 pi beta sigma = 3.1756 sigma; the loss is beta k / (D dx + beta k) with D = D_A + D_B = 2. */
    @Test
    void voxelsBelowTheCriticalSizeAreNamedWithTheNumbers() {
        List<String> w = warnings("[8, 8, 8]", 2.0, "A +(1.0) B", 1.0);
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("reaction 'bind'"), w.get(0));
        assertTrue(w.get(0).contains("dx 2 is below 4 pi beta sigma = 3.176 (sigma 1)"), w.get(0));
        double keeps = 100 * (1 - 0.2527 / (2 * 2.0 + 0.2527));
        assertTrue(w.get(0).contains(String.format("keeps %.1f%%", keeps)), w.get(0));
    }

    @Test
    void aLargeRateLosesTooMuchEvenOnLargeVoxels() {
        List<String> w = warnings("[4, 4, 4]", 40.0, "A +(1.0) B", 100.0);
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("keeps 76.0%"), w.get(0));
        assertTrue(w.get(0).contains("use dx >= 240.1"), w.get(0)); // 19 beta k / D
    }

    /** On a 4 x 3 torus the mode sum is the exact meeting time of the pair chain (144 states). */
    @Test
    void theTwoDimensionalEncounterTimeIsExactOnATorus() {
        double h = 0.5;
        double exact = meetingTime(4, 3, 0.7, 0.4, h, true);
        double modes = h * h / (0.7 + 0.4) * VoxelSizeCheck.encounterSum(new int[] {4, 3}, new boolean[] {true, true});
        assertEquals(exact, modes, 1e-9 * exact);
    }

    /** With walls the closed-box modes overstate the exact pair chain's meeting time a little (the safe side). */
    @Test
    void theTwoDimensionalEncounterTimeWithWallsIsAnOverestimate() {
        double exact = meetingTime(6, 5, 0.7, 0.4, 1.0, false);
        double modes = VoxelSizeCheck.encounterSum(new int[] {6, 5}, new boolean[] {false, false}) / 1.1;
        assertTrue(modes > exact && modes < 1.2 * exact, "modes " + modes + ", exact " + exact);
    }

    /**
     * The pair's mean meeting time from a uniform start, solved exactly on the two walkers' joint
     * state space (D_A, D_B, spacing h), on a torus or with reflecting walls.
     */
    private static double meetingTime(int nx, int ny, double da, double db, double h, boolean periodic) {
        int n = nx * ny;
        int states = n * n;
        double[][] a = new double[states][states + 1];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                int row = p * n + q;
                if (p == q) {
                    a[row][row] = 1; // met: time 0
                    continue;
                }
                for (int[] step : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                    int p2 = move(p, step, nx, ny, periodic);
                    int q2 = move(q, step, nx, ny, periodic);
                    if (p2 >= 0) {
                        a[row][row] -= da / (h * h);
                        a[row][p2 * n + q] += da / (h * h);
                    }
                    if (q2 >= 0) {
                        a[row][row] -= db / (h * h);
                        a[row][p * n + q2] += db / (h * h);
                    }
                }
                a[row][states] = -1; // generator times t = -1 off the diagonal
            }
        }
        double[] t = solve(a);
        double mean = 0;
        for (double x : t) {
            mean += x / states;
        }
        return mean;
    }

    /** The voxel one step away, or -1 through a wall. */
    private static int move(int v, int[] step, int nx, int ny, boolean periodic) {
        int x = v % nx + step[0];
        int y = v / nx + step[1];
        if (periodic) {
            return Math.floorMod(x, nx) + nx * Math.floorMod(y, ny);
        }
        return x < 0 || x >= nx || y < 0 || y >= ny ? -1 : x + nx * y;
    }

    /**
     * The constant behind h* = 2^(3/2) e^gamma sigma: far from the origin the square lattice's
     * Green's function difference G(0) - G(x) is (ln|x| + gamma + 3/2 ln 2) / 2 pi, the
     * continuum's for a disk of radius e^-gamma / 2^(3/2); computed here from the modes of a
     * 256^2 torus at |x| = 16 and 24, where the lattice's correction is O(|x|^-2).
     */
    @Test
    void theLatticeActsAsADiskOfRadiusOneOverTheCriticalRatio() {
        int n = 256;
        double[] mu = new double[n];
        for (int q = 0; q < n; q++) {
            double s = Math.sin(Math.PI * q / n);
            mu[q] = 4 * s * s;
        }
        for (int r : new int[] {16, 24}) {
            double g = 0;
            for (int q1 = 0; q1 < n; q1++) {
                for (int q0 = 0; q0 < n; q0++) {
                    if (q0 != 0 || q1 != 0) {
                        g += (1 - Math.cos(2 * Math.PI * q0 * r / n)) / (mu[q0] + mu[q1]);
                    }
                }
            }
            g /= (double) n * n;
            // The torus's zero-mean Green's function adds -|x|^2 / 4 L^2 (its Laplacian is delta - 1/L^2).
            double continuum = Math.log(r * VoxelSizeCheck.CRITICAL_2D) / (2 * Math.PI) - r * r / (4.0 * n * n);
            assertEquals(continuum, g, 2e-4, "|x| = " + r);
        }
        assertEquals(5.0376, VoxelSizeCheck.CRITICAL_2D, 1e-4);
    }

    @Test
    void twoDimensionalVoxelsBelowTheCriticalSizeAreNamedWithTheNumbers() {
        List<String> w = warnings("[16, 16]", 2.0, "A +(1.0) B", 0.5);
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("dx 2 is below 2^(3/2) e^gamma sigma = 5.038 (sigma 1)"), w.get(0));
        // k T / V with T = (h^2 / D) sum, V = N A h^2, D = 2, A = 1
        double ktv = 0.5 * VoxelSizeCheck.encounterSum(new int[] {16, 16}, new boolean[] {true, true}) / (2.0 * 256);
        assertTrue(w.get(0).contains(String.format("keeps %.1f%%", 100 / (1 + ktv))), w.get(0));
        assertTrue(w.get(0).contains("16 x 16 grid"), w.get(0));
    }

    @Test
    void twoDimensionalLossGrowsWithTheDomain() {
        // Same dx (above h*), same k: a larger grid loses more (the 2-D encounter time grows like ln n).
        assertEquals(List.of(), warnings("[8, 8]", 6.0, "A +(1.0) B", 0.2));
        List<String> w = warnings("[512, 512]", 6.0, "A +(1.0) B", 0.2);
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("only logarithmically"), w.get(0));
    }

    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = a[r][n] / a[r][r];
        }
        return x;
    }

    @ParameterizedTest(name = "{0} dx {1} {2} k {3}")
    @CsvSource(delimiter = ';', value = {
        "[8, 8, 8]; 40.0; A +(1.0) B; 1.0",   // large voxels, small loss
        "[8, 8, 8]; 0.1;  A + B;      1.0",   // no radius: k is the lattice's own
        "[64, 64];  6.0;  A +(1.0) B; 0.01",  // 2-D: above 5.04 sigma, small k
        "[64];      0.1;  A +(1.0) B; 1.0",   // 1-D is not checked
        "[8, 8, 8]; 0.1;  A;          1.0",   // first order
    })
    void wellResolvedOrUncheckedReactionsPassQuietly(String cells, double dx, String reactants, double k) {
        assertEquals(List.of(), warnings(cells, dx, reactants, k));
    }
}
