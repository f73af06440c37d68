package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rdsim.core.fhd.FaceAverage;
import org.rdsim.core.model.units.Dimension;

/** Reads the {@code method:} block: {@code ssa}, or {@code {algorithm: tau, epsilon: 0.01}}. */
final class MethodReader {

    private MethodReader() {
    }

    static MethodSpec read(ModelNode node, ModelLoader loader) {
        ModelNode algorithmNode;
        Map<String, ModelNode> entries = Map.of();
        if (node.isScalar() && !node.isNull()) {
            algorithmNode = node;
        } else {
            Map<String, ModelNode> all = node.entries("{algorithm: ..., options...} or an algorithm name");
            algorithmNode = node.required(all, "algorithm", "name the algorithm: " + Algorithm.allKeys());
            entries = all;
        }
        String key = algorithmNode.text("an algorithm name").strip();
        Algorithm algorithm = Algorithm.fromKey(key);
        if (algorithm == null) {
            List<String> keys = new ArrayList<>();
            for (Algorithm a : Algorithm.values()) {
                keys.add(a.key());
            }
            throw algorithmNode.error("unknown method '" + key + "'" + Suggest.didYouMean(key, keys),
                    "allowed algorithms are " + Algorithm.allKeys());
        }
        if (!entries.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            allowed.add("algorithm");
            allowed.addAll(algorithm.options());
            entries = node.entries("method options", allowed.toArray(String[]::new));
        }
        MethodSpec m = MethodSpec.of(algorithm);
        double epsilon = m.epsilon();
        int critical = m.critical();
        int ssaSteps = m.ssaSteps();
        double dt = m.dt();
        double rtol = m.rtol();
        double atol = m.atol();
        if (entries.containsKey("epsilon")) {
            ModelNode n = entries.get("epsilon");
            epsilon = n.number("a number between 0 and 1");
            if (!(epsilon > 0 && epsilon < 1)) {
                throw n.error("epsilon must lie strictly between 0 and 1, got " + ModelText.number(epsilon),
                        "typical values are 0.01 to 0.05");
            }
        }
        if (entries.containsKey("critical")) {
            ModelNode n = entries.get("critical");
            long c = n.integer("a whole number of firings, at least 0");
            if (c < 0 || c > 1_000_000) {
                throw n.error("critical must be between 0 and 1000000, got " + c, "the usual value is 10");
            }
            critical = (int) c;
        }
        if (entries.containsKey("ssaSteps")) {
            ModelNode n = entries.get("ssaSteps");
            long c = n.integer("a whole number of steps, at least 1");
            if (c < 1 || c > 1_000_000) {
                throw n.error("ssaSteps must be between 1 and 1000000, got " + c, "the usual value is 100");
            }
            ssaSteps = (int) c;
        }
        if (algorithm == Algorithm.CLE || algorithm == Algorithm.SPLIT_MN || algorithm.fhd()) {
            ModelNode n = node.isMapping() ? entries.get("dt") : null;
            if (n == null) {
                throw node.error("the " + algorithm.key() + " method needs a time step",
                        "write method: {algorithm: " + algorithm.key() + ", dt: " + (algorithm.fhd() ? "0.1" : "0.001")
                                + "}");
            }
            dt = loader.quantity(n, Dimension.TIME, "the time step");
            if (!(dt > 0)) {
                throw n.error("dt must be positive, got " + ModelText.number(dt), null);
            }
        }
        if (entries.containsKey("rtol")) {
            rtol = positive(entries.get("rtol"), "relative tolerance");
        }
        if (entries.containsKey("atol")) {
            atol = positive(entries.get("atol"), "absolute tolerance in molecules");
        }
        double macroStep = Double.NaN;
        if (entries.containsKey("macroStep")) {
            macroStep = loader.quantity(entries.get("macroStep"), Dimension.TIME, "the macro step");
            if (!(macroStep > 0)) {
                throw entries.get("macroStep").error("macroStep must be positive, got " + ModelText.number(macroStep), null);
            }
        }
        int[] block = entries.containsKey("block") ? block(entries.get("block")) : null;
        MethodSpec.Fhd fhd = algorithm.fhd() ? fhd(entries) : null;
        return new MethodSpec(algorithm, epsilon, critical, ssaSteps, dt, rtol, atol, macroStep, block, fhd);
    }

