package org.rdsim.bench;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rdsim.core.fhd.FaceAverage;
import org.rdsim.core.fhd.ImplicitMidpoint;
import org.rdsim.core.fhd.ReactionSampling;
import org.rdsim.core.fhd.SecondHalfNoise;
import org.rdsim.core.lattice.InitialState;
import org.rdsim.core.lattice.Lattice;
import java.util.List;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;

/**
 * FHD benchmark F1: the 3-D front model (models.md; 2 species, 4 reactions, dx = 2, A = 1000,
 * periodic) on cells^3, one ImMidTau step of dt = 0.25 on one core, seconds per step. At the end
 * of each trial it prints the split between diffusive noise, reactions, stencils and solves.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 4, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class FhdFrontBenchmark {

    /**
     * The front model of models.md centred in the box; the method line only satisfies the loader
     * until the model language names the FHD schemes (the benchmark builds ImMidTau itself).
     */
    private static final String FRONT = """
            name: front-3d
            species:
              A: {D: 1.0,  initial: {sphere-tanh: {radius: 16, width: 4, inside: 2.16245, outside: 0.0}}}
              B: {D: 10.0, initial: {sphere-tanh: {radius: 16, width: 4, inside: 1.35018, outside: 10.0}}}
            reactions:
              - "A -> 0 @ 0.4"
              - "2 A + B -> 3 A @ 0.137"
              - "B -> 0 @ 0.1"
              - "0 -> B @ 1.0"
            domain: {cells: [%d, %d, %d], dx: 2.0, A: 1000.0, boundary: periodic}
            method: nsm
            time: {end: 50.0}
            seed: 1
            """;

    @Param({"64"})
    public int cells;

    private ImplicitMidpoint scheme;
    private double[] n;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        Model m = ModelLoader.parse(FRONT.formatted(cells, cells, cells), "front-3d.yaml", List.of());
        scheme = new ImplicitMidpoint(m, 0.25, 1.0, FaceAverage.ARITHMETIC, ReactionSampling.TAU,
                SecondHalfNoise.EXTRAPOLATED, false, 0);
        int[] counts = InitialState.build(m, new Lattice(m), 0);
        int voxels = counts.length / 2;
        double dV = m.volume();
        n = new double[counts.length];
        // Lattice counts are voxel-major [voxel][species]; the FHD field is species-major.
        for (int v = 0; v < voxels; v++) {
            for (int s = 0; s < 2; s++) {
                n[s * voxels + v] = counts[v * 2 + s] / dV;
            }
        }
    }

    @Benchmark
    public double step() {
        scheme.step(n, step++);
        return n[0];
    }

    @TearDown(Level.Trial)
    public void split() {
        long[] p = scheme.phaseNanos();
        double total = p[0] + p[1] + p[2] + p[3];
        System.out.printf("%n%d steps: noise %.1f%%, reactions %.1f%%, stencils %.1f%%, solves %.1f%%%n", step,
                100 * p[ImplicitMidpoint.NOISE] / total, 100 * p[ImplicitMidpoint.REACTIONS] / total,
                100 * p[ImplicitMidpoint.STENCILS] / total, 100 * p[ImplicitMidpoint.SOLVES] / total);
    }
}
