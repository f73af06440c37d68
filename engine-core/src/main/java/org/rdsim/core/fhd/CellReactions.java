package org.rdsim.core.fhd;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.rdsim.core.model.Model;
import org.rdsim.core.rng.KeyedStreams;
import org.rdsim.core.rng.PoissonDeviate;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * The reaction increments of each cell (fhd-schemes.md section 3), each from the cell's own
 * stream (seed, FHD_REACT, replica, cell, step, stage), or where a sweep draws the stage's noise
 * too, from the cell's noise stream where its normals end ({@link FaceNoise#streams}), counts in
 * reaction order: tau-leaping
 * counts K_r ~ Poisson(m_r) (m_r + sqrt(m_r) Z in the CLE variant, m_r in the deterministic
 * twin), or the exact SSA over the interval.
 *
 * <p>The rates are the clamped, LMA-corrected ones of eq. (22): a_r(n) dV is
 * {@link ReactionNetwork#propensityClamped} of the cell's molecules n dV, evaluated here as its
 * product form c_r (x_f0 - o_0)+ (x_f1 - o_1)+ (x_f2 - o_2)+ ({@link ReactionNetwork#clampedFactors}),
 * the same numbers without a switch per call; an unused factor points at a count of 1.
 */
final class CellReactions {

    /** What a slab's reactions are: none, Poisson(a(n)), the midpoint's Poisson((2 a(star) - a(n))+), or the SSA. */
    enum Mode { NONE, TAU, MIDPOINT, SSA }

    private final int species;
    private final int reactions;
    private final int cells;
    private final double cellVolume;
    private final boolean deterministic;
    private final boolean langevin;
    private final double[] constant;
    private final int[] factorSpecies;     // [3 r + q]; species for an unused factor
    private final double[] factorOffset;
    private final double[] change;         // [r S + s], the net change nu_sr
    private final double[] count;          // one cell's molecules n dV, then 1 for unused factors
    private final double[] other;
    private final double[] gain;
    private final double[] propensity;
    private final double[][] molecules;    // a piece's n dV per species, then a row of ones
    private final double[][] moleculesMid;
    private final double[][] mean;         // a piece's count means (then counts) per reaction
    private static final int KEYED_RUN = 64;
    /** Cells per piece of a range: the ten arrays of a piece of the front in 80 KB, well inside a core's L2 cache. */
    private static final int PIECE = 16 * KEYED_RUN;
    private final long[] states = new long[4 * KEYED_RUN];   // the start states of a run of cells' streams
    private final KeyedStreams.Generator rng = new KeyedStreams.Generator();
    private final ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
    private final PoissonDeviate poisson = new PoissonDeviate(rng);
    private final long seed;
    private final long replica;
    private final FhdGrid grid;            // the cells' keys

    CellReactions(Model model, FhdGrid grid, double cellVolume, ReactionSampling sampling, boolean deterministic,
                  long replica) {
        int cells = grid.cells;
        int slabCells = grid.slabCells;
        this.grid = grid;
        ReactionNetwork net = new ReactionNetwork(model);
        this.species = net.species();
        this.reactions = net.reactions();
        this.cells = cells;
        this.cellVolume = cellVolume;
        this.deterministic = deterministic;
        this.langevin = sampling == ReactionSampling.CLE;
        this.seed = model.seed();
        this.replica = replica;
        constant = new double[reactions];
        factorSpecies = new int[3 * reactions];
        factorOffset = new double[3 * reactions];
        change = new double[reactions * species];
        int[] fs = new int[3];
        double[] fo = new double[3];
        for (int r = 0; r < reactions; r++) {
            constant[r] = net.constant(r);
            net.clampedFactors(r, fs, fo);
            for (int q = 0; q < 3; q++) {
                factorSpecies[3 * r + q] = fs[q] < 0 ? species : fs[q];
                factorOffset[3 * r + q] = fo[q];
            }
            int[] changed = net.changedSpecies(r);
            int[] amounts = net.netChanges(r);
            for (int q = 0; q < changed.length; q++) {
                change[r * species + changed[q]] = amounts[q];
            }
        }
        count = new double[species + 1];
        other = new double[species + 1];
        count[species] = 1;
        other[species] = 1;
        gain = new double[species];
        propensity = new double[reactions];
        int piece = Math.min(PIECE, slabCells);
        molecules = new double[species + 1][piece];
        moleculesMid = new double[species + 1][piece];
        java.util.Arrays.fill(molecules[species], 1);
        java.util.Arrays.fill(moleculesMid[species], 1);
        mean = new double[reactions][piece];
    }

    boolean any() {
        return reactions > 0;
    }

    /** a_r(x) dV for the molecules x of one cell (x[species] = 1). */
    private double rate(int r, double[] x) {
        int f = 3 * r;
        return constant[r] * Math.max(0, x[factorSpecies[f]] - factorOffset[f])
                * Math.max(0, x[factorSpecies[f + 1]] - factorOffset[f + 1])
                * Math.max(0, x[factorSpecies[f + 2]] - factorOffset[f + 2]);
    }

    /**
     * The increments sum_r nu_r K_r / dV of cells [from, from + count) into out[s count + j] (j the
     * cell's place in the range, count at most the slab size): TAU on the densities n, MIDPOINT
     * with the rates (2 a(star) - a(n))+, SSA on n (the twin of an SSA takes TAU's means); over
     * tau, from stage {@code stage}'s streams of step {@code step}; or with {@code streams}
     * non-null (not for SSA), from the streams there, [4 j ...] for the range's cell j.
     */
    void increments(Mode mode, double[] n, double[] star, double tau, long step, int stage, int from, int count,
                    double[] out, long[] streams) {
        if (!deterministic && streams == null) {
            rng.fix(seed, KeyedStreams.FHD_REACT, replica, step, stage);
        }
        if (mode == Mode.SSA && !deterministic) {
            for (int j = 0; j < count; j++) {
                ssa(n, from + j, tau);
                store(out, j, count);
            }
            return;
        }
        // A piece of the range at a time, so the rates, counts and sums stay in cache between
        // their passes (a slab's arrays at 256^2 cells are megabytes); a cell's numbers do not
        // depend on the piece it falls in.
        for (int at = 0; at < count; at += PIECE) {
            piece(mode, n, star, tau, from + at, Math.min(PIECE, count - at), out, at, count, streams);
        }
    }

    /**
     * Cells [from, from + size) of a range of {@code count} cells, the first of them at place
     * {@code at} of the range: see {@link #increments}.
     */
    private void piece(Mode mode, double[] n, double[] star, double tau, int from, int size, double[] out, int at,
                       int count, long[] streams) {
        means(n, mode == Mode.MIDPOINT ? star : null, tau, from, size);
        // The counts replace their means, cell by cell from each cell's stream, in reaction order.
        if (!deterministic) {
            for (int j = 0; j < size; j++) {
                if (streams != null) {
                    rng.resume(streams, at + j);
                } else {
                    if (j % KEYED_RUN == 0) {
                        grid.rekeyAll(rng, from + j, Math.min(KEYED_RUN, size - j), states);
                    }
                    rng.resume(states, j % KEYED_RUN);
                }
                if (langevin) {
                    for (int r = 0; r < reactions; r++) {
                        double m = mean[r][j];
                        mean[r][j] = m + Math.sqrt(m) * rng.normal();
                    }
                } else {
                    poisson.sampleAll(rng, mean, reactions, j);
                }
            }
        }
        // gain_s = sum_r nu_sr K_r, from 0 in reaction order, one species at a time over the piece.
        for (int s = 0; s < species; s++) {
            double[] g = molecules[s];     // the molecules are used up: the gain takes their place
            java.util.Arrays.fill(g, 0, size, 0);
            for (int r = 0; r < reactions; r++) {
                double nu = change[r * species + s];
                if (nu != 0) {
                    double[] k = mean[r];
                    for (int j = 0; j < size; j++) {
                        g[j] += nu * k[j];
                    }
                }
            }
            int to = s * count + at;
            for (int j = 0; j < size; j++) {
                out[to + j] = g[j] / cellVolume;
            }
        }
    }

    /**
     * The counts' means of cells [from, from + count), max(0, a_r tau), or with mid non-null
     * max(0, (2 a_r(mid) - a_r(n)) tau), into mean[r][j]: one reaction at a time over the range,
     * every array indexed alike, so the rates are vector arithmetic; the same operations as
     * {@link #rate}.
     */
    private void means(double[] n, double[] mid, double tau, int from, int count) {
        molecules(n, from, count, molecules);
        if (mid != null) {
            molecules(mid, from, count, moleculesMid);
        }
        for (int r = 0; r < reactions; r++) {
            int f = 3 * r;
            double[] x0 = molecules[factorSpecies[f]];
            double[] x1 = molecules[factorSpecies[f + 1]];
            double[] x2 = molecules[factorSpecies[f + 2]];
            double o0 = factorOffset[f];
            double o1 = factorOffset[f + 1];
            double o2 = factorOffset[f + 2];
            double c = constant[r];
            double[] out = mean[r];
            if (mid == null) {
                for (int j = 0; j < count; j++) {
                    double a = c * Math.max(0, x0[j] - o0) * Math.max(0, x1[j] - o1) * Math.max(0, x2[j] - o2);
                    out[j] = Math.max(0, a * tau);
                }
            } else {
                double[] y0 = moleculesMid[factorSpecies[f]];
                double[] y1 = moleculesMid[factorSpecies[f + 1]];
                double[] y2 = moleculesMid[factorSpecies[f + 2]];
                for (int j = 0; j < count; j++) {
                    double a = c * Math.max(0, x0[j] - o0) * Math.max(0, x1[j] - o1) * Math.max(0, x2[j] - o2);
                    double b = c * Math.max(0, y0[j] - o0) * Math.max(0, y1[j] - o1) * Math.max(0, y2[j] - o2);
                    out[j] = Math.max(0, (2 * b - a) * tau);
                }
            }
        }
    }

    /** x[s][j] = n dV of cell from + j; x[species] holds ones (for unused factors). */
    private void molecules(double[] n, int from, int count, double[][] x) {
        for (int s = 0; s < species; s++) {
            double[] xs = x[s];
            int src = s * cells + from;
            for (int j = 0; j < count; j++) {
                xs[j] = n[src + j] * cellVolume;
            }
        }
    }

    private void store(double[] out, int j, int count) {
        for (int s = 0; s < species; s++) {
            out[s * count + j] = gain[s] / cellVolume;
        }
    }

    /**
     * One cell's exact SSA over tau into gain: events at exponential waiting times with
     * propensities max(0, a_r dV), each adding nu_r to the cell's continuous molecules.
     */
    private void ssa(double[] n, int i, double tau) {
        rng.rekey(grid.key(i));
        for (int s = 0; s < species; s++) {
            count[s] = n[s * cells + i] * cellVolume;
            gain[s] = 0;
        }
        double t = 0;
        while (true) {
            double total = 0;
            int fired = -1; // the last reaction with a positive propensity, if u rounds past the total
            for (int r = 0; r < reactions; r++) {
                propensity[r] = rate(r, count);
                total += propensity[r];
                if (propensity[r] > 0) {
                    fired = r;
                }
            }
            if (!(total > 0)) {
                break;
            }
            t += exponential.sample() / total;
            if (t > tau) {
                break;
            }
            double u = rng.nextDouble() * total;
            for (int r = 0; r < reactions; r++) {
                u -= propensity[r];
                if (u < 0 && propensity[r] > 0) {
                    fired = r;
                    break;
                }
            }
            for (int s = 0; s < species; s++) {
                count[s] += change[fired * species + s];
                gain[s] += change[fired * species + s];
            }
        }
    }
}
