package org.rdsim.spark.lattice;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.rdsim.core.model.Model;
import org.rdsim.core.rdme.BlockStepper;
import org.rdsim.partitioning.BlockLayout;

/**
 * Block steppers kept per executor JVM between macro steps, so a step does not rebuild its block's
 * lattice and engine. A stepper is taken out while in use and put back after, so two tasks never
 * share one (a retried or speculative task builds its own). Only the latest run's steppers are
 * kept: the first stepper given back by a new run drops the others.
 */
final class Steppers {

    private static final ConcurrentHashMap<String, BlockStepper> IDLE = new ConcurrentHashMap<>();
    private static volatile String latestRun = "";

    private Steppers() {
    }

    /** The stepper of a block of run {@code run} (an id unique to one job, as broadcast ids are per context). */
    static BlockStepper take(String run, Broadcast<Model> model, BlockLayout layout, int block) {
        BlockStepper s = IDLE.remove(run + ":" + block);
        return s != null ? s : new BlockStepper(model.value(), layout.box(block), block);
    }

    static void give(String run, BlockStepper stepper) {
        if (!run.equals(latestRun)) {
            synchronized (Steppers.class) {
                if (!run.equals(latestRun)) {
                    IDLE.keySet().removeIf(key -> !key.startsWith(run + ":"));
                    latestRun = run;
                }
            }
        }
        IDLE.put(run + ":" + stepper.block(), stepper);
    }
}
