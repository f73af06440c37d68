package org.rdsim.core.rdme;

import org.rdsim.core.lattice.InitialState;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.TimeSpec;
import org.rdsim.core.rng.KeyedStreams;

/**
 * Runs one replica of a spatial model on a single block (the whole domain): the reference
 * execution. Each output interval is cut into equal macro steps no longer than the method's
 * macroStep; macro step k of replica r draws from the stream keyed (seed, r, block 0, k), so a
 * run is a pure function of model, seed and replica.
 */
public final class SpatialRunner {

    /** Receives the field (voxel-major counts, reused) and the totals at each output time. */
    @FunctionalInterface
    public interface FieldObserver {
        void observe(int index, double time, int[] counts, long[] totals);
    }

    private final Model model;
    private final Lattice lattice;
    private final double[] times;

    public SpatialRunner(Model model) {
        if (!model.spatial()) {
            throw new IllegalArgumentException("model '" + model.name() + "' is not spatial");
        }
        this.model = model;
        this.lattice = new Lattice(model);
        this.times = model.time().outputTimes();
    }

    /** Simulates replica r; the engine returned holds its final state and event counts. */
    public NextSubvolume run(long replica, FieldObserver observer) {
        int[] counts = InitialState.build(model, lattice, replica);
        NextSubvolume nsm = new NextSubvolume(model, lattice, counts);
        double macro = macroStep();
        observer.observe(0, times[0], counts, nsm.totals());
        long step = 0;
        for (int k = 1; k < times.length; k++) {
            double span = times[k] - times[k - 1];
            long steps = TimeSpec.steps(span, macro);
            for (long i = 0; i < steps; i++) {
                double from = times[k - 1] + span * i / steps;
                double to = i == steps - 1 ? times[k] : times[k - 1] + span * (i + 1) / steps;
                nsm.advance(from, to, KeyedStreams.stream(model.seed(), KeyedStreams.LATTICE, replica, 0, step++, 0));
            }
            observer.observe(k, times[k], counts, nsm.totals());
        }
        return nsm;
    }

    /** The macro step in effect: the method's, or the output interval when it gives none. */
    public double macroStep() {
        return Double.isNaN(model.method().macroStep()) ? model.time().output() : model.method().macroStep();
    }

    public double[] times() {
        return times.clone();
    }
}
