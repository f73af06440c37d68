package org.rdsim.core.model;

import java.io.Serializable;

/**
 * The {@code checkpoint:} block of a model file: the run's state is saved every {@code every}
 * steps (FHD steps of dt; lattice macro steps), and the newest {@code keep} complete checkpoints
 * are kept.
 */
public record CheckpointSpec(long every, int keep) implements Serializable {

    /** Checkpoints kept when the model file does not say. */
    public static final int DEFAULT_KEEP = 2;

    /** True after step {@code step} (counted from 1) of a run of {@code total} steps: a multiple of every, not the last. */
    public boolean at(long step, long total) {
        return step % every == 0 && step < total;
    }
}
