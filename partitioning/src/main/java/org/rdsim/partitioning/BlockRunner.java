package org.rdsim.partitioning;

import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import org.rdsim.core.io.GridAssembler;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.model.CheckpointSpec;
import org.rdsim.core.model.Model;
import org.rdsim.core.rdme.BlockState;
import org.rdsim.core.rdme.BlockStepper;
import org.rdsim.core.rdme.LatticeEvents;

/**
 * Runs one replica of a lattice model block by block in this JVM, exchanging halos in memory:
 * the reference execution that the Spark run must equal bit for bit. Each macro step every block
 * advances, then each block's ghost slabs are delivered to the neighbours they are owed to.
 */
public final class BlockRunner {

    /** Receives the whole field (voxel-major counts) and the totals at each output time. */
    @FunctionalInterface
    public interface FieldObserver {
        void observe(int index, double time, int[] counts, long[] totals);
    }

    /** Receives the molecules per zone and species, [zone * species + s], at each output time. */
    @FunctionalInterface
    public interface ZoneObserver {
        void observe(int index, double time, long[] zoneTotals);
    }

    private final Model model;
    private final BlockLayout layout;
    private final MacroSchedule schedule;
    private final BlockStepper[] steppers;

    public BlockRunner(Model model) {
        this(model, BlockLayout.of(model));
    }

    public BlockRunner(Model model, BlockLayout layout) {
        if (!model.spatial()) {
            throw new IllegalArgumentException("model '" + model.name() + "' is not spatial");
        }
        this.model = model;
        this.layout = layout;
        this.schedule = new MacroSchedule(model, layout);
        steppers = new BlockStepper[layout.blocks()];
        for (int b = 0; b < steppers.length; b++) {
            steppers[b] = new BlockStepper(model, layout.box(b), b);
        }
    }

    /** Simulates replica r; returns the event tallies summed over blocks. */
    public LatticeEvents run(long replica, FieldObserver observer) {
        return run(replica, observer, null);
    }

    /** Simulates replica r, also handing the totals per compartment to {@code zones} (may be null). */
    public LatticeEvents run(long replica, FieldObserver observer, ZoneObserver zones) {
        return run(replica, k -> true, observer, zones);
    }

    /**
     * Simulates replica r; the observer gets the whole field only at the outputs k where
     * {@code fieldAt.test(k)} (else null: assembling it costs a copy of the grid), and the totals
     * at every output.
     */
    public LatticeEvents run(long replica, IntPredicate fieldAt, FieldObserver observer, ZoneObserver zones) {
        return run(replica, fieldAt, observer, zones, done -> { });
    }

    /** As above; {@code progress} hears the number of macro steps done. */
    public LatticeEvents run(long replica, IntPredicate fieldAt, FieldObserver observer, ZoneObserver zones,
            LongConsumer progress) {
        return run(replica, fieldAt, observer, zones, progress, null, 0, null);
    }

    /** Receives every block's state after the macro steps the model's checkpoint block names (not after the last). */
    @FunctionalInterface
    public interface Checkpoints {
        void save(long step, double time, BlockState[] state);
    }

    /**
     * As above, continuing from {@code resume} (every block's state after macro step
     * {@code resumeStep}; null to start from the initial state) without observing the outputs up
     * to it again, and handing the state to {@code checkpoints} (may be null). A checkpoint is
     * taken after the step's exchange (and after the output, when one falls there), so the run
     * continued from it takes the same steps on the same states as an uninterrupted one.
     */
    public LatticeEvents run(long replica, IntPredicate fieldAt, FieldObserver observer, ZoneObserver zones,
            LongConsumer progress, BlockState[] resume, long resumeStep, Checkpoints checkpoints) {
        int blocks = steppers.length;
        BlockState[] state = new BlockState[blocks];
        for (int b = 0; b < blocks; b++) {
            state[b] = resume == null ? steppers[b].initial(replica) : resume[b];
        }
        int species = model.speciesCount();
        double[] times = schedule.times();
        if (resume == null) {
            observe(0, times[0], state, fieldAt, observer, zones);
        }
        long total = schedule.steps();
        CheckpointSpec every = model.checkpoint();
        int[][][] halos = new int[blocks][layout.faces()][];
        for (int k = 1; k < times.length; k++) {
            long first = schedule.firstStep(k);
            long last = first + schedule.stepsIn(k);
            if (last <= resumeStep && resume != null) {
                continue;
            }
            for (long i = Math.max(0, resumeStep - first); i < schedule.stepsIn(k); i++) {
                for (int b = 0; b < blocks; b++) {
                    steppers[b].advance(state[b], first + i, schedule.start(k, i), schedule.end(k, i));
                }
                exchange(state, halos);
                long done = first + i + 1;
                progress.accept(done);
                if (done == last) {
                    observe(k, times[k], state, fieldAt, observer, zones);
                }
                if (checkpoints != null && every != null && every.at(done, total)) {
                    checkpoints.save(done, schedule.end(k, i), state);
                }
            }
        }
        LatticeEvents events = new LatticeEvents(model.reactionCount(), species);
        for (BlockState s : state) {
            events.add(s.events());
        }
        return events;
    }

    /** Every block's ghost slabs go to the neighbours they are owed to; taken first, then delivered. */
    private void exchange(BlockState[] state, int[][][] halos) {
        for (int b = 0; b < state.length; b++) {
            for (int f = 0; f < layout.faces(); f++) {
                halos[b][f] = steppers[b].outgoing(state[b], f);
            }
            steppers[b].clearGhosts(state[b]);
        }
        for (int b = 0; b < state.length; b++) {
            for (int f = 0; f < layout.faces(); f++) {
                if (halos[b][f] != null) {
                    int to = layout.neighbour(b, f);
                    steppers[to].deliver(state[to], BlockLayout.arrivalFace(f), halos[b][f]);
                }
            }
        }
    }

    private void observe(int k, double t, BlockState[] state, IntPredicate fieldAt, FieldObserver observer,
            ZoneObserver zones) {
        long[] totals = new long[model.speciesCount()];
        long[] zoneTotals = new long[model.domain().zones() * totals.length];
        GridAssembler<int[]> field = fieldAt.test(k) ? GridAssembler.int32(Box.cells(model.domain()), totals.length)
                : null;
        for (int b = 0; b < state.length; b++) {
            steppers[b].finish(state[b]);
            if (field != null) {
                Box box = layout.box(b);
                field.add(box.lo(), box.size(), steppers[b].interior(state[b]));
            }
            long[] blockTotals = steppers[b].zoneTotals(state[b]);
            for (int i = 0; i < blockTotals.length; i++) {
                zoneTotals[i] += blockTotals[i];
                totals[i % totals.length] += blockTotals[i];
            }
        }
        observer.observe(k, t, field == null ? null : field.whole(), totals);
        if (zones != null) {
            zones.observe(k, t, zoneTotals);
        }
    }

    public MacroSchedule schedule() {
        return schedule;
    }

    public BlockLayout layout() {
        return layout;
    }
}
