package org.rdsim.core.rdme;

import java.io.Serializable;

/**
 * Everything a block carries from one macro step to the next: its counts (voxel-major, the
 * ghost slabs after the interior), its event tallies, and for the split scheme the step whose
 * closing half of reactions still waits for the halos. Primitive arrays only, so it ships and
 * checkpoints cheaply.
 */
public final class BlockState implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No half step waiting. */
    static final long NONE = -1;

    final int block;
    final long replica;
    final int[] counts;
    final LatticeEvents events;
    long pendingStep = NONE;
    double pendingSpan;

    BlockState(int block, long replica, int[] counts, LatticeEvents events) {
        this.block = block;
        this.replica = replica;
        this.counts = counts;
        this.events = events;
    }

    /** A deep copy: Spark must not see a cached state change under it. */
    public BlockState copy() {
        BlockState c = new BlockState(block, replica, counts.clone(),
                new LatticeEvents(events.firings.length, events.hops.length).add(events));
        c.pendingStep = pendingStep;
        c.pendingSpan = pendingSpan;
        return c;
    }

    public int block() {
        return block;
    }

    public LatticeEvents events() {
        return events;
    }

    /** The counts, voxel-major with ghost slabs after the interior (not a copy). */
    public int[] counts() {
        return counts;
    }
}
