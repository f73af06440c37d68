package org.rdsim.partitioning.rdme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;
import org.rdsim.partitioning.BlockRunner;

/** Pure diffusion on the lattice with the Next Subvolume Method, against exact lattice results. */
class DiffusionTest {

    /**
     * From a point source in a closed domain every molecule ends up uniformly and independently
     * placed: the counts are multinomial, so the spatial variance about N/V has expectation
     * (N/V)(1 - 1/V) and neighbouring voxels have covariance -N/V^2, and the total never changes.
     * t = 40 is six relaxation times of the slowest reflecting mode, 2h(1 - cos(pi/8)) = 0.15.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "periodic,   nsm",
        "reflecting, nsm",
        "periodic,   '{algorithm: nsm, block: [4, 4]}'",
        "reflecting, '{algorithm: split-mn, dt: 0.1, block: [4, 8]}'",
        "periodic,   '{algorithm: split-mn, dt: 0.2}'",
    })
    void aClosedDomainReachesTheMultinomialEquilibriumAndConservesMolecules(String boundary, String method) {
        int side = 8;
        int molecules = 320;
        Model m = Ensembles.model("""
                name: closed
                domain: {cells: [8, 8], dx: 1.0, A: 1.0, boundary: %s}
                species: {X: {D: 1.0, initial: {point: {at: [0.5, 0.5], count: 320}}}}
                reactions: []
                method: %s
                time: {end: 40.0, output: 10.0}
                seed: 12
                """.formatted(boundary, method));
        int voxels = side * side;
        double mean = (double) molecules / voxels;
        int replicas = 400;
        double[] variance = new double[replicas];
        double[] covariance = new double[replicas];
        BlockRunner runner = new BlockRunner(m);
        for (int r = 0; r < replicas; r++) {
            int replica = r;
            runner.run(r, (k, t, counts, totals) -> {
                assertEquals(molecules, totals[0], "molecules are conserved");
                if (k == 4) {
                    double v = 0;
                    double c = 0;
                    for (int i = 0; i < voxels; i++) {
                        int right = (i % side == side - 1) ? i - side + 1 : i + 1; // x neighbour on the ring
                        v += (counts[i] - mean) * (counts[i] - mean);
                        c += (counts[i] - mean) * (counts[right] - mean);
                    }
                    variance[replica] = v / voxels;
                    covariance[replica] = c / voxels;
                }
            });
        }
        double[] var = Stat.meanAndSe(variance);
        double[] cov = Stat.meanAndSe(covariance);
        Stat.assertAgrees(boundary + " " + method + ": spatial variance", var[0], mean * (1 - 1.0 / voxels), var[1]);
        Stat.assertAgrees(boundary + " " + method + ": neighbour covariance", cov[0], -molecules / (double) (voxels * voxels), cov[1]);
    }

    /**
     * The mean profile from a point source follows the exact lattice walk, at several times. On
     * several blocks hops across block faces arrive up to a macro step late; at the default macro
     * step (0.05 hops per molecule per face) that lag must stay below the test's resolution.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "periodic-1d,   nsm",
        "reflecting-1d, nsm",
        "periodic-2d,   nsm",
        "periodic-1d,   '{algorithm: nsm, block: [8]}'",
        "reflecting-1d, '{algorithm: nsm, block: [5]}'",
        "periodic-2d,   '{algorithm: nsm, block: [4, 2]}'",
    })
    void thePointSourceProfileMatchesTheExactLatticeWalk(String setup, String method) {
        double chi2p = pointSourceAgainstExactWalk(setup, method);
        assertTrue(chi2p > Stat.P_MIN, setup + " " + method + ": smallest chi-square p-value " + chi2p);
    }

    /**
     * The same comparison detects the lag when the macro step is long: 0.7 hops per molecule per
     * face (dx^2/D) on blocks of 4 voxels. This is what makes the test above able to fail.
     */
    @Test
    void aLongMacroStepOnSmallBlocksShowsTheLag() {
        double chi2p = pointSourceAgainstExactWalk("periodic-1d", "{algorithm: nsm, block: [4], macroStep: 0.5}");
        assertTrue(chi2p < 1e-6, "the lag of a 0.5 macro step must be visible; p-value " + chi2p);
    }

    /**
     * NSM and the split scheme on the same problem (a point source on a ring of 32 voxels): their
     * mean profiles agree within statistics at t = 1 and 4 once the split scheme's known first-order
     * bias is accounted for. Its mean follows the explicit Euler recursion m + dt L m exactly
     * (multinomial diffusion moves each molecule to each open face with probability D dt/dx^2), so
     * the expected difference is N (exact walk - Euler walk), computed here, not fitted.
     */
    @Test
    void nsmAndTheSplitSchemeGiveTheSameMeanProfile() {
        String model = """
                name: ring
                domain: {cells: [32], dx: 1.0, A: 1.0, boundary: periodic}
                species: {X: {D: 0.7, initial: {point: {at: [5.5], count: 200}}}}
                reactions: []
                method: %s
                time: {end: 4.0, output: 1.0}
                seed: 8
                """;
        int replicas = 1000;
        int n = 32;
        double dt = 0.1;
        double[][] nsm = meanProfiles(Ensembles.model(model.formatted("nsm")), replicas);
        double[][] split = meanProfiles(Ensembles.model(model.formatted("{algorithm: split-mn, dt: 0.1}")), replicas);
        for (int k : new int[] {1, 4}) {
            double[] euler = new double[n];
            euler[5] = 1;
            for (int step = 0; step < Math.round(k / dt); step++) {
                double[] next = new double[n];
                for (int i = 0; i < n; i++) {
                    double flow = 0.7 * dt * (euler[(i + n - 1) % n] + euler[(i + 1) % n] - 2 * euler[i]);
                    next[i] = euler[i] + flow;
                }
                euler = next;
            }
            double chi2 = 0;
            for (int v = 0; v < n; v++) {
                double exact = LatticeTesting.ringKernel(n, 0.7, k, 5, v);
                double expected = 200 * (exact - euler[v]);
                double var = (200 * exact * (1 - exact) + 200 * euler[v] * (1 - euler[v])) / replicas;
                double z = (nsm[k][v] - split[k][v] - expected) / Math.sqrt(var);
                chi2 += z * z;
            }
            double p = LatticeTesting.chiSquareP(chi2, n);
            assertTrue(p > Stat.P_MIN, "t=" + k + ": NSM - split against N (exact - Euler): chi-square " + chi2
                    + " on " + n + " dof, p=" + p);
        }
    }

