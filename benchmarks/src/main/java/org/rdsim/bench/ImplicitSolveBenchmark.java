package org.rdsim.bench;

import java.util.SplittableRandom;
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
import org.rdsim.core.fhd.DiffusionSolve;
import org.rdsim.core.fhd.ImplicitMidpoint;
import org.rdsim.core.fhd.Multigrid;
import org.rdsim.core.fhd.SpectralSolve;

/**
 * FHD benchmark F2: one implicit diffusion solve (I - c Lap) u = f on a periodic cells^3 box
 * with a random f, by multigrid (to 1e-10) or by FFT. c = D (dt/2) / dx^2 is 0.03125 for the
 * front model's A and 0.3125 for its B (dt = 0.25, dx = 2); milliseconds per solve.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class ImplicitSolveBenchmark {

    @Param({"multigrid", "fft"})
    public String solver;

    @Param({"0.03125", "0.3125"})
    public double c;

    @Param({"64"})
    public int cells;

    private DiffusionSolve solve;
    private double[] f;
    private double[] u;

    @Setup
    public void setUp() {
        int[] n = {cells, cells, cells};
        Multigrid.Wall[] periodic = {Multigrid.Wall.PERIODIC, Multigrid.Wall.PERIODIC, Multigrid.Wall.PERIODIC};
        solve = solver.equals("fft") ? new SpectralSolve(n)
                : new Multigrid(n, periodic, periodic, ImplicitMidpoint.TOLERANCE);
        SplittableRandom random = new SplittableRandom(1);
        f = new double[cells * cells * cells];
        for (int i = 0; i < f.length; i++) {
            f[i] = random.nextDouble() - 0.5;
        }
        u = new double[f.length];
    }

    @Benchmark
    public double solve() {
        solve.solve(c, f, 0, u, 0);
        return u[0];
    }
}
