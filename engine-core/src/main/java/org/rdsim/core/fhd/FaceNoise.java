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
     */
    private void fill(int q, int here, int there, double[] out) {
        int sc = grid.slabCells;
        int nx = grid.nx;
        int rows = grid.dimensions == 3 ? grid.size[1] : 1;
        int dims = grid.dimensions;
        double[] mc = m[here];
        double[] hc = ramp[here];
        double[] ml = there < 0 ? null : m[there];
        double[] hl = there < 0 ? null : ramp[there];
        int[] belowX = grid.below[0];
        int[] belowY = grid.below[1];
        int upperAt = grid.outer < 0 ? -1 : grid.above[grid.outer][q];
        for (int y = 0; y < rows; y++) {
            int yl = belowY[y];
            for (int x = 0; x < nx; x++) {
                int j = y * nx + x;
                rng.rekey((long) q * sc + j);
                for (int a = 0; a < dims; a++) {
                    // The neighbour across the lower face on axis a: its index in m slot mn, or -1.
                    double[] mn;
                    double[] hn;
                    int jn;
                    if (a == 0) {
                        mn = mc;
                        hn = hc;
                        jn = belowX[x] < 0 ? -1 : y * nx + belowX[x];
                    } else if (a == grid.outer) {
                        mn = ml;
                        hn = hl;
                        jn = ml == null ? -1 : j;
                    } else {
                        mn = mc;
                        hn = hc;
                        jn = yl < 0 ? -1 : yl * nx + x;
                    }
                    int base = a * species * sc + j;
                    for (int s = 0; s < species; s++) {
                        double z = normal.sample();
                        int k = s * sc + j;
                        double ntilde;
                        if (jn >= 0) {
                            int kn = s * sc + jn;
                            ntilde = arithmetic ? 0.5 * (mn[kn] + mc[k]) * hn[kn] * hc[k]
                                    : average.of(mn[kn], mc[k], cellVolume);
                        } else if (grid.lowerGhost[a] != null) {
                            ntilde = reservoir(mc[k], hc[k], grid.lowerGhost[a][s]);
                        } else {
                            out[base + s * sc] = 0;
                            continue;
                        }
                        out[base + s * sc] = coefficient[s] * Math.sqrt(ntilde) * z;
                    }
                }
                if (grid.upperReservoirs) {
                    upperInflows(q, x, y, mc, hc, j, upperAt, out);
                }
            }
        }
    }

    /** The inflows through cell j's upper reservoir faces, drawn after its lower faces, axis by axis. */
    private void upperInflows(int q, int x, int y, double[] mc, double[] hc, int j, int upperAt, double[] out) {
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
