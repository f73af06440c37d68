package org.rdsim.core.rdme;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rdsim.core.codegen.KernelCompiler;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * Writes the Next Subvolume Method's event loop for one reaction network as Java source and
 * compiles it with Janino. In the generated loop a voxel's counts are local variables, its
 * propensities and hop weights are straight-line expressions with the constants in registers,
 * the reaction that fires selects a block of straight-line updates, and a voxel's total rate is
 * recomputed from its counts where it is needed rather than stored (one array less to miss in
 * the cache). The table-driven loop of {@link NextSubvolume} runs what it does not cover:
 * compartments with their own D or their own reactions, obstacles next to reactions, and
 * networks whose loop would be too large for the JIT to compile.
 *
 * <p>The generated code draws the same random numbers and performs the same floating-point
 * operations in the same order as the table-driven loop (the same propensity products, the same
 * sums, the same selection rules), so a trajectory is bit-identical either way: the kernel
 * changes speed, never a result. Kernels depend on the network's structure and the lattice's
 * {@link Shape} only (constants are passed in) and are cached per JVM.
 */
public final class NsmKernelGenerator {

    /** Largest networks compiled; beyond, the straight-line code no longer fits in registers. */
    public static final int MAX_REACTIONS = 16;
    public static final int MAX_SPECIES = 16;

    private static final String EXPONENTIAL =
            "org.apache.commons.rng.sampling.distribution.ZigguratSampler.Exponential";

    /**
     * Largest class file accepted: its one big method must stay under HotSpot's 8000-byte limit
     * for compiled methods (a 16-species, 16-reaction loop was 9180 bytes and ran interpreted,
     * 13x slower than the table-driven loop). The class size bounds the method's from above.
     */
    static final int MAX_CLASS_BYTES = 8000;

    private static final Map<String, Optional<NsmKernel>> CACHE = new ConcurrentHashMap<>();

    private NsmKernelGenerator() {
    }

    /** True when the network is small enough to compile. */
    public static boolean supports(ReactionNetwork n) {
        return n.reactions() <= MAX_REACTIONS && n.species() >= 1 && n.species() <= MAX_SPECIES;
    }

    /**
     * The compiled kernel for the network's structure (compiled once per JVM), or null when its
     * code is too large for the JIT ({@link #MAX_CLASS_BYTES}): the table-driven loop is faster then.
     */
    public static NsmKernel kernel(ReactionNetwork n) {
        return kernel(n, Shape.GENERAL);
    }

    /** The kernel for the network on a lattice of this shape. */
    public static NsmKernel kernel(ReactionNetwork n, Shape shape) {
        return CACHE.computeIfAbsent(source(n, shape), src -> Optional.ofNullable(
                KernelCompiler.compile(src, "GeneratedNsmKernel", NsmKernel.class, MAX_CLASS_BYTES))).orElse(null);
    }

    /** The Java source of the kernel. */
    static String source(ReactionNetwork n) {
        return source(n, Shape.GENERAL);
    }

    /**
     * What the generated loop may take as constant about the lattice: the number of open faces
     * of every voxel (-1 when it varies) and whether any voxel has reservoir inflow. On a lattice
     * without reflecting faces, obstacles or reservoirs (the periodic box, an interior block) the
     * loop then reads no per-voxel lattice tables to find a voxel's rate: two fewer scattered
     * loads per voxel touched. The arithmetic is the same (r + 0 + d is r + d exactly), so the
     * shapes differ in speed only.
     */
    public record Shape(int open, boolean inflow) {
        public static final Shape GENERAL = new Shape(-1, true);

        public static Shape of(Lattice lattice) {
            return new Shape(lattice.uniformOpen(), lattice.hasInflow());
        }
    }