    private static double[][] meanProfiles(Model m, int replicas) {
        double[][][] counts = LatticeTesting.counts(m, replicas);
        double[][] mean = new double[counts.length][];
        for (int k = 0; k < counts.length; k++) {
            mean[k] = new double[counts[k].length];
            for (int v = 0; v < mean[k].length; v++) {
                mean[k][v] = Stat.meanAndSe(counts[k][v])[0];
            }
        }
        return mean;
    }

    /** The smallest chi-square p-value of the mean profile against the exact walk at t = 0.5, 2 and 8. */
    static double pointSourceAgainstExactWalk(String setup, String method) {
        boolean twoD = setup.endsWith("2d");
        boolean ring = setup.startsWith("periodic");
        int n = twoD ? 8 : 32;
        int source = 5;
        int molecules = 200;
        double d = 0.7;
        Model m = Ensembles.model("""
                name: source
                domain: {cells: %s, dx: 1.0, A: 1.0, boundary: %s}
                species: {X: {D: 0.7, initial: {point: {at: %s, count: 200}}}}
                reactions: []
                method: %s
                time: {end: 8.0, output: 0.5}
                seed: 5
                """.formatted(twoD ? "[8, 8]" : "[32]", ring ? "periodic" : "reflecting",
                twoD ? "[5.5, 5.5]" : "[5.5]", method));
        int voxels = twoD ? n * n : n;
        int[] checkIndex = {1, 4, 16};
        int replicas = 2000;
        double[][] sum = new double[checkIndex.length][voxels];
        BlockRunner runner = new BlockRunner(m);
        for (int r = 0; r < replicas; r++) {
            runner.run(r, (k, t, counts, totals) -> {
                for (int c = 0; c < checkIndex.length; c++) {
                    if (k == checkIndex[c]) {
                        for (int v = 0; v < voxels; v++) {
                            sum[c][v] += counts[v];
                        }
                    }
                }
            });
        }
        double smallest = 1;
        for (int c = 0; c < checkIndex.length; c++) {
            double t = checkIndex[c] * 0.5;
            double chi2 = 0;
            int dof = 0;
            for (int v = 0; v < voxels; v++) {
                double p;
                if (twoD) {
                    p = LatticeTesting.ringKernel(n, d, t, source, v % n) * LatticeTesting.ringKernel(n, d, t, source, v / n);
                } else {
                    p = ring ? LatticeTesting.ringKernel(n, d, t, source, v) : LatticeTesting.segmentKernel(n, d, t, source, v);
                }
                double exact = molecules * p;
                double var = molecules * p * (1 - p) / replicas; // each molecule independently in v
                if (var > 1e-12) {
                    double z = (sum[c][v] / replicas - exact) / Math.sqrt(var);
                    chi2 += z * z;
                    dof++;
                }
            }
            smallest = Math.min(smallest, LatticeTesting.chiSquareP(chi2, dof));
        }
        return smallest;
    }

    /** With absorbing ends the expected total follows the Dirichlet eigen-expansion exactly. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nsm", "{algorithm: nsm, block: [4]}"})
    void absorbingEndsDrainTheLatticeAtItsEigenvalues(String method) {
        int n = 16;
        double d = 1.0;
        Model m = Ensembles.model("""
                name: drain
                domain: {cells: [16], dx: 1.0, A: 1.0, boundary: absorbing}
                species: {X: {D: 1.0, initial: {uniform: 10, sampling: round}}}
                reactions: []
                method: %s
                time: {end: 40.0, output: 2.0}
                seed: 6
                """.formatted(method));
        int replicas = 2000;
        int[] checks = {1, 3, 6, 10, 20};
        double[][] totals = new double[checks.length][replicas];
        BlockRunner runner = new BlockRunner(m);
        for (int r = 0; r < replicas; r++) {
            int replica = r;
            runner.run(r, (k, t, counts, tot) -> {
                for (int c = 0; c < checks.length; c++) {
                    if (k == checks[c]) {
                        totals[c][replica] = tot[0];
                    }
                }
            });
        }
        for (int c = 0; c < checks.length; c++) {
            double t = checks[c] * 2.0;
            double mean = 0;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double s = LatticeTesting.survival(n, d, t, i);
                mean += 10 * s;
                var += 10 * s * (1 - s); // molecules survive independently
            }
            Stat.assertAgrees(method + ": mean total at t=" + t, Stat.meanAndSe(totals[c])[0], mean, Math.sqrt(var / replicas));
        }
    }
}
