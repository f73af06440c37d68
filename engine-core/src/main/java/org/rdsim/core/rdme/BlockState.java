package org.rdsim.core.rdme;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

    /**
     * Writes everything the state holds (a checkpoint's block file): with the same stepper and
     * the same later steps, the state read back continues exactly as this one would.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(block);
        out.writeLong(replica);
        out.writeInt(counts.length);
        for (int c : counts) {
            out.writeInt(c);
        }
        out.writeInt(events.firings.length);
        out.writeInt(events.hops.length);
        for (long[] a : new long[][] {events.firings, events.hops, events.crossBlock, events.outflow, events.inflow}) {
            for (long v : a) {
                out.writeLong(v);
            }
        }
        out.writeLong(pendingStep);
        out.writeDouble(pendingSpan);
    }

    /** The state {@link #writeTo} wrote. */
    public static BlockState readFrom(DataInput in) throws IOException {
        int block = in.readInt();
        long replica = in.readLong();
        int[] counts = new int[in.readInt()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.readInt();
        }
        LatticeEvents events = new LatticeEvents(in.readInt(), in.readInt());
        for (long[] a : new long[][] {events.firings, events.hops, events.crossBlock, events.outflow, events.inflow}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = in.readLong();
            }
        }
        BlockState st = new BlockState(block, replica, counts, events);
        st.pendingStep = in.readLong();
        st.pendingSpan = in.readDouble();
        return st;
    }

    /** The counts, voxel-major with ghost slabs after the interior (not a copy). */
    public int[] counts() {
        return counts;
    }
}
