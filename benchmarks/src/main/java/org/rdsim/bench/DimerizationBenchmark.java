package org.rdsim.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.wellmixed.WellMixedSimulator;
import org.rdsim.core.wellmixed.WellMixedSimulators;

/**
 * Events per second of one core on Gillespie's decaying dimerization (S1 = 100000, t = 0..10,
 * output every 0.1; conf/models/dimerization.yaml): each invocation is one whole trajectory of a
 * new replica, and the fired events are counted.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class DimerizationBenchmark {

    @Param({"direct", "direct-table", "nrm"})
    public String algorithm;

    private Model model;
    private WellMixedSimulator simulator;
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

    @Setup
    public void setUp() {
        model = ModelLoader.load(Path.of(System.getProperty("rdsim.models", "conf/models"), "dimerization.yaml"),
                List.of("method.algorithm=" + (algorithm.equals("direct-table") ? "direct" : algorithm)));
        simulator = Engines.create(model, algorithm);
        times = model.time().outputTimes();
    }

    @Benchmark
    public double trajectory(Events counter) {
        double[] x = model.initialState();
        simulator.resetCounters();
        simulator.simulate(x, times, WellMixedSimulators.replicaStream(model.seed(), replica++), (k, t, s) -> { });
        counter.events += simulator.totalFirings();
        return x[0];
    }
}
