package org.rdsim.core.fhd;

import org.rdsim.core.model.Model;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * The terms the FHD schemes are assembled from (fhd-schemes.md sections 1-4), on a grid held as
 * one block ({@link FhdGrid}): deterministic diffusion c D L n, the stochastic diffusion
 * S(n; Z) = sqrt(eps D dt / dV) div(sqrt(ntilde(n)) Z) ({@link FaceNoise}), and reaction
 * increments sum_r nu_r K_r / dV ({@link CellReactions}; the rates are the clamped, LMA-corrected
 * ones of eq. (22), a_r(n) dV = {@link ReactionNetwork#propensityClamped} of the cell's molecules
 * n dV, the model's volume of a spatial model being the cell volume A dx^d).
 *
 * <p>Every term is computed cell by cell, in one sweep over the slabs of the grid: a cell's
 * increment is the sum over its own faces, axis by axis (lower face minus upper face), of fluxes
 * computed from the same inputs in the same way from both sides, then its reactions. So each
 * cell's result is a function of its neighbourhood alone, whatever the loop layout, and a grid
 * cut into blocks with ghost layers gives the same numbers.
 *
 * <p>Faces are periodic, reflecting (no flux, no noise) or reservoirs: a ghost cell held at the
 * reservoir's density, the RDME's convention of models.md (in the mean, the Dirichlet value half
 * a cell outside the face), so the FHD and RDME descriptions of one model agree; absorbing is a
 * reservoir at zero. A reservoir face's noise has the variance of the two one-way exchanges,
 * ntilde = (n + c_R)/2, ramped on the system's side only ({@link FaceAverage#atReservoir}).
 *
 * <p>The implicit midpoint schemes take each stage's terms in one fused sweep
 * ({@link #predictor}, {@link #corrector}); the explicit schemes one term at a time.
 */
final class FhdTerms {

    /** Indices into a phase-time array: where a sweep's time goes. */
    static final int NOISE = 0;
    static final int REACTIONS = 1;
    static final int STENCILS = 2;

    final int species;
    final int cells;
    final int dimensions;
    final double dt;
    final double dx;
    final double cellVolume;
    final boolean deterministic;
    final FhdGrid grid;
    private final double[] diffusion;
    private final boolean noisy;               // false in the deterministic twin
    private final boolean reacting;
    private final SlabTeam team;
    private final Lane[] lanes;                // one per thread of the team

    /** One thread's scratch: a window of noise fluxes, a slab's reaction counts, its phase times. */
    private static final class Lane {
        final FaceNoise noise;                 // null in the deterministic twin
        final CellReactions chemistry;
        final double[] increments;             // one slab's reaction increments, [s slabCells + j]
        final long[] phases = new long[3];

        Lane(FaceNoise noise, CellReactions chemistry, double[] increments) {
            this.noise = noise;
            this.chemistry = chemistry;
            this.increments = increments;
        }
    }

    /**
     * The terms of the model's scheme on the whole grid (window null) or a block's window, their
     * sweeps shared by {@code threads} threads over slabs (the same numbers with any count).
     */
    FhdTerms(Model model, double dt, double eps, FaceAverage average, ReactionSampling sampling, boolean deterministic,
             long replica, Window window, int threads) {
        this.species = model.speciesCount();
        this.grid = new FhdGrid(model.domain(), species, window);
        this.dimensions = grid.dimensions;
        this.cells = grid.cells;
        this.dt = dt;
        this.dx = model.domain().dx();
        this.cellVolume = model.domain().depth() * Math.pow(dx, dimensions);
        this.deterministic = deterministic;
        this.diffusion = new double[species];
        double[] amplitude = new double[species];
        for (int s = 0; s < species; s++) {
            diffusion[s] = model.species().get(s).diffusion();
            amplitude[s] = deterministic ? 0 : Math.sqrt(eps * diffusion[s] * dt / cellVolume) / dx;
        }
        this.team = new SlabTeam(Math.max(1, Math.min(threads, grid.slabs)));
        this.lanes = new Lane[team.threads()];
        for (int l = 0; l < lanes.length; l++) {
            lanes[l] = new Lane(deterministic ? null
                    : new FaceNoise(grid, species, cellVolume, amplitude, average, model.seed(), replica),
                    new CellReactions(model, grid, cellVolume, sampling, deterministic, replica),
                    new double[species * grid.slabCells]);
        }
        this.noisy = !deterministic;
        this.reacting = lanes[0].chemistry.any();
    }

    /** The team sharing this grid's sweeps (also the schemes' whole-field loops). */
    SlabTeam team() {
        return team;
    }

    /**
     * out += c D L n (n and out species-major: [s * cells + i]). A reflecting face passes
     * nothing; a reservoir face exchanges with a ghost cell held at the reservoir's density.
     */
    void diffusion(double[] n, double[] out, double c) {
        sweep(null, null, null, 0, CellReactions.Mode.NONE, null, null, 0, 0, 0, n, c, out, null, null);
    }

    /**
     * out += factor S(m; Z), Z the normals of stage {@code stage} of step {@code step}, the face
     * averages taken on m. Nothing in the deterministic twin.
     */
    void noise(double[] m, double[] out, double factor, long step, int stage) {
        if (noisy) {
            sweep(m, null, null, factor, CellReactions.Mode.NONE, null, null, 0, step, stage, null, 0, out, null, null);
        }
    }

    /**
     * out += sum_r nu_r K_r / dV with K_r ~ Poisson(m_r), m_r = max(0, a_r(n) dV tau), from stage
     * {@code stage}'s stream (m_r + sqrt(m_r) Z in the CLE variant, m_r itself in the deterministic
     * twin).
     */
    void reactions(double[] n, double[] out, double tau, long step, int stage) {
        reactions(n, null, out, tau, step, stage);
    }

    /**
     * The midpoint variant: K_r ~ Poisson(max(0, 2 a_r(mid) - a_r(n)) dV tau), the second-half
     * reaction count of the midpoint schemes (eqs. 29, 32). With mid null, as {@link #reactions}.
     */
    void reactions(double[] n, double[] mid, double[] out, double tau, long step, int stage) {
        CellReactions.Mode mode = mid == null ? CellReactions.Mode.TAU : CellReactions.Mode.MIDPOINT;
        sweep(null, null, null, 0, mode, n, mid, tau, step, stage, null, 0, out, null, null);
    }

    /**
     * out += R(n, tau), the exact SSA increment of each cell over tau (no diffusion), from stage
     * {@code stage}'s stream. The deterministic twin adds the mean increments instead, as the tau
     * schemes' twins do.
     */
    void ssa(double[] n, double[] out, double tau, long step, int stage) {
        sweep(null, null, null, 0, CellReactions.Mode.SSA, n, null, tau, step, stage, null, 0, out, null, null);
    }

    /**
     * The implicit midpoint's predictor terms in one sweep: with base = S(n; W1) + P1 (P1 the
     * reactions of a(n) over dt/2, none when {@code reactions} is false),
     * kept = base + dt L n and rhs = base + (dt/2) L n. (dt L n is twice the half-step
     * Laplacian, exactly: every face flux doubles without rounding.) Time is added to phases.
     */
    void predictor(double[] n, double[] kept, double[] rhs, boolean reactions, long step, long[] phases) {
        CellReactions.Mode mode = reactions ? CellReactions.Mode.TAU : CellReactions.Mode.NONE;
        sweep(n, null, null, 1, mode, n, null, dt / 2, step, 1, n, dt / 2, kept, rhs, phases);
    }

    /**
     * The implicit midpoint's corrector terms in one sweep: kept += S(nbullet; W2) + P2, P2 the
     * midpoint reactions of (n, star) over dt/2, or with {@code ssa} the SSA R(star, dt).
     */
    void corrector(double[] n, double[] star, SecondHalfNoise half, double[] kept, boolean ssa, long step,
                   long[] phases) {
        if (ssa) {
            sweep(n, star, half, 1, CellReactions.Mode.SSA, star, null, dt, step, 2, null, 0, kept, null, phases);
        } else {
            sweep(n, star, half, 1, CellReactions.Mode.MIDPOINT, n, star, dt / 2, step, 2, null, 0, kept, null,
                    phases);
        }
    }

    /**
     * One pass over the slabs. Per cell, base = factor S(m; Z) (m, or with half non-null the
     * second-half densities of m and mStar; none without noise or factor 0) + the reactions of
     * the mode on (x, xStar) over tau; l = c D L n (none when c = 0). Then out += base + l, or
     * with rhs non-null out = base + 2 l and rhs = base + l.
     *
     * <p>Time, if phases is non-null, is split per slab: NOISE the face fluxes of the next slab
     * (its m, ramps, normals and square roots), REACTIONS the slab's rekeys, rates and counts,
     * STENCILS the cell-by-cell assembly (the Laplacian, the divergence of the noise fluxes, the
     * sums and stores).
     */
    private void sweep(double[] m, double[] mStar, SecondHalfNoise half, double factor, CellReactions.Mode mode,
                       double[] x, double[] xStar, double tau, long step, int stage, double[] n, double c,
                       double[] out, double[] rhs, long[] phases) {
        boolean withNoise = noisy && m != null && factor != 0;
        boolean withReactions = mode != CellReactions.Mode.NONE && reacting;
        if (!withNoise && !withReactions && c == 0) {
            return;
        }
        for (Lane lane : lanes) {
            if (withNoise) {
                lane.noise.begin(m, mStar, half, factor, step, stage);
            }
            java.util.Arrays.fill(lane.phases, 0);
        }
        // A few chunks per thread, so a lane whose slabs are cheap (no reactions where a species is
        // absent) takes more; each chunk computes the noise fluxes of one slab beyond its own again.
        team.run(grid.slabs, CHUNKS_PER_THREAD * lanes.length, (l, from, to) -> {
            Lane lane = lanes[l];
            for (int p = from; p < to; p++) {
                slab(lane, p, withNoise, withReactions, mode, x, xStar, tau, step, stage, n, c, out, rhs,
                        phases != null);
            }
        });
        if (phases != null) {
            // With several threads, the mean over lanes: about the wall time the sweep spent on each phase.
            for (int k = 0; k < 3; k++) {
                long sum = 0;
                for (Lane lane : lanes) {
                    sum += lane.phases[k];
                }
                phases[k] += sum / lanes.length;
            }
        }
    }

    /** Pieces of a sweep per thread of the team (one piece when there is one thread). */
    private static final int CHUNKS_PER_THREAD = 4;

    /** Slab p's terms with one lane's scratch: see {@link #sweep}. */
    private void slab(Lane lane, int p, boolean withNoise, boolean withReactions, CellReactions.Mode mode,
                      double[] x, double[] xStar, double tau, long step, int stage, double[] n, double c,
                      double[] out, double[] rhs, boolean timed) {
        int sc = grid.slabCells;
        long t0 = timed ? System.nanoTime() : 0;
        double[][] here = null;
        double[][] next = null;
        if (withNoise) {
            here = lane.noise.slab(p);
            int upper = grid.outer < 0 ? -1 : grid.above[grid.outer][p];
            next = upper < 0 ? null : lane.noise.slab(upper);
        }
        long t1 = timed ? System.nanoTime() : 0;
        if (withReactions) {
            // With the stage's noise in the same sweep, each cell's counts continue its noise stream.
            long[] streams = withNoise && mode != CellReactions.Mode.SSA ? lane.noise.streams(p) : null;
            lane.chemistry.increments(mode, x, xStar, tau, step, stage, p * sc, sc, lane.increments, streams);
        }
        long t2 = timed ? System.nanoTime() : 0;
        assemble(p, here, next, withReactions ? lane.increments : null, n, c, out, rhs);
        if (timed) {
            long t3 = System.nanoTime();
            lane.phases[NOISE] += t1 - t0;
            lane.phases[REACTIONS] += t2 - t1;
            lane.phases[STENCILS] += t3 - t2;
        }
    }

    /**
     * Slab p's cells: see {@link #sweep}; here and next are the noise fluxes of slab p and of the
     * slab above (or null), increments the slab's reaction increments (or null).
     */
    private void assemble(int p, double[][] here, double[][] next, double[] increments, double[] n, double c,
                          double[] out, double[] rhs) {
        int sc = grid.slabCells;
        int nx = grid.nx;
        int rows = dimensions == 3 ? grid.size[1] : 1;
        int outer = grid.outer;
        int[] belowX = grid.below[0];
        int[] aboveX = grid.above[0];
        boolean middle = dimensions == 3;
        int lowSlab = outer < 0 ? -1 : grid.below[outer][p];
        int highSlab = outer < 0 ? -1 : grid.above[outer][p];
        for (int s = 0; s < species; s++) {
            int o = s * cells;
            double kD = c / (dx * dx) * diffusion[s];
            double[] fx = here == null ? null : here[s];                       // the flux arrays [a S + s]
            double[] fy = here == null || !middle ? null : here[species + s];
            double[] fo = here == null || outer < 0 ? null : here[outer * species + s];
            double[] fn = next == null ? null : next[outer * species + s];
            double[] fr = here == null || !grid.upperReservoirs ? null : here[dimensions * species + s];
            for (int y = 0; y < rows; y++) {
                int yl = grid.below[1][y];
                int yh = grid.above[1][y];
                for (int xc = 0; xc < nx; xc++) {
                    int j = y * nx + xc;
                    int i = p * sc + j;
                    double v = 0;
                    if (here != null) {
                        int xh = aboveX[xc];
                        v = fx[j] - (xh < 0 ? 0 : fx[y * nx + xh]);
                        if (middle) {
                            v += fy[j] - (yh < 0 ? 0 : fy[yh * nx + xc]);
                        }
                        if (outer >= 0) {
                            v += fo[j] - (fn == null ? 0 : fn[j]);
                        }
                        if (fr != null) {
                            v += fr[j];
                        }
                    }
                    if (increments != null) {
                        v += increments[s * sc + j];
                    }
                    if (c == 0 && rhs == null) {
                        out[o + i] += v;
                        continue;
                    }
                    // The Laplacian: the inflows through the lower then the upper face, axis by axis.
                    double ni = n[o + i];
                    int xl = belowX[xc];
                    int xh = aboveX[xc];
                    double l = face(kD, xl < 0 ? -1 : o + i - xc + xl, n, ni, grid.lowerGhost[0], s)
                            + face(kD, xh < 0 ? -1 : o + i - xc + xh, n, ni, grid.upperGhost[0], s);
                    if (middle) {
                        l += face(kD, yl < 0 ? -1 : o + i + (yl - y) * nx, n, ni, grid.lowerGhost[1], s)
                                + face(kD, yh < 0 ? -1 : o + i + (yh - y) * nx, n, ni, grid.upperGhost[1], s);
                    }
                    if (outer >= 0) {
                        l += face(kD, lowSlab < 0 ? -1 : o + i + (lowSlab - p) * sc, n, ni, grid.lowerGhost[outer], s)
                                + face(kD, highSlab < 0 ? -1 : o + i + (highSlab - p) * sc, n, ni,
                                grid.upperGhost[outer], s);
                    }
                    if (rhs == null) {
                        out[o + i] += v + l;
                    } else {
                        out[o + i] = v + 2 * l;
                        rhs[o + i] = v + l;
                    }
                }
            }
        }
    }

    /**
     * The diffusive inflow kD (n_k - n_i) into a cell of density ni through its face to cell k
     * (an index into n); cell k computes kD (n_i - n_k) for the same face, the exact negative.
     * k = -1 is a wall: a reservoir's ghost, or nothing through a reflecting face.
     */
    private static double face(double kD, int k, double[] n, double ni, double[] ghost, int s) {
        return k >= 0 ? kD * (n[k] - ni) : ghost != null ? kD * (ghost[s] - ni) : 0;
    }

    /** The walls of the implicit solve: a periodic axis wraps, a reservoir (or absorbing) face holds its ghost. */
    Multigrid.Wall[][] walls() {
        return grid.walls();
    }

    /** The box's cells per axis, 1 beyond the dimensions. */
    int[] size() {
        return grid.size.clone();
    }

    /** D of species s. */
    double diffusion(int s) {
        return diffusion[s];
    }
}
