package org.rdsim.core.wellmixed;

import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;

/**
 * Runs replicas of a well-mixed model one after another and folds them into statistics.
 * Replica r always uses the stream keyed by (seed, r), so what a range of replicas yields does
 * not depend on which task, executor or retry runs it. Not thread safe: one per task.
 */
public final class ReplicaRunner {

    /** Histogram resolution for real-valued states (CLE, ODE): 2^-20 molecules. */
    private static final int REAL_VALUED_MIN_EXPONENT = -20;

    private final Model model;
    private final WellMixedSimulator simulator;
    private final double[] times;
    private final double[] initial;
    private final double[] state;

    public ReplicaRunner(Model model) {
        this.model = model;
        this.simulator = WellMixedSimulators.create(model);
        this.times = model.time().outputTimes();
        this.initial = model.initialState();
        this.state = new double[initial.length];
    }

    /** Statistics of replicas [first, end). */
    public EnsembleStatistics run(long first, long end) {
        EnsembleStatistics stats = emptyStatistics(first);
        for (long r = first; r < end; r++) {
            stats.beginReplica();
            simulator.resetCounters();
            System.arraycopy(initial, 0, state, 0, initial.length);
            simulator.simulate(state, times, WellMixedSimulators.replicaStream(model.seed(), r),
                    (k, t, x) -> stats.record(k, x));
            stats.endReplica(state, simulator.extents(), simulator.totalFirings());
        }
        return stats;
    }

    /** Empty statistics for replicas starting at {@code first}, with this model's shape. */
    public EnsembleStatistics emptyStatistics(long first) {
        int minExponent = model.method().algorithm().discrete() ? 0 : REAL_VALUED_MIN_EXPONENT;
        return new EnsembleStatistics(times, model.speciesCount(), model.reactionCount(), first, minExponent);
    }

    /** Simulates replica r alone, handing every recorded state to the recorder. */
    public void runOne(long replica, StateRecorder recorder) {
        simulator.resetCounters();
        System.arraycopy(initial, 0, state, 0, initial.length);
        simulator.simulate(state, times, WellMixedSimulators.replicaStream(model.seed(), replica), recorder);
    }

    public WellMixedSimulator simulator() {
        return simulator;
    }

    public double[] times() {
        return times.clone();
    }
}
