package org.rdsim.spark.lattice;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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

    private static final ConcurrentHashMap<String, Object> IDLE = new ConcurrentHashMap<>();
    private static volatile String latestRun = "";

    private Steppers() {
    }

    /** The stepper of a block of run {@code run} (an id unique to one job, as broadcast ids are per context). */
    static BlockStepper take(String run, Broadcast<Model> model, BlockLayout layout, int block) {
        return take(run, block, BlockStepper.class, () -> new BlockStepper(model.value(), layout.box(block), block));
    }

    /** A kept stepper of any kind (an FHD block's, say) for block {@code block} of run {@code run}, or a new one. */
    static <T> T take(String run, int block, Class<T> type, Supplier<T> make) {
        Object s = IDLE.remove(run + ":" + block);
        return type.isInstance(s) ? type.cast(s) : make.get();
    }

    static void give(String run, BlockStepper stepper) {
        give(run, stepper.block(), stepper);
    }

    static void give(String run, int block, Object stepper) {
        if (!run.equals(latestRun)) {
            synchronized (Steppers.class) {
                if (!run.equals(latestRun)) {
                    IDLE.keySet().removeIf(key -> !key.startsWith(run + ":"));
                    latestRun = run;
                }
            }
        }
        IDLE.put(run + ":" + block, stepper);
    }
}
