package org.rdsim.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rdsim.core.model.Model;
import org.rdsim.core.wellmixed.WellMixedSimulator;
import org.rdsim.core.wellmixed.WellMixedSimulators;

/**
 * Events per second of whole trajectories: each invocation simulates one new replica of the
 * model a subclass sets up, and the fired events are counted (JMH reports them per second).
 */
@State(Scope.Thread)
public abstract class TrajectoryBenchmark {

    protected Model model;
    protected WellMixedSimulator simulator;
    private double[] times;
    private long replica;

    /** Events fired, reported by JMH as events per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
        }
    }

    /** Sets the model and engine to measure. */
    protected void use(Model m, String algorithm) {
        model = m;
        simulator = Engines.create(m, algorithm);
        times = m.time().outputTimes();
    }

    @Benchmark
    public double trajectory(Events counter) {
        double[] x = model.initialState();
        simulator.resetCounters();
        simulator.simulate(x, times, WellMixedSimulators.replicaStream(model.seed(), replica++), (k, t, s) -> { });
        counter.events += simulator.totalFirings();
        return x[0];
    }

    /** The model-file algorithm behind a benchmark's algorithm label. */
    protected static String algorithmKey(String algorithm) {
        return algorithm.equals("direct-table") ? "direct" : algorithm;
    }
}
