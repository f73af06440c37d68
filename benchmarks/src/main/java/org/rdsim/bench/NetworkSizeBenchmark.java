package org.rdsim.bench;

import java.util.List;
import java.util.Random;
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
import org.rdsim.core.model.ModelLoader;

/**
 * Direct method against next-reaction method as the network grows, to place the automatic
 * switch of {@code method: ssa}. The networks are sparse and closed: M reactions among M/2
 * species, half conversions X_i -> X_j, half bimolecular exchanges X_a + X_b -> X_c + X_d, random
 * partners and rates, 100 molecules per species, so every firing changes 2-4 species and each
 * species feeds a few reactions (a typical sparse dependency graph). Each trajectory has about
 * 200000 events whatever the size, so per-trajectory set-up does not blur the comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class NetworkSizeBenchmark extends TrajectoryBenchmark {

    @Param({"8", "16", "32", "48", "64", "128", "256", "512", "1024", "2048"})
    public int reactions;

    @Param({"direct", "direct-table", "nrm"})
    public String algorithm;

    static String network(int m, long seed) {
        Random rnd = new Random(seed);
        int species = Math.max(2, m / 2);
        StringBuilder sb = new StringBuilder("name: sparse-" + m + "\nvolume: 100.0\nspecies: {");
        for (int s = 0; s < species; s++) {
            sb.append(s == 0 ? "" : ", ").append("X").append(s).append(": 100");
        }
        sb.append("}\nreactions:\n");
        for (int r = 0; r < m; r++) {
            int a = r % species;
            double k = 0.5 + 1.5 * rnd.nextDouble();
            if (r % 2 == 0) {
                sb.append("  - \"X").append(a).append(" -> X").append(rnd.nextInt(species)).append(" @ ").append(k)
                        .append("\"\n");
            } else {
                sb.append("  - \"X").append(a).append(" + X").append(rnd.nextInt(species)).append(" -> X")
                        .append(rnd.nextInt(species)).append(" + X").append(rnd.nextInt(species)).append(" @ ")
                        .append(k).append("\"\n");
            }
        }
        // Total propensity is about 100 m, so end = 2000/m gives ~200000 events per trajectory.
        sb.append("time: {end: ").append(2000.0 / m).append(", output: ").append(1000.0 / m).append("}\nseed: 1\n");
        return sb.toString();
    }

    @Setup
    public void setUp() {
        use(ModelLoader.parse(network(reactions, 42), "sparse.yaml",
                List.of("method.algorithm=" + algorithmKey(algorithm))), algorithm);
    }
}
