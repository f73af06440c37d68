package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.rdsim.core.analysis.CellStatistics;
import org.rdsim.core.analysis.StructureFactor;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;

/** What the FHD scheme tests share: small models, batch-means checks, S(k), order of accuracy. */
final class FhdTesting {

    static final String SCHLOGL_EQ = "['2 X -> 3 X @ 0.1', '3 X -> 2 X @ 0.1', '0 -> X @ 0.1', 'X -> 0 @ 0.1']";

    private FhdTesting() {
    }

    /** A spatial model from its parts, each in YAML flow text. */
    static Model model(String cells, String boundary, String species, String reactions, double dx, double depth,
                       long seed) {
        return Ensembles.model("""
                name: fhd
                domain: {cells: %s, dx: %s, A: %s, boundary: %s}
                species: %s
                reactions: %s
                time: {end: 1.0}
                seed: %d
                """.formatted(cells, dx, depth, boundary, species, reactions, seed));
    }

    /** Asserts that the batch means agree with the exact value within 4.5 standard errors. */
    static void assertAgrees(String what, double[] batches, double exact) {
        double m = Arrays.stream(batches).average().orElseThrow();
        double var = Arrays.stream(batches).map(x -> (x - m) * (x - m)).sum() / (batches.length - 1);
        double se = Math.sqrt(var / batches.length);
        assertTrue(Math.abs(m - exact) < 4.5 * se, what + " " + m + " +- " + se + ", exact " + exact);
    }

    /** Per-species totals of a species-major field. */
    static double[] totals(double[] n, int cells) {
        double[] t = new double[n.length / cells];
        for (int i = 0; i < n.length; i++) {
            t[i / cells] += n[i];
        }
        return t;
    }

    /**
     * Mean and variance of one cell's molecule count n dV, per batch (40 batches of 2000 steps
     * after 100), and whether every count was whole or some was not.
     */
    record CountMoments(double[] mean, double[] variance, boolean allWhole, boolean anyFractional) {
    }

    static CountMoments oneCell(FhdScheme scheme, double start, double dV) {
        double[] n = {start};
        int batches = 40;
        int perBatch = 2000;
        double[] mean = new double[batches];
        double[] square = new double[batches];
        boolean whole = true;
        boolean fractional = false;
        long step = 0;
        for (; step < 100; step++) {
            scheme.step(n, step);
        }
        for (int b = 0; b < batches; b++) {
            for (int k = 0; k < perBatch; k++) {
                scheme.step(n, step++);
                double count = n[0] * dV;
                double off = Math.abs(count - Math.rint(count));
                whole &= off <= 1e-9;
                fractional |= off > 1e-6;
                mean[b] += count / perBatch;
                square[b] += count * count / perBatch;
            }
        }
        double[] variance = new double[batches];
        for (int b = 0; b < batches; b++) {
            variance[b] = square[b] - mean[b] * mean[b];
        }
        return new CountMoments(mean, variance, whole, fractional);
    }

    /**
     * Asserts second order in dt: the max-norm errors at dt = base, base/2, base/4 against
     * dt = 1/512 shrink by ratios between 3.7 and 4.3. {@code run} integrates to t = 1 at a dt.
     */
    static void assertSecondOrder(DoubleFunction<double[]> run, double base) {
        double[] reference = run.apply(1.0 / 512);
        double[] errors = new double[3];
        for (int j = 0; j < 3; j++) {
            double[] n = run.apply(base / (1 << j));
            double e = 0;
            for (int i = 0; i < n.length; i++) {
                e = Math.max(e, Math.abs(n[i] - reference[i]));
            }
            errors[j] = e;
        }
        for (int j = 0; j < 2; j++) {
            double ratio = errors[j] / errors[j + 1];
            assertTrue(ratio > 3.7 && ratio < 4.3, "error ratio " + ratio + " for errors " + Arrays.toString(errors));
        }
    }

    /** The deterministic twin of a scheme from t = 0 to 1 on 32 cells from 1 + 0.5 sin(2 pi i / 32). */
    static double[] deterministicRun(Function<Double, FhdScheme> scheme, double dt) {
        FhdScheme s = scheme.apply(dt);
        double[] n = new double[32];
        for (int i = 0; i < 32; i++) {
            n[i] = 1 + 0.5 * Math.sin(2 * Math.PI * i / 32);
        }
        int steps = (int) Math.round(1.0 / dt);
        for (int k = 0; k < steps; k++) {
            s.step(n, k);
        }
        return n;
    }

    /** The estimators of {@code rdsim analyze} fed from one run: S(k) and the one-cell statistics. */
    record Sampled(StructureFactor structureFactor, CellStatistics cells) {
    }

