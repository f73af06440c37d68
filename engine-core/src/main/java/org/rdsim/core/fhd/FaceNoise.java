package org.rdsim.core.fhd;

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
 * Each cell's stream is kept where its normals end ({@link #streams}): a sweep that takes the
 * same stage's reactions draws the cell's counts from it, so one key serves both.
 *
 * <p>A slab of fluxes holds, per axis a and species s, an array of the flux into each cell j of
 * the slab through its lower face, [a S + s][j]; after the axes, [D S + s][j], the sum of the
 * inflows through the cell's upper reservoir faces. Three slabs are kept (slab 0, which the last
 * slab of a periodic box needs again, and two that roll), and two slabs of m with the face ramp
 * H0(m dV) of each cell, [s][j]. Every array of a slab is indexed by the cell's place j, so the
 * loops over faces read all their operands at one index, which the JIT turns into vector
 * arithmetic; a neighbour along x or y is first copied to that index (an array copy).
 */
final class FaceNoise {

    private final FhdGrid grid;
    private final int species;
    private final double cellVolume;
    private final double[] noise;            // per species: sqrt(eps D dt / dV) / dx
    private final FaceAverage average;
    private final boolean arithmetic;        // the default average, with each cell's ramp computed once
    private final double[] coefficient;      // per species: factor * noise, for the current stage
    private final double[][][] fluxes;       // slab 0, then the odd and the even slabs: [a S + s][j]
    private final int[] fluxTag = new int[3];
    private final double[][][] m = new double[2][][];      // [slot][s][j]
    private final double[][][] ramp = new double[2][][];
    private final int[] mTag = new int[2];
    private final double[] shiftedM;         // a species' m (and ramp) of each cell's lower neighbour on an axis
    private final double[] shiftedRamp;
    private final double[] upper;            // one cell's upper reservoir inflows, per species
    private final long[] states;             // the start states of a row's streams
    private final long[][] streams;          // per flux slot: each cell's stream after its normals, [4 j ...]
    private final KeyedStreams.Generator rng = new KeyedStreams.Generator();
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
        int sc = grid.slabCells;
        fluxes = new double[3][(grid.dimensions + 1) * species][sc];
        for (int k = 0; k < 2; k++) {
            m[k] = new double[species][sc];
            ramp[k] = new double[species][sc];
        }
        shiftedM = new double[sc];
        shiftedRamp = new double[sc];
        upper = new double[species];
        states = new long[4 * grid.nx];
        streams = new long[3][4 * sc];
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

    /** The fluxes through the lower faces of slab q, [a S + s][j], computed if they are not in the window. */
    double[][] slab(int q) {
        int slot = q == 0 ? 0 : 1 + (q & 1);
        if (fluxTag[slot] != q) {
            int lowerSlab = grid.outer < 0 ? -1 : grid.below[grid.outer][q];
            int here = mSlab(q, lowerSlab);
            int there = lowerSlab < 0 ? -1 : mSlab(lowerSlab, q);
            fill(q, here, there, fluxes[slot], streams[slot]);
            fluxTag[slot] = q;
        }
        return fluxes[slot];
    }

    /**
     * The streams of slab q's cells where their normals end, [4 j ...] for the slab's cell j
     * ({@link KeyedStreams.Generator#resume}); slab q's fluxes must be in the window
     * ({@link #slab}).
     */
    long[] streams(int q) {
        int slot = q == 0 ? 0 : 1 + (q & 1);
        if (fluxTag[slot] != q) {
            throw new IllegalStateException("the noise of slab " + q + " is not in the window");
        }
        return streams[slot];
    }

