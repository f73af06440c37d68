package org.rdsim.core.fhd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import org.rdsim.core.lattice.InitialState;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.CheckpointSpec;
import org.rdsim.core.model.InitialField;
import org.rdsim.core.model.MethodSpec;
import org.rdsim.core.model.Model;

/**
 * One replica of an FHD model (method EMTau ... ImMidSSA) from its initial field to the end time
 * in this JVM: the scheme the model's method names, steps of dt numbered from 0 over the whole
 * run (the step number keys the random streams), and a tally of negative densities.
 *
 * <p>The initial densities are the species' initial fields sampled as fhd-schemes.md section 6
 * says: n = N / dV with N the whole counts of the field's sampling (Poisson by default), drawn by
 * the same keyed streams as a lattice run's, so an FHD and an RDME run of one model start alike.
 * The deterministic twin starts from the mean field n0 itself.
 */
public final class FhdRunner {

    /** Receives, at output k, the whole field (voxel-major densities) or null, and the molecules per species. */
    @FunctionalInterface
    public interface Observer {
        void observe(int k, double time, double[] field, double[] molecules);
    }

    /**
     * What a run did: its steps, the (cell, step) pairs that ended a step with a negative
     * density per species (beyond round-off, {@link #ROUND_OFF}), the cells, and for the implicit schemes the time split (nanoseconds
     * in noise, reactions, stencils, solves; null otherwise).
     */
    public record Result(long steps, long[] negative, long cells, long[] phaseNanos) {
        /** The fraction of cell-steps with a negative density of species s. */
        public double negativeFraction(int s) {
            return steps == 0 ? 0 : negative[s] / ((double) steps * cells);
        }
    }

    /** A density counts as negative below -ROUND_OFF times its species' largest |n| on the grid. */
    public static final double ROUND_OFF = 1e-9;

    private final Model model;
    private final int species;
    private final int cells;
    private final double cellVolume;

    public FhdRunner(Model model) {
        if (!model.method().algorithm().fhd()) {
            throw new IllegalArgumentException("model '" + model.name() + "' does not use an FHD scheme");
        }
        this.model = model;
        this.species = model.speciesCount();
        this.cells = Math.toIntExact(model.domain().voxels());
        this.cellVolume = model.domain().voxelVolume();
    }

    /** The scheme the model's method names, for replica r. */
    public static FhdScheme scheme(Model model, long replica) {
        return scheme(model, replica, null, 1);
    }

    /**
     * The same with its sweeps (and FFT solves) shared by {@code threads} threads of this JVM: the
     * same numbers with any count, since every cell's terms come from its own keyed streams.
     */
    public static FhdScheme scheme(Model model, long replica, int threads) {
        return scheme(model, replica, null, threads);
    }

    /** The same on a block's window onto the grid (null: the whole grid), for {@link FhdBlocks}. */
    static FhdScheme scheme(Model model, long replica, Window window, int threads) {
        MethodSpec method = model.method();
        MethodSpec.Fhd o = method.fhd();
        FaceAverage average = FaceAverage.fromKey(o.average());
        SecondHalfNoise secondHalf = SecondHalfNoise.fromKey(o.secondHalfNoise());
        ReactionSampling sampling = sampling(method);
        double dt = method.dt();
        return switch (method.algorithm()) {
            case EM_TAU, EM_SSA -> new EulerMaruyama(model, dt, 1, average, sampling, o.deterministic(), replica,
                    window, threads);
            case EXMID_TAU, EXMID_SSA -> new ExplicitMidpoint(model, dt, 1, average, sampling, secondHalf,
                    o.deterministic(), replica, window, threads);
            case IMMID_TAU, IMMID_SSA -> new ImplicitMidpoint(model, dt, 1, average, sampling, secondHalf,
                    o.deterministic(), replica, window, threads);
            default -> throw new IllegalArgumentException(method.algorithm().key() + " is not an FHD scheme");
        };
    }

    private static ReactionSampling sampling(MethodSpec method) {
        return method.algorithm().fhdSsa() ? ReactionSampling.SSA
                : method.fhd().cle() ? ReactionSampling.CLE : ReactionSampling.TAU;
    }