    static String source(ReactionNetwork n, Shape shape) {
        int s = n.species();
        int m = n.reactions();
        StringBuilder b = new StringBuilder(16384);
        b.append("public final class GeneratedNsmKernel implements org.rdsim.core.rdme.NsmKernel {\n");
        b.append("public void advance(int[] n, int voxels, org.rdsim.core.lattice.Lattice lat, ")
                .append("org.rdsim.core.rdme.VoxelClocks queue, double[] c, double[] hop, ")
                .append("long[] firings, long[] hops, ")
                .append("long[] crossBlock, long[] outflow, long[] inflow, double t0, double t1, ")
                .append("org.apache.commons.rng.UniformRandomProvider rng) {\n");
        b.append(EXPONENTIAL).append(" exponential = ").append(EXPONENTIAL).append(".of(rng);\n");
        for (int j = 0; j < m; j++) {
            b.append("final double c").append(j).append(" = c[").append(j).append("];\n");
        }
        for (int i = 0; i < s; i++) {
            b.append("final double h").append(i).append(" = hop[").append(i).append("];\n");
        }
        // Initial clocks, in voxel order, as the table-driven loop draws them.
        b.append("double sum = 0;\n");
        b.append("for (int v = 0; v < voxels; v++) {\n");
        total(b, n, shape, "v", "y");
        b.append("sum += ty;\n");
        b.append("queue.set(v, ty > 0 ? t0 + exponential.sample() / ty : Double.POSITIVE_INFINITY);\n}\n");
        b.append("queue.start(t0, t1, sum);\n");
        b.append("int untilTune = org.rdsim.core.rdme.NextSubvolume.tuneInterval(voxels);\n");
        b.append("while (true) {\n");
        b.append("int v = queue.minVoxel();\nif (v < 0) return;\ndouble t = queue.time(v);\n");
        b.append("if (--untilTune == 0) {\nuntilTune = org.rdsim.core.rdme.NextSubvolume.tuneInterval(voxels);\n")
                .append("double now = 0;\n");
        b.append("for (int w = 0; w < voxels; w++) {\n");
        total(b, n, shape, "w", "y");
        b.append("now += ty;\n}\n");
        b.append("queue.observe(t, now);\n}\n");
        // The event: reactions, then inflow, then hops, as in NextSubvolume.advance.
        total(b, n, shape, "v", "x");
        b.append("final int base = v * ").append(s).append(";\n");
        b.append("double u = rng.nextDouble() * tx;\n");
        b.append("if (u < rx) {\nint j = -1;\ndouble partial = 0;\nsel: {\n");
        for (int j = 0; j < m; j++) {
            b.append("if (px").append(j).append(" > 0) { j = ").append(j).append("; partial += px").append(j)
                    .append("; if (u < partial) break sel; }\n");
        }
        b.append("}\n");
        fire(b, n);
        schedule(b, n, shape, "v");
        b.append("continue;\n}\n");
        b.append("u -= rx;\n");
        if (shape.inflow()) {
            b.append("if (u < inx) {\nint sp = lat.inflowSpecies(v, u);\nn[base + sp]++;\ninflow[sp]++;\n");
            schedule(b, n, shape, "v");
            b.append("continue;\n}\n");
            b.append("u -= inx;\n");
        }
        b.append("int sp = -1;\ndouble perFace = 0;\npick: {\ndouble one;\ndouble w;\n");
        for (int i = 0; i < s; i++) {
            b.append("one = (double) xx").append(i).append(" * h").append(i).append(";\nw = one * openx;\n");
            b.append("if (w > 0) { sp = ").append(i).append("; perFace = one; if (u < w) break pick; u -= w; }\n");
        }
        b.append("}\n");
        // u rounded past the voxel's total with nothing mobile: the last category with a positive rate.
        b.append("if (sp < 0) {\nif (inx > 0) {\nint spIn = lat.inflowSpecies(v, inx);\nn[base + spIn]++;\n")
                .append("inflow[spIn]++;\n} else {\nint j = -1;\n");
        for (int j = m - 1; j >= 0; j--) {
            b.append(j == m - 1 ? "" : "else ").append("if (px").append(j).append(" > 0) j = ").append(j).append(";\n");
        }
        fire(b, n);
        b.append("}\n");
        schedule(b, n, shape, "v");
        b.append("continue;\n}\n");
        b.append("int k = Math.min(openx - 1, Math.max(0, (int) (u / perFace)));\n");
        b.append("int dest = lat.destination(v, k);\n");
        b.append("n[base + sp]--;\nhops[sp]++;\n");
        b.append("if (dest >= 0) {\nn[dest * ").append(s).append(" + sp]++;\nif (dest < voxels) {\n");
        schedule(b, n, shape, "dest");
        b.append("} else {\ncrossBlock[sp]++;\n}\n} else {\noutflow[sp]++;\n}\n");
        schedule(b, n, shape, "v");
        b.append("}\n}\n}\n");
        return b.toString();
    }