    /** The FHD options; the keys each scheme accepts were checked with the method block. */
    private static MethodSpec.Fhd fhd(Map<String, ModelNode> entries) {
        MethodSpec.Fhd d = MethodSpec.Fhd.DEFAULT;
        boolean deterministic = entries.containsKey("deterministic")
                ? entries.get("deterministic").bool("true for the deterministic twin, or false") : d.deterministic();
        boolean cle = entries.containsKey("cle")
                ? entries.get("cle").bool("true for chemical-Langevin reaction counts, or false") : d.cle();
        String average = d.average();
        if (entries.containsKey("average")) {
            ModelNode n = entries.get("average");
            average = n.text("a face average").strip();
            if (FaceAverage.fromKey(average) == null) {
                List<String> keys = Arrays.stream(FaceAverage.values()).map(FaceAverage::key).toList();
                throw n.error("unknown face average '" + average + "'" + Suggest.didYouMean(average, keys),
                        "allowed are " + String.join(", ", keys) + " (arithmetic, the smoothed Heaviside of "
                                + "eq. 20, is the default)");
            }
        }
        String secondHalf = d.secondHalfNoise();
        if (entries.containsKey("secondHalfNoise")) {
            ModelNode n = entries.get("secondHalfNoise");
            String key = n.text("where the second-half noise takes its face averages").strip();
            secondHalf = switch (key) {
                case "start", "30a" -> "start";
                case "predictor", "30b" -> "predictor";
                case "extrapolated", "30c" -> "extrapolated";
                default -> throw n.error("unknown secondHalfNoise '" + key + "'",
                        "allowed are start (eq. 30a), predictor (30b), extrapolated (30c, the default)");
            };
        }
        return new MethodSpec.Fhd(average, secondHalf, deterministic, cle);
    }

    /** Block size in voxels per axis; checked against the domain's axes once it is known. */
    private static int[] block(ModelNode n) {
        List<ModelNode> items = n.isScalar() ? List.of(n) : n.items("a list of voxels per axis, e.g. [16, 16, 16]");
        if (items.isEmpty() || items.size() > 3) {
            throw n.error("a block has 1 to 3 axes, found " + items.size(), "e.g. block: [16, 16, 16]");
        }
        int[] block = new int[items.size()];
        for (int a = 0; a < block.length; a++) {
            long b = items.get(a).integer("a whole number of voxels");
            if (b < 1 || b > Integer.MAX_VALUE) {
                throw items.get(a).error("a block side must be at least 1 voxel, got " + b, "e.g. block: [16, 16, 16]");
            }
            block[a] = (int) b;
        }
        return block;
    }

    private static double positive(ModelNode n, String what) {
        double v = n.number("a positive " + what);
        if (!(v > 0)) {
            throw n.error(what + " must be positive, got " + ModelText.number(v), null);
        }
        return v;
    }

