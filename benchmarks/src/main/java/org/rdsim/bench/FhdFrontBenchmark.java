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
import java.util.List;
import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.fhd.ImplicitMidpoint;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.rng.KeyedStreams;
import org.rdsim.core.rng.PoissonDeviate;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * FHD benchmark F1: the 3-D front model (models.md; 2 species, 4 reactions, dx = 2, A = 1000,
 * periodic) on cells^3, one ImMidTau step of dt = 0.25 on one core, seconds per step, as
 * {@code rdsim run} steps it (the scheme the model file's method names, from the sampled
 * initial field). At the end of each trial it prints the split between diffusive noise,
 * reactions, stencils and solves.
 *
 * <p>{@link #drawsOnly} is the bound the random numbers set: per step the same keyed streams
 * (one key per cell and stage, keyed as the scheme keys them: the fixed words once, the cells a
 * run at a time) and the same draws as the scheme, 2 species x 3 faces normals
 * ({@code Generator.normals}) and then, continuing the stream, 4 Poisson counts per cell and
 * stage ({@code PoissonDeviate.sampleAll}) at the means of the initial field, and nothing else.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 4, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
public class FhdFrontBenchmark {

    static final String FRONT = """
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
            method: {algorithm: ImMidTau, dt: 0.25}
            time: {end: 50.0, output: 10.0}
            seed: 1
            """;

    @Param({"64"})
    public int cells;

    private ImplicitMidpoint scheme;
    private double[] n;
    private long step;
    private double[] means;     // [reaction * cells + i]: the Poisson means of a half step
    private int voxels;
    private static final int RUN = 64;
    private final KeyedStreams.Generator rng = new KeyedStreams.Generator();
    private final KeyedStreams.Generator noiseKey = new KeyedStreams.Generator();
    private final long[] noiseStates = new long[4 * RUN];
    private final double[][] faceNormals = new double[6][1];
    private double[][] cellMeans;   // [reaction][0]: one cell's means, then its counts
    private final PoissonDeviate poisson = new PoissonDeviate(rng);

    @Setup(Level.Trial)
    public void setUp() {
        Model m = ModelLoader.parse(FRONT.formatted(cells, cells, cells), "front-3d.yaml", List.of());
        scheme = (ImplicitMidpoint) FhdRunner.scheme(m, 0);
        n = new FhdRunner(m).initial(0);
        voxels = n.length / 2;
        ReactionNetwork net = new ReactionNetwork(m);
        means = new double[net.reactions() * voxels];
        cellMeans = new double[net.reactions()][1];
        double[] x = new double[2];
        for (int i = 0; i < voxels; i++) {
            x[0] = n[i] * m.volume();
            x[1] = n[voxels + i] * m.volume();
            for (int r = 0; r < net.reactions(); r++) {
                means[r * voxels + i] = Math.max(0, net.propensityClamped(r, x)) * 0.125;
            }
        }
    }

    @Benchmark
    public double step() {
        scheme.step(n, step++);
        return n[0];
    }

    @Benchmark
    public double drawsOnly() {
        double sum = 0;
        int reactions = means.length / voxels;
        for (int stage = 1; stage <= 2; stage++) {
            // Keyed as the scheme keys them: the fixed words once, then a run of 64 cells at a time.
            noiseKey.fix(1, KeyedStreams.FHD_NOISE, 0, step, stage);
            for (int from = 0; from < voxels; from += RUN) {
                int count = Math.min(RUN, voxels - from);
                noiseKey.rekeyAll(from, count, noiseStates);
                for (int j = 0; j < count; j++) {
                    rng.resume(noiseStates, j);
                    rng.normals(faceNormals, 6, 0);
                    for (int k = 0; k < 6; k++) {
                        sum += faceNormals[k][0];
                    }
                    for (int r = 0; r < reactions; r++) {
                        cellMeans[r][0] = means[r * voxels + from + j];
                    }
                    poisson.sampleAll(rng, cellMeans, reactions, 0);
                    for (int r = 0; r < reactions; r++) {
                        sum += cellMeans[r][0];
                    }
                }
            }
        }
        step++;
        return sum;
    }

    @TearDown(Level.Trial)
    public void split() {
        long[] p = scheme.phaseNanos();
        double total = p[0] + p[1] + p[2] + p[3];
        if (total > 0) {
            System.out.printf("%n%d steps: noise %.1f%%, reactions %.1f%%, stencils %.1f%%, solves %.1f%%%n", step,
                    100 * p[ImplicitMidpoint.NOISE] / total, 100 * p[ImplicitMidpoint.REACTIONS] / total,
                    100 * p[ImplicitMidpoint.STENCILS] / total, 100 * p[ImplicitMidpoint.SOLVES] / total);
        }
    }
}
