package org.rdsim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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
import org.rdsim.core.rdme.LatticeEvents;
import org.rdsim.partitioning.BlockRunner;

/**
 * RDME benchmark N1: A + B &lt;-&gt; C on a 32^3 periodic lattice, 10 A and 10 B per voxel, k1 = k2 = 1,
 * D = 1 for all (conf/models/binding-3d.yaml), simulated with the Next Subvolume Method to t = 1 and
 * to t = 15 on one core. Events are reactions plus hops; JMH reports them per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 4, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class NsmBenchmark {

    @Param({"1", "15"})
    public double end;

    /** Voxels per axis: 32 is N1; other sizes show how the speed depends on the block's memory. */
    @Param({"32"})
    public int cells;

    private BlockRunner runner;
    private long replica;

    @Setup
    public void setUp() {
        runner = new BlockRunner(Engines.model("binding-3d.yaml", "time.end=" + end, "time.output=" + end,
                "domain.cells=[" + cells + "," + cells + "," + cells + "]"));
    }

    @Benchmark
    public long trajectory(TrajectoryBenchmark.Events counter) {
        long[] bound = new long[1];
        LatticeEvents events = runner.run(replica++, k -> false, (k, t, counts, totals) -> bound[0] = totals[2], null);
        counter.events += events.events();
        return bound[0];
    }
}