    /**
     * An FHD scheme steps a uniform grid (no regions or obstacles) held as one array, and the
     * output times fall on whole steps of dt (the schemes' dt is fixed; a shorter last step would
     * be another scheme).
     */
    static void checkFhd(MethodSpec method, Domain domain, int species, TimeSpec time, ModelNode node) {
        String scheme = method.algorithm().key();
        if (domain.zones() > 1) {
            throw node.error(scheme + " runs on a uniform domain and this one has regions",
                    "regions, obstacles and per-region rates are for nsm and split-mn; remove domain.regions");
        }
        if (domain.voxels() * species > Integer.MAX_VALUE - 8) {
            throw node.error("a grid of " + domain.voxels() + " cells x " + species
                    + " species holds more than 2^31 densities", "FHD runs hold the grid in one array; use fewer cells");
        }
        for (double span : new double[] {time.output(), time.end()}) {
            if (!TimeSpec.wholeSteps(span, method.dt()) || span / method.dt() < 0.5) {
                throw node.error("dt " + ModelText.number(method.dt()) + " does not divide "
                        + (span == time.output() ? "the output interval " : "the end time ") + ModelText.number(span),
                        "choose a dt that divides time.output and time.end, e.g. "
                                + ModelText.number(dividingDt(method.dt(), time)));
            }
        }
    }

    /** A round dt (1, 2, 2.5 or 5 times a power of ten) no larger than dt that divides both spans, if any. */
    private static double dividingDt(double dt, TimeSpec time) {
        double decade = Math.pow(10, Math.floor(Math.log10(dt)));
        for (int k = 0; k < 6; k++, decade /= 10) {
            for (double m : new double[] {5, 2.5, 2, 1}) {
                double c = m * decade;
                if (c <= dt && TimeSpec.wholeSteps(time.output(), c) && TimeSpec.wholeSteps(time.end(), c)) {
                    return c;
                }
            }
        }
        return time.output() / Math.ceil(time.output() / dt);
    }

    /** Up to this many voxels the default layout is one block (BlockLayout.DEFAULT_SIDE^3). */
    private static final long MAX_WHOLE_BLOCK = 64L * 64 * 64;

    /** The block fits the domain; the split scheme's dt keeps every stay probability >= 0. */
    static void checkLattice(MethodSpec method, Domain domain, List<Species> species, ModelNode node) {
        if (method.block() != null && method.block().length != domain.dimensions()) {
            throw node.error("block has " + method.block().length + " axes and the domain " + domain.dimensions(),
                    "give one block side per domain axis, e.g. block: " + Arrays.toString(domain.cells()));
        }
        long largest = species.size();
        for (int a = 0; a < domain.dimensions(); a++) {
            int side = method.block() == null ? domain.cells()[a] : Math.min(method.block()[a], domain.cells()[a]);
            largest *= side + 2; // with its ghost slabs, bounded generously
        }
        boolean defaultCut = method.block() == null && domain.voxels() > MAX_WHOLE_BLOCK;
        if (!defaultCut && largest > Integer.MAX_VALUE - 8) {
            throw node.error("a block of " + (method.block() == null ? "the whole grid " + Arrays.toString(domain.cells())
                    : Arrays.toString(method.block())) + " voxels x " + species.size() + " species holds more than "
                    + "2^31 counts", "choose a smaller block, e.g. block: [64, 64, 64]");
        }
        if (method.algorithm() != Algorithm.SPLIT_MN) {
            return;
        }
        Species fastest = species.get(0);
        int fastestZone = 0;
        for (Species s : species) {
            for (int z = 0; z < domain.zones(); z++) {
                if (!domain.obstacle(z) && s.diffusion(z) > fastest.diffusion(fastestZone)) {
                    fastest = s;
                    fastestZone = z;
                }
            }
        }
        double dMax = fastest.diffusion(fastestZone);
        int d = domain.dimensions();
        double dx = domain.dx();
        double ratio = 2 * d * dMax * method.dt() / (dx * dx);
        if (ratio > 1) {
            String where = domain.zones() > 1 ? " in " + domain.zoneName(fastestZone) : "";
            throw node.error("dt " + ModelText.number(method.dt()) + " is unstable for split-mn: 2 d D dt / dx^2 = "
                    + ModelText.number(ratio) + " for " + fastest.name() + where + " (D " + ModelText.number(dMax)
                    + ") exceeds 1", "the largest stable dt is " + ModelText.number(dx * dx / (2 * d * dMax)));
        }
    }
}
