package org.rdsim.bench;

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
import org.rdsim.partitioning.BlockRunner;

/**
 * The multinomial split scheme on the N1 problem (conf/models/binding-3d.yaml: 32^3 periodic,
 * A + B &lt;-&gt; C, 10 A and 10 B per voxel) to t = 1 with dt = 0.1 or 0.01, one core, one block.
 * JMH reports voxel-steps per second (one voxel through one whole SSA/2 + MN + SSA/2 step).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 4, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class SplitBenchmark {

    @Param({"0.1", "0.01"})
    public double dt;

    private BlockRunner runner;
    private long voxelSteps;
    private long replica;

    /** Voxel-steps done, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class VoxelSteps {
        public long voxelSteps;

        @Setup(Level.Iteration)
        public void clear() {
            voxelSteps = 0;
        }
    }

    @Setup
    public void setUp() {
        Model m = Engines.model("binding-3d.yaml", "method={algorithm: split-mn, dt: " + dt + "}", "time.end=1",
                "time.output=1");
        runner = new BlockRunner(m);
        voxelSteps = m.domain().voxels() * runner.schedule().steps();
    }

    @Benchmark
    public long trajectory(VoxelSteps counter) {
        long[] bound = new long[1];
        runner.run(replica++, k -> false, (k, t, counts, totals) -> bound[0] = totals[2], null);
        counter.voxelSteps += voxelSteps;
        return bound[0];
    }
}
