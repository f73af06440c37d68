package org.rdsim.core.fhd;

import org.rdsim.core.model.Model;

/**
 * The implicit midpoint schemes (fhd-schemes.md section 4): ImMidTau (paper eq. 32), a
 * backward-Euler predictor to the midpoint and a Crank-Nicolson corrector,
 *
 * <pre>
 *   n*      = n^k + (dt/2) L n* + S(n^k; W1) + sum_r nu_r P1(a_r(n^k) dV dt/2) / dV
 *   n^{k+1} = n^k + dt L (n^k + n^{k+1})/2 + S(n^k; W1) + S(nbullet; W2)
 *             + sum_r nu_r P1 / dV + sum_r nu_r P2((2 a_r(n*) - a_r(n^k))+ dV dt/2) / dV
 * </pre>
 *
 * and ImMidSSA (eq. 33), whose reactions are each cell's exact SSA over the whole step from the
 * predictor, R(n*, dt), and whose predictor has no reactions. Both stages solve
 * (I - (dt/2) D Lap) delta = rhs per species in delta form with the same operator
 * (exactly by FFT on a fully periodic box, {@link SpectralSolve}; otherwise by {@link Multigrid} to a
 * relative residual of 1e-10). S(n^k; W1) and P1 are computed once and kept for
 * the corrector. The deterministic twin (ImMidTau's for both) is second order in dt.
 */
public final class ImplicitMidpoint extends FhdIntegrator {

    /** The relative max-norm residual every solve reaches (the issue asks for 1e-10 or better). */
    public static final double TOLERANCE = 1e-10;

    private final SecondHalfNoise secondHalf;
    private final DiffusionSolve[] solvers;   // one per species solved at once
    private final int[] speciesCycles;
    private final double[] kept;   // S(n^k; W1) + P1 / dV + dt L n^k, the corrector's right-hand side, its solution
    private final double[] work;   // the predictor's right-hand side, its solution, then n*
    private int cycles;
    private final long[] phases = new long[4];

    public ImplicitMidpoint(Model model, double dt, double eps, FaceAverage average, ReactionSampling reactions,
                            SecondHalfNoise secondHalf, boolean deterministic, long replica) {
        this(model, dt, eps, average, reactions, secondHalf, deterministic, replica, null, 1);
    }

    /**
     * The same on a block's window ({@link FhdBlocks}; null for the whole grid), with
     * {@code threads} threads for the sweeps, the field updates and the FFT solves.
     */
    ImplicitMidpoint(Model model, double dt, double eps, FaceAverage average, ReactionSampling reactions,
                     SecondHalfNoise secondHalf, boolean deterministic, long replica, Window window, int threads) {
        super("ImMid", model, dt, eps, average, reactions, deterministic, replica, window, threads);
        this.secondHalf = secondHalf;
        Multigrid.Wall[][] walls = terms.walls();
        boolean spectral = terms.size()[0] > 1;
        for (int a = 0; a < 3; a++) {
            spectral &= walls[0][a] == Multigrid.Wall.PERIODIC && walls[1][a] == Multigrid.Wall.PERIODIC;
        }
        // With threads to spare, the species are solved side by side, each solver on its own
        // scratch (and its FFTs on the threads left over): independent solves scale better on two
        // cores than one transform spread over both.
        int team = terms.team().threads();
        solvers = new DiffusionSolve[Math.max(1, Math.min(team, terms.species))];
        for (int l = 0; l < solvers.length; l++) {
            solvers[l] = spectral ? new SpectralSolve(terms.size(), Math.max(1, team / solvers.length))
                    : new Multigrid(terms.size(), walls[0], walls[1], TOLERANCE);
        }
        speciesCycles = new int[terms.species];
        kept = field();
        work = field();
    }

    /**
     * One step in two fields besides n. The predictor's sweep leaves S(n^k; W1) + P1 + dt L n^k
     * in kept and the predictor's right-hand side in work; work is solved in place and n added,
     * so it becomes n*; the corrector's sweep adds S(nbullet; W2) + P2 to kept (nbullet and the
     * rates taken from n and n* slab by slab), and kept is solved into the step's increment,
     * added to n.
     *
     * <p>The phase split: the sweeps time each slab's noise fluxes, reactions and assembly
     * ({@link FhdTerms#predictor}); the solves, with the additions n* = n + delta and
     * n += delta that they make in their last pass, are timed around the solvers.
     */
    @Override
    public void step(double[] n, long step) {
        boolean ssa = exactReactions();
        cycles = 0;
        terms.predictor(n, kept, work, !ssa, step, phases);
        long t0 = System.nanoTime();
        solveAndAdd(work, n, work);
        long t1 = System.nanoTime();
        terms.corrector(n, work, secondHalf, kept, ssa, step, phases);
        long t2 = System.nanoTime();
        solveAndAdd(kept, n, n);
        long t3 = System.nanoTime();
        phases[SOLVES] += (t1 - t0) + (t3 - t2);
    }

    /** Indices into {@link #phaseNanos}. */
    public static final int NOISE = FhdTerms.NOISE;
    public static final int REACTIONS = FhdTerms.REACTIONS;
    public static final int STENCILS = FhdTerms.STENCILS;
    public static final int SOLVES = 3;

    /**
     * Nanoseconds spent so far in the diffusive noise (normals included), the reactions (Poisson
     * draws included), the deterministic stencils and array sweeps, and the implicit solves: the
     * split the performance report asks for, at the cost of ten clock reads a step.
     */
    public long[] phaseNanos() {
        return phases.clone();
    }

    /** Multigrid cycles of the last step's solves, summed over species and stages. */
    int cycles() {
        return cycles;
    }

    /**
     * x = base + delta for every species s, delta solving (I - (dt/2) D_s Lap) delta = b (b is
     * used up; x may be b or base); species side by side with several solvers.
     */
    private void solveAndAdd(double[] b, double[] base, double[] x) {
        double scale = terms.dt / 2 / (terms.dx * terms.dx);
        int cells = terms.cells;
        terms.team().run(terms.species, solvers.length, (lane, from, to) -> {
            for (int s = from; s < to; s++) {
                int offset = s * cells;
                double c = scale * terms.diffusion(s);
                speciesCycles[s] = 0;
                if (c != 0) {
                    solvers[lane].solveAndAdd(c, b, offset, base, offset, x, offset, cells);
                    speciesCycles[s] = solvers[lane].cycles();
                } else {
                    SpectralSolve.store(b, offset, base, offset, x, offset, cells);
                }
            }
        });
        for (int s = 0; s < terms.species; s++) {
            cycles += speciesCycles[s];
        }
    }
}
