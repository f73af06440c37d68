package org.rdsim.spark.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.rdsim.core.model.CheckpointSpec;
import org.rdsim.core.model.Model;
import org.rdsim.spark.output.Checkpoints;
import org.rdsim.spark.output.FieldSnapshots;
import org.rdsim.spark.output.OutputDirectory;

/**
 * A spatial run's checkpoints as the command line sees them: the checkpoint a --restart continues
 * from, and the sink that saves the state as the model's {@code checkpoint:} block asks, each
 * manifest with the outputs recorded and the snapshots written so far. Lattice and FHD runs share it.
 */
final class RunCheckpoints {

    private final Checkpoints checkpoints;        // null: the model asks for none and this is no restart
    private final Checkpoints.Restored restored;  // null: not a restart
    private final List<Checkpoints.Output> recorded;
    private final FieldSnapshots snapshots;

    /**
     * The checkpoints of this kind of run of the model (its text with the overrides), replica and
     * layout; with {@code restart}, the newest complete one is read (skipped ones reported on err)
     * and the snapshots it lists count as written.
     */
    RunCheckpoints(Model m, OutputDirectory dir, String kind, int[] blocksPerAxis, String modelText, long replica,
                   boolean restart, FieldSnapshots snapshots, PrintWriter err) {
        this.snapshots = snapshots;
        checkpoints = m.checkpoint() == null && !restart ? null
                : new Checkpoints(dir, kind, modelText, m.seed(), replica, blocksPerAxis,
                        m.checkpoint() == null ? CheckpointSpec.DEFAULT_KEEP : m.checkpoint().keep(),
                        HadoopConf.settings());
        restored = !restart ? null : checkpoints.latest(warning -> {
            err.println("rdsim: " + warning);
            err.flush();
        });
        recorded = new ArrayList<>(restored == null ? List.of() : restored.outputs());
        if (restored != null && snapshots != null) {
            snapshots.restore(restored.snapshots());
        }
    }

    /** The checkpoint a restart continues from; null for a run from the start. */
    Checkpoints.Restored restored() {
        return restored;
    }

    /** The step the run continues after (0 from the start). */
    long step() {
        return restored == null ? 0 : restored.step();
    }

    /** The outputs recorded before the checkpoint, to hand to the outputs again. */
    List<Checkpoints.Output> earlier() {
        return restored == null ? List.of() : restored.outputs();
    }

    /** Records output k for the next manifests. */
    void record(int k, double time, double[] molecules) {
        recorded.add(new Checkpoints.Output(k, time, molecules.clone(), null));
    }

    /** Adds the compartment totals to the last output recorded (a lattice run hears them right after its totals). */
    void zones(long[] zoneTotals) {
        Checkpoints.Output o = recorded.remove(recorded.size() - 1);
        recorded.add(new Checkpoints.Output(o.k(), o.time(), o.molecules(), zoneTotals.clone()));
    }

    /** Where the blocks write their state and the driver commits each manifest; null without checkpoints. */
    Checkpoints.Sink sink() {
        return checkpoints == null ? null : new Checkpoints.Sink() {
            @Override
            public Checkpoints.Writer writer() {
                return checkpoints.writer();
            }

            @Override
            public void commit(long step, double time, long[] negative, List<Checkpoints.BlockFile> files) {
                checkpoints.commit(step, time, negative, files, recorded,
                        snapshots == null ? List.of() : snapshots.written());
            }
        };
    }
}