    /**
     * Runs a scheme on a 1-D periodic field n (dx = 1, cell volume dV) from step 0: a burn-in of
     * {@code burnIn} steps, then {@code snapshots} snapshots {@code every} steps apart into the
     * estimators, with {@code batches} batch means.
     */
    static Sampled sample(FhdScheme scheme, double[] n, double dV, long burnIn, int every, int snapshots,
                          int batches) {
        int[] cells = {n.length};
        StructureFactor sf = new StructureFactor(cells, 1.0, dV, 1, batches);
        CellStatistics cs = new CellStatistics(cells, new boolean[] {true}, dV, 1, batches);
        long step = 0;
        for (; step < burnIn; step++) {
            scheme.step(n, step);
        }
        for (int k = 0; k < snapshots; k++) {
            for (int j = 0; j < every; j++) {
                scheme.step(n, step++);
            }
            sf.add(n);
            cs.add(n);
        }
        return new Sampled(sf, cs);
    }

    /** Equilibrium Schlogl on 64 periodic cells (dx = 1, nbar = 1, cell volume depth): S(k) in 40 batches. */
    static double[][] schlogl(Function<Model, FhdScheme> scheme, double depth, long seed, long burnIn, int perBatch,
                              int every) {
        Model m = model("[64]", "periodic", "{X: {D: 1.0, initial: {uniform: 1.0}}}", SCHLOGL_EQ, 1.0, depth, seed);
        double[] n = new double[64];
        Arrays.fill(n, 1.0);
        return structureFactor(scheme.apply(m), n, depth, burnIn, 40, perBatch, every);
    }

    /**
     * S(k) = V |nhat_k|^2 of a 1-D field for modes q = 1..cells/2, averaged over batches of
     * samples taken every {@code every} steps after a burn-in: [batch][q].
     */
    static double[][] structureFactor(FhdScheme scheme, double[] n, double dV, long burnIn, int batches, int perBatch,
                                      int every) {
        int cells = n.length;
        int modes = cells / 2;
        double[][] cos = new double[modes + 1][cells];
        double[][] sin = new double[modes + 1][cells];
        for (int q = 1; q <= modes; q++) {
            for (int i = 0; i < cells; i++) {
                cos[q][i] = Math.cos(2 * Math.PI * q * i / cells);
                sin[q][i] = Math.sin(2 * Math.PI * q * i / cells);
            }
        }
        long step = 0;
        for (; step < burnIn; step++) {
            scheme.step(n, step);
        }
        double[][] batchMean = new double[batches][modes + 1];
        for (int b = 0; b < batches; b++) {
            for (int sample = 0; sample < perBatch; sample++) {
                for (int k = 0; k < every; k++) {
                    scheme.step(n, step++);
                }
                for (int q = 1; q <= modes; q++) {
                    double re = 0;
                    double im = 0;
                    for (int i = 0; i < cells; i++) {
                        re += n[i] * cos[q][i];
                        im -= n[i] * sin[q][i];
                    }
                    // S = V |nhat|^2, nhat = (1/N) sum n e^{-ikx}, V = N dV
                    batchMean[b][q] += dV * (re * re + im * im) / cells / perBatch;
                }
            }
        }
        return batchMean;
    }

    /**
     * Asserts |S(q) - predicted(q)| within 4.5 batch-means standard errors for every mode (with
     * -Drdsim.report=true it prints every mode's z).
     */
    static void assertStructureFactor(double[][] batchMean, IntToDoubleFunction predicted) {
        int batches = batchMean.length;
        double worst = 0;
        StringBuilder report = new StringBuilder();
        for (int q = 1; q < batchMean[0].length; q++) {
            double mean = 0;
            for (double[] bm : batchMean) {
                mean += bm[q] / batches;
            }
            double var = 0;
            for (double[] bm : batchMean) {
                var += (bm[q] - mean) * (bm[q] - mean) / (batches - 1);
            }
            double se = Math.sqrt(var / batches);
            double z = (mean - predicted.applyAsDouble(q)) / se;
            report.append(String.format("%n q %2d S %.4f +- %.4f predicted %.4f z %+.2f", q, mean, se,
                    predicted.applyAsDouble(q), z));
            worst = Math.max(worst, Math.abs(z));
        }
        if (Boolean.getBoolean("rdsim.report")) {
            System.out.println("largest |z| " + worst + report);
        }
        assertTrue(worst < 4.5, "largest |z| " + worst + report);
    }

    /** ktilde^2 dx^2 of mode q on N cells: the modified wavenumber (paper eq. 34). */
    static double kt2(int q, int cells) {
        double s = Math.sin(Math.PI * q / cells) / 0.5;
        return s * s;
    }
}
