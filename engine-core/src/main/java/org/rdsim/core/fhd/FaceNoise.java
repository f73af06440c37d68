package org.rdsim.core.fhd;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.rdsim.core.rng.KeyedStreams;

/**
 * The stochastic diffusive fluxes of one stage, factor sqrt(eps D dt / dV) / dx sqrt(ntilde(m)) Z
 * on every face (fhd-schemes.md sections 1-2), over a window of slabs ({@link FhdGrid}): the
 * fluxes through the lower faces of slab q are computed once, from both cells' m and the face's
 * normal, and read by the cells on both sides, so each cell's divergence is a sum over its own
 * faces in a fixed order, the same however the grid is cut into blocks.
 *
 * <p>The normals are keyed, never carried: those of stage g of step k come from each cell's
 * stream (seed, FHD_NOISE, replica, cell, k, g), one per species for each of the cell's lower
 * faces (i - e_j/2, axis by axis, walls included), then for each of its upper faces on a
 * reservoir. So every face has one owner, and the corrector's W1 is the predictor's drawn again.
 *
 * <p>A slab of fluxes holds, per axis a and species s, the flux into each cell through its lower
 * face at [(a S + s) slabCells + j]; after the axes, the sum of the inflows through the cell's
 * upper reservoir faces. Three slabs are kept (slab 0, which the last slab of a periodic box
 * needs again, and two that roll), and two slabs of m with the face ramp H0(m dV) of each cell.
 */
final class FaceNoise {

    private final FhdGrid grid;
    private final int species;
    private final double cellVolume;
    private final double[] noise;            // per species: sqrt(eps D dt / dV) / dx
    private final FaceAverage average;
    private final boolean arithmetic;        // the default average, with each cell's ramp computed once
    private final double[] coefficient;      // per species: factor * noise, for the current stage
    private final double[][] fluxes;         // slab 0, then the odd and the even slabs
    private final int[] fluxTag = new int[3];
    private final double[][] m = new double[2][];
    private final double[][] ramp = new double[2][];
    private final int[] mTag = new int[2];
    private final double[] upper;            // one cell's upper reservoir inflows, per species
    private final long[] states;             // the start states of a row's streams
    private final KeyedStreams.Generator rng = new KeyedStreams.Generator();
    private final ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    private final long seed;
    private final long replica;
    // The stage's m: a field, or the second-half densities of (n, star).
    private double[] field;
    private double[] star;
    private SecondHalfNoise half;

    FaceNoise(FhdGrid grid, int species, double cellVolume, double[] noise, FaceAverage average, long seed,
              long replica) {
        this.grid = grid;
        this.species = species;
        this.cellVolume = cellVolume;
        this.noise = noise;
        this.average = average;
        this.arithmetic = average == FaceAverage.ARITHMETIC;
        this.seed = seed;
        this.replica = replica;
        this.coefficient = new double[species];
        int slab = (grid.dimensions + 1) * species * grid.slabCells;
        fluxes = new double[][] {new double[slab], new double[slab], new double[slab]};
        for (int k = 0; k < 2; k++) {
            m[k] = new double[species * grid.slabCells];
            ramp[k] = new double[species * grid.slabCells];
        }
        upper = new double[species];
        states = new long[4 * grid.nx];
    }

    /**
     * Starts a stage: the face averages taken on m (the field {@code n}, or with {@code half}
     * non-null its second-half densities of n and {@code star}), fluxes scaled by factor.
     */
    void begin(double[] n, double[] star, SecondHalfNoise half, double factor, long step, int stage) {
        this.field = n;
        this.star = star;
        this.half = half;
        for (int s = 0; s < species; s++) {
            coefficient[s] = factor * noise[s];
        }
        rng.fix(seed, KeyedStreams.FHD_NOISE, replica, step, stage);
        java.util.Arrays.fill(fluxTag, -1);
        java.util.Arrays.fill(mTag, -1);
    }

    /** The fluxes through the lower faces of slab q, computed if they are not in the window. */
    double[] slab(int q) {
        int slot = q == 0 ? 0 : 1 + (q & 1);
        if (fluxTag[slot] != q) {
            int lowerSlab = grid.outer < 0 ? -1 : grid.below[grid.outer][q];
            int here = mSlab(q, lowerSlab);
            int there = lowerSlab < 0 ? -1 : mSlab(lowerSlab, q);
            fill(q, here, there, fluxes[slot]);
            fluxTag[slot] = q;
        }
        return fluxes[slot];
    }

    /** The slot holding m of slab q, filling the one that does not hold slab {@code keep} if needed. */
    private int mSlab(int q, int keep) {
        for (int k = 0; k < 2; k++) {
            if (mTag[k] == q) {
                return k;
            }
        }
        int k = mTag[0] == keep ? 1 : 0;
        int from = q * grid.slabCells;
        int count = grid.slabCells;
        double[] mk = m[k];
        double[] hk = ramp[k];
        for (int s = 0; s < species; s++) {
            int src = s * grid.cells + from;
            int dst = s * count;
            if (half == null) {
                System.arraycopy(field, src, mk, dst, count);
            } else {
                half.bullet(field, star, src, mk, dst, count);
            }
            if (arithmetic) {
                for (int j = dst; j < dst + count; j++) {
                    hk[j] = FaceAverage.ramp(mk[j] * cellVolume);
                }
            }
        }
        mTag[k] = q;
        return k;
    }

