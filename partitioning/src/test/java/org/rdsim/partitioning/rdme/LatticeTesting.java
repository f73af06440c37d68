package org.rdsim.partitioning.rdme;

import org.hipparchus.special.Gamma;
import org.rdsim.core.model.Model;
import org.rdsim.partitioning.BlockRunner;

/** Helpers shared by the lattice tests. */
final class LatticeTesting {

    private LatticeTesting() {
    }

    /**
     * The count of species 0 in each voxel at every output of replicas 0 to R - 1, run in process:
     * [output][voxel][replica].
     */
    static double[][][] counts(Model m, int replicas) {
        int voxels = (int) m.domain().voxels();
        int species = m.speciesCount();
        double[][][] out = new double[m.time().outputCount()][voxels][replicas];
        BlockRunner runner = new BlockRunner(m);
        for (int r = 0; r < replicas; r++) {
            int replica = r;
            runner.run(r, (k, t, field, totals) -> {
                for (int v = 0; v < voxels; v++) {
                    out[k][v][replica] = field[v * species];
                }
            });
        }
        return out;
    }

    /** The counts at the last output: [voxel][replica]. */
    static double[][] finals(Model m, int replicas) {
        double[][][] all = counts(m, replicas);
        return all[all.length - 1];
    }

    /** Upper-tail p-value of a chi-square statistic. */
    static double chiSquareP(double statistic, int dof) {
        return Gamma.regularizedGammaQ(dof / 2.0, statistic / 2.0);
    }

    /**
     * Transition probability of the continuous-time lattice walk on a 1-D ring of n sites with
     * rate h per direction: exact eigen-expansion.
     */
    static double ringKernel(int n, double h, double t, int from, int to) {
        double p = 0;
        for (int k = 0; k < n; k++) {
            double lambda = 2 * h * (1 - Math.cos(2 * Math.PI * k / n));
            p += Math.exp(-lambda * t) * Math.cos(2 * Math.PI * k * (to - from) / n);
        }
        return p / n;
    }

    /** The same on a segment of n sites with reflecting ends (Neumann cosines). */
    static double segmentKernel(int n, double h, double t, int from, int to) {
        double p = 0;
        for (int k = 0; k < n; k++) {
            double lambda = 2 * h * (1 - Math.cos(Math.PI * k / n));
            double c = k == 0 ? 1 : 2;
            p += c * Math.exp(-lambda * t) * Math.cos(Math.PI * k * (to + 0.5) / n) * Math.cos(Math.PI * k * (from + 0.5) / n);
        }
        return p / n;
    }

    /** Probability that a walker started at site i (0..n-1) of a segment with absorbing ends is alive at t. */
    static double survival(int n, double h, double t, int from) {
        double s = 0;
        for (int k = 1; k <= n; k++) {
            double lambda = 2 * h * (1 - Math.cos(Math.PI * k / (n + 1)));
            double sumPhi = 0;
            for (int j = 1; j <= n; j++) {
                sumPhi += Math.sin(Math.PI * k * j / (n + 1));
            }
            s += Math.exp(-lambda * t) * Math.sin(Math.PI * k * (from + 1) / (n + 1)) * sumPhi;
        }
        return s * 2 / (n + 1);
    }

    /** Solves a tridiagonal system (sub a, diagonal b, super c, right side d); Thomas algorithm. */
    static double[] tridiagonal(double[] a, double[] b, double[] c, double[] d) {
        int n = b.length;
        double[] cp = new double[n];
        double[] dp = new double[n];
        cp[0] = c[0] / b[0];
        dp[0] = d[0] / b[0];
        for (int i = 1; i < n; i++) {
            double m = b[i] - a[i] * cp[i - 1];
            cp[i] = c[i] / m;
            dp[i] = (d[i] - a[i] * dp[i - 1]) / m;
        }
        double[] x = new double[n];
        x[n - 1] = dp[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            x[i] = dp[i] - cp[i] * x[i + 1];
        }
        return x;
    }
}
