package org.rdsim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

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
public class DimerizationBenchmark extends TrajectoryBenchmark {

    @Param({"direct", "direct-table", "nrm"})
    public String algorithm;

    @Setup
    public void setUp() {
        use(Engines.model("dimerization.yaml", "method.algorithm=" + algorithmKey(algorithm)), algorithm);
    }
}