    /**
     * Declares, for voxel {@code v}, its counts x<i>suffix</i>, propensities p<i>suffix</i>, reaction
     * total r, open faces, inflow and total rate t (each name ending in {@code suffix}), summed as
     * NextSubvolume.refresh sums them.
     */
    private static void total(StringBuilder b, ReactionNetwork n, Shape shape, String v, String suffix) {
        int s = n.species();
        int m = n.reactions();
        String x = "x" + suffix;
        for (int i = 0; i < s; i++) {
            b.append("final int ").append(x).append(i).append(" = n[").append(v).append(" * ").append(s)
                    .append(" + ").append(i).append("];\n");
        }
        b.append("double r").append(suffix).append(" = 0;\n");
        for (int j = 0; j < m; j++) {
            b.append("final double p").append(suffix).append(j).append(" = ")
                    .append(n.propensitySource(j, "c" + j, x)).append(";\n");
            b.append("r").append(suffix).append(" += p").append(suffix).append(j).append(";\n");
        }
        b.append("double d").append(suffix).append(" = 0;\n");
        for (int i = 0; i < s; i++) {
            b.append("d").append(suffix).append(" += (double) ").append(x).append(i).append(" * h").append(i)
                    .append(";\n");
        }
        b.append("final int open").append(suffix).append(" = ")
                .append(shape.open() >= 0 ? Integer.toString(shape.open()) : "lat.open(" + v + ")").append(";\n");
        b.append("d").append(suffix).append(" *= open").append(suffix).append(";\n");
        if (shape.inflow()) {
            b.append("final double in").append(suffix).append(" = lat.inflow(").append(v).append(");\n");
            b.append("final double t").append(suffix).append(" = r").append(suffix).append(" + in").append(suffix)
                    .append(" + d").append(suffix).append(";\n");
        } else {
            // No reservoir anywhere: r + 0 + d is r + d, bit for bit.
            b.append("final double in").append(suffix).append(" = 0.0;\n");
            b.append("final double t").append(suffix).append(" = r").append(suffix).append(" + d").append(suffix)
                    .append(";\n");
        }
    }

    /** Fires reaction j (chosen at run time) in the voxel at base. */
    private static void fire(StringBuilder b, ReactionNetwork n) {
        b.append("switch (j) {\n");
        for (int j = 0; j < n.reactions(); j++) {
            b.append("case ").append(j).append(":\n");
            int[] species = n.changedSpecies(j);
            int[] change = n.netChanges(j);
            for (int q = 0; q < species.length; q++) {
                b.append("n[base + ").append(species[q]).append("] += ").append(change[q]).append(";\n");
            }
            b.append("break;\n");
        }
        b.append("}\nfirings[j]++;\n");
    }

    /** A new clock for voxel {@code v} after its counts changed, at the current event time t. */
    private static void schedule(StringBuilder b, ReactionNetwork n, Shape shape, String v) {
        b.append("{\n");
        total(b, n, shape, v, "z");
        b.append("queue.update(").append(v)
                .append(", tz > 0 ? t + exponential.sample() / tz : Double.POSITIVE_INFINITY);\n}\n");
    }
}
