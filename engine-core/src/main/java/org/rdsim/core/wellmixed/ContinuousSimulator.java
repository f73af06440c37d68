package org.rdsim.core.wellmixed;

import java.util.Arrays;

/**
 * A method whose state is real-valued (CLE, rate equations): reactions have extents, the
 * molecules each one has converted so far, instead of whole firings.
 */
abstract class ContinuousSimulator extends WellMixedSimulator {

    /** Reaction extents in molecules, accumulated over every call since the last reset. */
    protected final double[] extent;

    protected ContinuousSimulator(ReactionNetwork net) {
        super(net);
        this.extent = new double[net.reactions()];
    }

    @Override
    public double[] extents() {
        return extent.clone();
    }

    @Override
    public void resetCounters() {
        super.resetCounters();
        Arrays.fill(extent, 0);
    }
}