    /**
     * Draws the normals of slab q's cells and fills its fluxes: m of the slab in slot {@code here},
     * of the slab across its lower outer faces in slot {@code there} (-1 at a wall or in 1-D).
     * First every cell's normals, in its stream's order, into the flux slots; then each face's
     * amplitude, one axis and species at a time over contiguous runs of faces, which the JIT
     * turns into vector arithmetic (square roots included).
     */
    private void fill(int q, int here, int there, double[] out) {
        int sc = grid.slabCells;
        int nx = grid.nx;
        int rows = grid.dimensions == 3 ? grid.size[1] : 1;
        int dims = grid.dimensions;
        double[] mc = m[here];
        double[] hc = ramp[here];
        int upperAt = grid.outer < 0 ? -1 : grid.above[grid.outer][q];
        for (int y = 0; y < rows; y++) {
            rng.rekeyAll((long) q * sc + y * nx, nx, states);
            for (int x = 0; x < nx; x++) {
                int j = y * nx + x;
                rng.resume(states, x);
                for (int f = j; f < dims * species * sc; f += sc) {
                    out[f] = normal.sample();
                }
                if (grid.upperReservoirs) {
                    upperInflows(x, y, mc, hc, j, upperAt, out);
                }
            }
        }
        int[] belowX = grid.below[0];
        int[] belowY = grid.below[1];
        for (int s = 0; s < species; s++) {
            int k = s * sc;
            for (int y = 0; y < rows; y++) {
                // x: the first face of a row may wrap or be a wall, the rest have the cell before.
                int row = k + y * nx;
                int f = s * sc + y * nx;
                face(out, f, belowX[0] < 0 ? -1 : row + belowX[0], mc, hc, row, 1, 0, s);
                amplitudes(out, f + 1, mc, hc, row, mc, hc, row + 1, nx - 1, s);
                if (dims == 3) {
                    int fy = (species + s) * sc + y * nx;
                    int lower = belowY[y];
                    if (lower < 0) {
                        face(out, fy, -1, mc, hc, row, nx, 1, s);
                    } else {
                        amplitudes(out, fy, mc, hc, k + lower * nx, mc, hc, row, nx, s);
                    }
                }
            }
            if (grid.outer >= 0) {
                int fo = (grid.outer * species + s) * sc;
                if (there < 0) {
                    face(out, fo, -1, mc, hc, k, sc, grid.outer, s);
                } else {
                    amplitudes(out, fo, m[there], ramp[there], k, mc, hc, k, sc, s);
                }
            }
        }
    }

    /**
     * out[f + t] *= the amplitude of the face between cells kn + t (m in mn, ramps in hn) and
     * k + t (mc, hc), t &lt; count: coefficient sqrt(ntilde(m_kn, m_k)), multiplied in the order
     * coefficient * sqrt(ntilde) * z.
     */
    private void amplitudes(double[] out, int f, double[] mn, double[] hn, int kn, double[] mc, double[] hc, int k,
                            int count, int s) {
        double c = coefficient[s];
        if (arithmetic) {
            for (int t = 0; t < count; t++) {
                out[f + t] = c * Math.sqrt(0.5 * (mn[kn + t] + mc[k + t]) * hn[kn + t] * hc[k + t]) * out[f + t];
            }
        } else {
            for (int t = 0; t < count; t++) {
                out[f + t] = c * Math.sqrt(average.of(mn[kn + t], mc[k + t], cellVolume)) * out[f + t];
            }
        }
    }

    /**
     * Like {@link #amplitudes} for faces whose lower neighbour is cell kn of the same slab, or a
     * wall (kn = -1): the reservoir's face, or nothing through a reflecting one (its normal drawn all the same).
     */
    private void face(double[] out, int f, int kn, double[] mc, double[] hc, int k, int count, int axis, int s) {
        if (kn >= 0) {
            amplitudes(out, f, mc, hc, kn, mc, hc, k, count, s);
            return;
        }
        double[] ghost = grid.lowerGhost[axis];
        for (int t = 0; t < count; t++) {
            out[f + t] = ghost == null ? 0
                    : coefficient[s] * Math.sqrt(reservoir(mc[k + t], hc[k + t], ghost[s])) * out[f + t];
        }
    }

    /** The inflows through cell j's upper reservoir faces, drawn after its lower faces, axis by axis. */
    private void upperInflows(int x, int y, double[] mc, double[] hc, int j, int upperAt, double[] out) {
        java.util.Arrays.fill(upper, 0);
        for (int a = 0; a < grid.dimensions; a++) {
            boolean top = a == 0 ? x == grid.nx - 1 : a == grid.outer ? upperAt < 0 : y == grid.size[1] - 1;
            if (top && grid.upperGhost[a] != null) {
                for (int s = 0; s < species; s++) {
                    int k = s * grid.slabCells + j;
                    double ntilde = reservoir(mc[k], hc[k], grid.upperGhost[a][s]);
                    upper[s] += coefficient[s] * Math.sqrt(ntilde) * normal.sample();
                }
            }
        }
        int base = grid.dimensions * species * grid.slabCells + j;
        for (int s = 0; s < species; s++) {
            out[base + s * grid.slabCells] = upper[s];
        }
    }

    /** ntilde on a face to a reservoir at density cR, for a cell of m mi and ramp hi. */
    private double reservoir(double mi, double hi, double cR) {
        return arithmetic ? 0.5 * (mi + cR) * hi : average.atReservoir(mi, cR, cellVolume);
    }
}
