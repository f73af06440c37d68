package org.rdsim.core.rdme;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a lattice engine did: firings per reaction, and per species the hops (of which those into
 * another block), outflows through absorbing or reservoir faces and reservoir inflows. Blocks
 * count their own and the counts add up.
 */
public final class LatticeEvents implements Serializable {

    private static final long serialVersionUID = 1L;

    final long[] firings;
    final long[] hops;
    final long[] crossBlock;
    final long[] outflow;
    final long[] inflow;

    public LatticeEvents(int reactions, int species) {
        firings = new long[reactions];
        hops = new long[species];
        crossBlock = new long[species];
        outflow = new long[species];
        inflow = new long[species];
    }

    /** Adds another block's (or step's) counts to these. */
    public LatticeEvents add(LatticeEvents other) {
        addInto(firings, other.firings);
        addInto(hops, other.hops);
        addInto(crossBlock, other.crossBlock);
        addInto(outflow, other.outflow);
        addInto(inflow, other.inflow);
        return this;
    }

    private static void addInto(long[] to, long[] from) {
        for (int i = 0; i < to.length; i++) {
            to[i] += from[i];
        }
    }

    public long[] firings() {
        return firings.clone();
    }

    public long[] hops() {
        return hops.clone();
    }

    /** Hops into another block (delivered at the end of their macro step), per species. */
    public long[] crossBlock() {
        return crossBlock.clone();
    }

    public long[] outflow() {
        return outflow.clone();
    }

    public long[] inflow() {
        return inflow.clone();
    }

    /** Reactions fired, hops made and molecules created by reservoirs. */
    public long events() {
        return Arrays.stream(firings).sum() + Arrays.stream(hops).sum() + Arrays.stream(inflow).sum();
    }
}
