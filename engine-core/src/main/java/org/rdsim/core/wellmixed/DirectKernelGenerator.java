package org.rdsim.core.wellmixed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rdsim.core.codegen.KernelCompiler;

/**
 * Writes the direct method's event loop for one network structure as Java source and compiles
 * it with Janino. In the generated loop the counts, propensities and rate constants are local
 * variables, the reaction that fires selects a block of straight-line updates of exactly its
 * dependents, and no per-reaction table is consulted. That pays while everything fits in
 * registers: 1.6-2x the table-driven loop at 4 reactions, 1.2x at 6, even at 8 and slower beyond
 * (docs/PERFORMANCE.md), so only networks of up to 8 reactions are compiled.
 *
 * <p>The generated code performs the same floating-point operations in the same order as
 * {@link DirectMethod} (incremental a0 with the same re-summation, the same selection rule, the
 * same propensity products), so its trajectories are bit-identical: using it never changes a
 * result. Kernels depend on the structure only (rate constants are passed in) and are cached
 * per JVM.
 */
public final class DirectKernelGenerator {

    /** Largest network compiled: measured break-even with the table-driven loop. */
    public static final int MAX_REACTIONS = 8;
    public static final int MAX_SPECIES = 16;

    private static final Map<String, DirectKernel> CACHE = new ConcurrentHashMap<>();

    private DirectKernelGenerator() {
    }

    /** True when the network is small enough to compile. */
    public static boolean supports(ReactionNetwork n) {
        return n.reactions >= 1 && n.reactions <= MAX_REACTIONS && n.species <= MAX_SPECIES;
    }

    /** The compiled kernel for the network's structure (compiled once per JVM). */
    public static DirectKernel kernel(ReactionNetwork n) {
        return CACHE.computeIfAbsent(source(n),
                src -> KernelCompiler.compile(src, "GeneratedDirectKernel", DirectKernel.class));
    }

    /** The Java source of the kernel. */
    static String source(ReactionNetwork n) {
        int s = n.species;
        int m = n.reactions;
        StringBuilder b = new StringBuilder(8192);
        b.append("public final class GeneratedDirectKernel implements org.rdsim.core.wellmixed.DirectKernel {\n");
        b.append("public void simulate(double[] x, double[] times, double[] c, ")
                .append("org.apache.commons.rng.UniformRandomProvider rng, ")
                .append("org.rdsim.core.wellmixed.StateRecorder recorder, long[] fired) {\n");
        b.append("org.apache.commons.rng.sampling.distribution.ZigguratSampler.Exponential exponential = ")
                .append("org.apache.commons.rng.sampling.distribution.ZigguratSampler.Exponential.of(rng);\n");
        for (int j = 0; j < m; j++) {
            b.append("final double c").append(j).append(" = c[").append(j).append("];\n");
        }
        for (int i = 0; i < s; i++) {
            b.append("double x").append(i).append(" = x[").append(i).append("];\n");
        }
        for (int j = 0; j < m; j++) {
            b.append("double a").append(j).append(" = ").append(propensity(n, j)).append(";\n");
        }
        b.append("double atot = 0.0;\n");
        sum(b, m);
        b.append("double atotPeak = atot;\nint sinceResum = 0;\ndouble t = times[0];\nint next = 0;\n")
                .append("final int outputs = times.length;\n");
        b.append("while (next < outputs) {\n");
        b.append("if (sinceResum >= ").append(DirectMethod.RESUM_EVERY).append(" || atot < ")
                .append(Double.toString(DirectMethod.RESUM_DROP)).append(" * atotPeak) {\natot = 0.0;\n");
        sum(b, m);
        b.append("atotPeak = atot;\nsinceResum = 0;\n}\n");
        b.append("if (!(atot > 0.0)) break;\n");
        b.append("double tNext = t + exponential.sample() / atot;\n");
        b.append("while (next < outputs && times[next] < tNext) {\n");
        store(b, s);
        b.append("recorder.record(next, times[next], x);\nnext++;\n}\n");
        b.append("if (next == outputs) break;\nt = tNext;\n");
        b.append("double r = rng.nextDouble() * atot;\nint j = -1;\ndouble acc = 0.0;\nsel: {\n");
        for (int j = 0; j < m; j++) {
            b.append("acc += a").append(j).append("; if (acc > r) { j = ").append(j).append("; break sel; }\n");
        }
        b.append("}\nif (j < 0) {\n");
        for (int j = m - 1; j >= 0; j--) {
            b.append(j == m - 1 ? "" : "else ").append("if (a").append(j).append(" > 0.0) j = ").append(j).append(";\n");
        }
        b.append("else throw new IllegalStateException(\"no reaction with positive propensity\");\n}\n");
        b.append("fired[j]++;\nswitch (j) {\n");
        for (int j = 0; j < m; j++) {
            b.append("case ").append(j).append(": {\n");
            for (int q = n.changeStart[j]; q < n.changeStart[j + 1]; q++) {
                b.append("x").append(n.changeSpecies[q]).append(" += ").append(Double.toString(n.changeAmount[q]))
                        .append(";\n");
            }
            b.append("double v;\n");
            for (int d = n.dependentStart[j]; d < n.dependentStart[j + 1]; d++) {
                int i = n.dependents[d];
                b.append("v = ").append(propensity(n, i)).append("; atot += v - a").append(i).append("; a")
                        .append(i).append(" = v;\n");
            }
            b.append("break;\n}\n");
        }
        b.append("}\nif (atot > atotPeak) atotPeak = atot;\nsinceResum++;\n}\n");
        b.append("for (; next < outputs; next++) {\n");
        store(b, s);
        b.append("recorder.record(next, times[next], x);\n}\n");
        store(b, s);
        b.append("}\n}\n");
        return b.toString();
    }

    private static void sum(StringBuilder b, int m) {
        for (int j = 0; j < m; j++) {
            b.append("atot += a").append(j).append(";\n");
        }
    }

    private static void store(StringBuilder b, int s) {
        for (int i = 0; i < s; i++) {
            b.append("x[").append(i).append("] = x").append(i).append(";\n");
        }
    }

    /** The propensity expression, with the same operation order as ReactionNetwork.propensity. */
    private static String propensity(ReactionNetwork n, int j) {
        return n.propensitySource(j, "c" + j, "x");
    }
}