    /** The slot holding m of slab q, filling the one that does not hold slab {@code keep} if needed. */
    private int mSlab(int q, int keep) {
        for (int k = 0; k < 2; k++) {
            if (mTag[k] == q) {
                return k;
            }
        }
        int k = mTag[0] == keep ? 1 : 0;
        int count = grid.slabCells;
        for (int s = 0; s < species; s++) {
            double[] mk = m[k][s];
            double[] hk = ramp[k][s];
            int src = s * grid.cells + q * count;
            if (half == null) {
                System.arraycopy(field, src, mk, 0, count);
            } else {
                half.bullet(field, star, src, mk, 0, count);
            }
            if (arithmetic) {
                for (int j = 0; j < count; j++) {
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
     * First every cell's normals, in its stream's order, into the flux arrays (and the stream
     * where they end into after); then each face's amplitude, one axis and species at a time
     * over the whole slab.
     */
    private void fill(int q, int here, int there, double[][] out, long[] after) {
        int sc = grid.slabCells;
        int nx = grid.nx;
        int rows = grid.dimensions == 3 ? grid.size[1] : 1;
        int dims = grid.dimensions;
        int upperAt = grid.outer < 0 ? -1 : grid.above[grid.outer][q];
        for (int y = 0; y < rows; y++) {
            grid.rekeyAll(rng, q * sc + y * nx, nx, states);
            for (int x = 0; x < nx; x++) {
                int j = y * nx + x;
                rng.resume(states, x);
                rng.normals(out, dims * species, j);
                if (grid.upperReservoirs) {
                    upperInflows(x, y, m[here], ramp[here], j, upperAt, out);
                }
                rng.save(after, j);
            }
        }
        for (int s = 0; s < species; s++) {
            double[] mc = m[here][s];
            double[] hc = ramp[here][s];
            alongRows(out[s], mc, hc, s);
            if (dims == 3) {
                acrossRows(out[species + s], mc, hc, s);
            }
            if (grid.outer >= 0) {
                double[] fo = out[grid.outer * species + s];
                if (there < 0) {
                    wall(fo, 0, sc, 1, mc, hc, grid.outer, s);
                } else {
                    amplitudes(fo, m[there][s], ramp[there][s], mc, hc, 0, sc, s);
                }
            }
        }
    }

    /** The x faces of a slab: the lower neighbour of cell j is j - 1, but for the first cell of a row. */
    private void alongRows(double[] f, double[] mc, double[] hc, int s) {
        int sc = grid.slabCells;
        int nx = grid.nx;
        int first = grid.below[0][0];
        if (first < 0) {
            wall(f, 0, sc, nx, mc, hc, 0, s);   // the first face of each row, on the wall
        }
        System.arraycopy(mc, 0, shiftedM, 1, sc - 1);
        System.arraycopy(hc, 0, shiftedRamp, 1, sc - 1);
        for (int row = 0; row < sc; row += nx) {
            shiftedM[row] = mc[row + Math.max(first, 0)];
            shiftedRamp[row] = hc[row + Math.max(first, 0)];
        }
        if (first >= 0) {
            amplitudes(f, shiftedM, shiftedRamp, mc, hc, 0, sc, s);
        } else {
            for (int row = 0; row < sc; row += nx) {
                amplitudes(f, shiftedM, shiftedRamp, mc, hc, row + 1, row + nx, s);
            }
        }
    }

    /** The y faces of a 3-D slab: the lower neighbour of cell j is j - nx, but on the first row. */
    private void acrossRows(double[] f, double[] mc, double[] hc, int s) {
        int sc = grid.slabCells;
        int nx = grid.nx;
        int first = grid.below[1][0];
        if (first < 0) {
            wall(f, 0, nx, 1, mc, hc, 1, s);
            System.arraycopy(mc, 0, shiftedM, nx, sc - nx);
            System.arraycopy(hc, 0, shiftedRamp, nx, sc - nx);
            amplitudes(f, shiftedM, shiftedRamp, mc, hc, nx, sc, s);
            return;
        }
        System.arraycopy(mc, 0, shiftedM, nx, sc - nx);
        System.arraycopy(hc, 0, shiftedRamp, nx, sc - nx);
        System.arraycopy(mc, first * nx, shiftedM, 0, nx);
        System.arraycopy(hc, first * nx, shiftedRamp, 0, nx);
        amplitudes(f, shiftedM, shiftedRamp, mc, hc, 0, sc, s);
    }

    /**
     * f[j] *= the amplitude of the face between a cell of m mn[j] (ramp hn[j]) and cell j (mc, hc),
     * from &lt;= j &lt; to: coefficient sqrt(ntilde(mn, mc)), multiplied in the order
     * coefficient * sqrt(ntilde) * z. Every operand at index j: vector arithmetic.
     */
    private void amplitudes(double[] f, double[] mn, double[] hn, double[] mc, double[] hc, int from, int to, int s) {
        double c = coefficient[s];
        if (arithmetic) {
            for (int j = from; j < to; j++) {
                f[j] = c * Math.sqrt(0.5 * (mn[j] + mc[j]) * hn[j] * hc[j]) * f[j];
            }
        } else {
            for (int j = from; j < to; j++) {
                f[j] = c * Math.sqrt(average.of(mn[j], mc[j], cellVolume)) * f[j];
            }
        }
    }

    /**
     * The faces of cells from, from + step, ... (below to) on a lower wall of the axis: the
     * reservoir's face, or nothing through a reflecting one (its normal drawn all the same).
     */
    private void wall(double[] f, int from, int to, int step, double[] mc, double[] hc, int axis, int s) {
        double[] ghost = grid.lowerGhost[axis];
        for (int j = from; j < to; j += step) {
            f[j] = ghost == null ? 0 : coefficient[s] * Math.sqrt(reservoir(mc[j], hc[j], ghost[s])) * f[j];
        }
    }

    /** The inflows through cell j's upper reservoir faces, drawn after its lower faces, axis by axis. */
    private void upperInflows(int x, int y, double[][] mc, double[][] hc, int j, int upperAt, double[][] out) {
        java.util.Arrays.fill(upper, 0);
        for (int a = 0; a < grid.dimensions; a++) {
            boolean top = a == 0 ? x == grid.nx - 1 : a == grid.outer ? upperAt < 0 : y == grid.size[1] - 1;
            if (top && grid.upperGhost[a] != null) {
                for (int s = 0; s < species; s++) {
                    double ntilde = reservoir(mc[s][j], hc[s][j], grid.upperGhost[a][s]);
                    upper[s] += coefficient[s] * Math.sqrt(ntilde) * rng.normal();
                }
            }
        }
        for (int s = 0; s < species; s++) {
            out[grid.dimensions * species + s][j] = upper[s];
        }
    }

    /** ntilde on a face to a reservoir at density cR, for a cell of m mi and ramp hi. */
    private double reservoir(double mi, double hi, double cR) {
        return arithmetic ? 0.5 * (mi + cR) * hi : average.atReservoir(mi, cR, cellVolume);
    }
}