    /**
     * The stability check of the model's scheme and dt (eqs. 24, 27, alpha &lt;= 2), the reactions
     * linearized at the initial field's extreme states: every species at its inside (or uniform)
     * density, and every species at its outside density. For the shapes a model file offers
     * (uniform, sphere-tanh, point) these are the states the field interpolates between.
     */
    public static StabilityGuard.Check stability(Model model) {
        MethodSpec method = model.method();
        Algorithm a = method.algorithm();
        boolean explicit = a != Algorithm.IMMID_TAU && a != Algorithm.IMMID_SSA;
        int species = model.speciesCount();
        double[] inside = new double[species];
        double[] outside = new double[species];
        for (int s = 0; s < species; s++) {
            InitialField f = model.species().get(s).initialField();
            if (f instanceof InitialField.SphereTanh t) {
                inside[s] = t.inside();
                outside[s] = t.outside();
            } else if (f instanceof InitialField.Point p) {
                inside[s] = p.count() / model.domain().voxelVolume();
            } else {
                inside[s] = f.density(new double[model.domain().dimensions()]);
                outside[s] = inside[s];
            }
        }
        List<double[]> states = new ArrayList<>(List.of(inside, outside));
        return StabilityGuard.check(model, method.fhdName(), explicit, sampling(method),
                method.fhd().deterministic(), method.dt(), states);
    }

    /** The initial densities of replica r, species-major: n[s * cells + i]. */
    public double[] initial(long replica) {
        Lattice lattice = new Lattice(model);
        if (model.method().fhd().deterministic()) {
            return InitialState.meanDensities(model, lattice);
        }
        int[] counts = InitialState.build(model, lattice, replica);
        double[] n = new double[species * cells];
        for (int v = 0; v < cells; v++) {
            for (int s = 0; s < species; s++) {
                n[s * cells + v] = counts[v * species + s] / cellVolume;
            }
        }
        return n;
    }

    /**
     * Simulates replica r; the observer gets the whole field only at the outputs k where
     * {@code fieldAt.test(k)}, and the molecules per species (sum of n dV) at every output.
     * {@code progress} hears the number of steps done.
     */
    public Result run(long replica, IntPredicate fieldAt, Observer observer, LongConsumer progress) {
        return run(replica, scheme(model, replica), fieldAt, observer, progress);
    }

    /**
     * The same with the scheme given: the model's own, or the same on blocks ({@link FhdBlocks}),
     * which must be built for the same replica.
     */
    public Result run(long replica, FhdScheme scheme, IntPredicate fieldAt, Observer observer, LongConsumer progress) {
        return run(replica, scheme, fieldAt, observer, progress, null, null);
    }

    /** A run's state after step {@code step}: the field (species-major) and the negative cells counted so far. */
    public record Resume(long step, double[] n, long[] negative) {
    }

    /** Receives the state after each step the model's {@code checkpoint.every} names (not after the last). */
    @FunctionalInterface
    public interface Checkpoints {
        void save(long step, double time, double[] n, long[] negative);
    }

    /**
     * The same, continuing from {@code resume} when not null (the outputs up to its step are not
     * observed again: the caller has them from the checkpoint), and handing the state to
     * {@code checkpoints} (when not null) as the model's checkpoint block says. The steps taken
     * are those an uninterrupted run takes, with the same numbers, so the continuation is
     * bit-identical.
     */
    public Result run(long replica, FhdScheme scheme, IntPredicate fieldAt, Observer observer, LongConsumer progress,
                      Resume resume, Checkpoints checkpoints) {
        double[] times = model.time().outputTimes();
        long[] end = outputSteps();
        long total = end[end.length - 1];
        FhdLayout blocks = scheme instanceof FhdBlocks b ? b.layout() : null;
        double[] n;
        long[] negative;
        long step;
        if (resume == null) {
            n = initial(replica);
            negative = new long[species];
            step = 0;
            observe(0, times[0], n, fieldAt, observer, blocks);
        } else {
            n = resume.n().clone();
            negative = resume.negative().clone();
            step = resume.step();
        }
        int k = 1;
        while (k < end.length && end[k] <= step) {
            k++;
        }
        CheckpointSpec every = model.checkpoint();
        while (step < total) {
            scheme.step(n, step++);
            scheme.tallyNegative(n, negative);
            progress.accept(step);
            if (step == end[k]) {
                observe(k, times[k], n, fieldAt, observer, blocks);
                k++;
            }
            if (checkpoints != null && every != null && every.at(step, total)) {
                checkpoints.save(step, timeOf(step), n, negative);
            }
        }
        long[] phases = scheme instanceof ImplicitMidpoint im ? im.phaseNanos()
                : scheme instanceof FhdBlocks b ? b.phaseNanos() : null;
        return new Result(step, negative, cells, phases);
    }

