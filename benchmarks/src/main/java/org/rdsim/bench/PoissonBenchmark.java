package org.rdsim.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
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
import org.rdsim.core.rng.KeyedStreams;
import org.rdsim.core.rng.PoissonDeviate;

/**
 * A Poisson draw whose mean changes at every call (tau-leaping, FHD reaction noise): rdsim's
 * allocation-free PoissonDeviate against Commons RNG's PoissonSampler built per mean. The mean
 * is jittered by 1% per call so no sampler state can be reused.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoissonBenchmark {

    @Param({"0.5", "5", "50", "5000"})
    public double mean;

    private UniformRandomProvider rng;
    private PoissonDeviate poisson;
    private double jitter;

    @Setup
    public void setUp() {
        rng = KeyedStreams.stream(1, 2, 3);
        poisson = new PoissonDeviate(rng);
    }

    private double nextMean() {
        jitter = jitter > 0.01 ? 0 : jitter + 0.0001;
        return mean * (1 + jitter);
    }

    @Benchmark
    public long rdsimPoissonDeviate() {
        return poisson.sample(nextMean());
    }

    @Benchmark
    public int commonsSamplerPerMean() {
        return PoissonSampler.of(rng, nextMean()).sample();
    }
}