    /** The step after which each output is taken (0 for the first); the loader made every interval whole steps of dt. */
    public long[] outputSteps() {
        double[] times = model.time().outputTimes();
        double dt = model.method().dt();
        long[] end = new long[times.length];
        for (int k = 1; k < times.length; k++) {
            end[k] = end[k - 1] + Math.round((times[k] - times[k - 1]) / dt);
        }
        return end;
    }

    /** The time after step {@code step}. */
    public double timeOf(long step) {
        return model.time().outputTimes()[0] + step * model.method().dt();
    }

    /** The number of steps a run takes (the loader made every output interval whole steps of dt). */
    public long steps() {
        return Math.round(model.time().end() / model.method().dt());
    }

    /** The largest |n| per species of a species-major field. */
    public static double[] largest(double[] n, int species) {
        int cells = n.length / species;
        double[] largest = new double[species];
        for (int s = 0; s < species; s++) {
            largest[s] = largest(n, s * cells, (s + 1) * cells, 0);
        }
        return largest;
    }

    /** max(m, |n[i]|) over from &lt;= i &lt; to: one species' cells, or a range of them. */
    static double largest(double[] n, int from, int to, double m) {
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(n[i]));
        }
        return m;
    }

    /** The cells from &lt;= i &lt; to with n[i] &lt; floor. */
    static long below(double[] n, int from, int to, double floor) {
        long count = 0;
        for (int i = from; i < to; i++) {
            if (n[i] < floor) {
                count++;
            }
        }
        return count;
    }

    /**
     * Adds to {@code negative} the cells of each species below -{@link #ROUND_OFF} times
     * {@code scale[s]}, the species' largest |n| on the whole grid after the same step: a negative
     * density, not the round-off of an implicit solve around an empty cell (the solves are
     * accurate to about 1e-10 of the largest value, so an empty region comes out at +-1e-17 or
     * so). n is species-major: a whole field, or one block's own cells with the grid's scale.
     */
    public static void countNegative(double[] n, int species, double[] scale, long[] negative) {
        int cells = n.length / species;
        for (int s = 0; s < species; s++) {
            negative[s] += below(n, s * cells, (s + 1) * cells, -ROUND_OFF * scale[s]);
        }
    }

    /** Output k; on blocks the molecules are summed block by block in block order, as a Spark run sums them. */
    private void observe(int k, double t, double[] n, IntPredicate fieldAt, Observer observer, FhdLayout blocks) {
        double[] molecules;
        if (blocks == null) {
            molecules = molecules(n, species, cellVolume);
        } else {
            molecules = new double[species];
            for (int b = 0; b < blocks.blocks(); b++) {
                double[] m = molecules(blocks.own(n, b), species, cellVolume);
                for (int s = 0; s < species; s++) {
                    molecules[s] += m[s];
                }
            }
        }
        observer.observe(k, t, fieldAt.test(k) ? voxelMajor(n, species) : null, molecules);
    }

    /** The molecules per species, sum of n dV, of a species-major field (whole, or one block's own cells). */
    public static double[] molecules(double[] n, int species, double cellVolume) {
        int cells = n.length / species;
        double[] molecules = new double[species];
        for (int s = 0; s < species; s++) {
            double sum = 0;
            for (int i = s * cells; i < (s + 1) * cells; i++) {
                sum += n[i];
            }
            molecules[s] = sum * cellVolume;
        }
        return molecules;
    }

    /** A species-major field ([s * cells + i]) voxel-major ([i * species + s]), as snapshots are written. */
    public static double[] voxelMajor(double[] n, int species) {
        int cells = n.length / species;
        double[] field = new double[n.length];
        for (int i = 0; i < cells; i++) {
            for (int s = 0; s < species; s++) {
                field[i * species + s] = n[s * cells + i];
            }
        }
        return field;
    }
}
