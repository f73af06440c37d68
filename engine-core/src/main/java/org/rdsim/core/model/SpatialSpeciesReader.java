package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rdsim.core.model.units.Dimension;

/**
 * Reads the species of a spatial model: each has a diffusion coefficient and an initial density
 * field, e.g.
 *
 * <pre>
 * species:
 *   A: {D: 1.0, initial: {uniform: 10.0}}                          # molecules per unit volume
 *   B: {D: 10, initial: {sphere-tanh: {radius: 16, width: 4, inside: 1.35, outside: 10}, sampling: round}}
 *   C: {D: 0.5, initial: {point: {at: [16.5, 16.5], count: 1000}}}
 * </pre>
 */
final class SpatialSpeciesReader {

    private static final String[] SPECIES_KEYS = {"D", "initial"};
    private static final String[] INITIAL_KEYS = {"uniform", "point", "sphere-tanh", "regions", "sampling"};
    private static final String[] POINT_KEYS = {"at", "count"};
    private static final String[] TANH_KEYS = {"center", "radius", "width", "inside", "outside"};
    private static final String FORMS = "initial: {uniform: density}, {point: {at: [x, y, z], count: N}}, "
            + "{sphere-tanh: {center, radius, width, inside, outside}} or {regions: {compartment: density, ...}}, "
            + "optionally with sampling: poisson|round|multinomial";

    private SpatialSpeciesReader() {
    }

    /**
     * The species of a spatial model over the domain's shape (its reservoirs need not be read yet).
     * With {@code sampled} (every method but the deterministic FHD twin) the initial field is drawn
     * as int counts per voxel, so a field that puts 2^31 or more molecules in a voxel is refused.
     */
    static List<Species> read(ModelNode node, Domain g, ModelLoader loader, boolean sampled) {
        Map<String, ModelNode> entries = node.entries("a mapping of species names to {D: ..., initial: ...}");
        if (entries.isEmpty()) {
            throw node.error("no species declared", "declare at least one species, e.g. A: {D: 1, initial: {uniform: 10}}");
        }
        List<Species> out = new ArrayList<>();
        for (Map.Entry<String, ModelNode> s : entries.entrySet()) {
            String name = s.getKey();
            ModelNode value = s.getValue();
            ModelLoader.checkSpeciesName(name, value);
            Map<String, ModelNode> e = value.entries("{D: ..., initial: ...}", SPECIES_KEYS);
            ModelNode dNode = value.required(e, "D", "spatial models need a diffusion coefficient (0 for immobile)");
            double[] zoneD = null;
            double diffusion;
            if (dNode.isMapping()) {
                zoneD = perZone(dNode, g, loader, "D", true, n -> loader.diffusion(n));
                diffusion = zoneD[0];
            } else {
                diffusion = loader.diffusion(dNode);
            }
            InitialField field = field(value.required(e, "initial", FORMS), g, loader);
            double most = largestPerVoxel(field, g);
            if (sampled && most > Integer.MAX_VALUE) {
                throw e.get("initial").error("puts up to " + ModelText.number(most) + " molecules of " + name
                        + " in one voxel (volume " + ModelText.number(g.voxelVolume()) + ")",
                        "at most 2147483647 per voxel; reduce the density or A");
            }
            out.add(new Species(name, diffusion, Double.NaN, field, zoneD));   // the total when asked: a loop over every voxel
        }
        return List.copyOf(out);
    }

    private static InitialField field(ModelNode node, Domain g, ModelLoader loader) {
        if (!node.isMapping()) {
            throw node.error("a spatial initial condition is a density field", FORMS);
        }
        Map<String, ModelNode> e = node.entries(FORMS, INITIAL_KEYS);
        List<String> shapes = e.keySet().stream().filter(k -> !k.equals("sampling")).toList();
        if (shapes.size() != 1) {
            throw node.error(shapes.isEmpty() ? "no initial field given" : "more than one initial field: " + shapes, FORMS);
        }
        InitialField.Sampling sampling = InitialField.Sampling.POISSON;
        if (e.containsKey("sampling")) {
            String k = e.get("sampling").text("poisson, round or multinomial").strip();
            sampling = null;
            for (InitialField.Sampling smp : InitialField.Sampling.values()) {
                if (smp.key().equals(k)) {
                    sampling = smp;
                }
            }
            if (sampling == null) {
                throw e.get("sampling").error("unknown sampling '" + k + "'", "allowed are poisson, round, multinomial");
            }
        }
        String shape = shapes.get(0);
        ModelNode n = e.get(shape);
        switch (shape) {
            case "uniform":
                return new InitialField.Uniform(density(n, loader, "the density"), sampling);
            case "regions":
                return new InitialField.ByZone(g.regions(),
                        perZone(n, g, loader, "initial.regions", false, x -> density(x, loader, "the density")),
                        sampling);
            case "point": {
                if (e.containsKey("sampling")) {
                    throw e.get("sampling").error("a point source places its count exactly", "leave sampling out");
                }
                Map<String, ModelNode> p = n.entries("{at: [x, y, z], count: N}", POINT_KEYS);
                ModelNode atNode = n.required(p, "at", "give the position, e.g. at: [16.5, 16.5]");
                double[] at = position(atNode, g, loader);
                double[] centre = new double[at.length];
                for (int a = 0; a < at.length; a++) {
                    centre[a] = (Math.min(g.cells()[a] - 1, Math.floor(at[a] / g.dx())) + 0.5) * g.dx();
                }
                if (g.obstacle(g.zone(centre))) {
                    throw atNode.error("the point lies in the obstacle '" + g.zoneName(g.zone(centre)) + "'",
                            "obstacles hold no molecules; place the source elsewhere");
                }
                ModelNode countNode = n.required(p, "count", "give the number of molecules, e.g. count: 1000");
                long count = countNode.integer("a whole number of molecules");
                if (count < 0) {
                    throw countNode.error("count must not be negative, got " + count, null);
                }
                return new InitialField.Point(at, count);
            }
            default: {
                Map<String, ModelNode> t = n.entries("{center, radius, width, inside, outside}", TANH_KEYS);
                double[] center = new double[g.dimensions()];
                for (int a = 0; a < center.length; a++) {
                    center[a] = 0.5 * g.cells()[a] * g.dx();
                }
                if (t.containsKey("center")) {
                    center = position(t.get("center"), g, loader);
                }
                double radius = loader.quantity(n.required(t, "radius", "give the radius"), Dimension.LENGTH, "the radius");
                double width = loader.quantity(n.required(t, "width", "give the width"), Dimension.LENGTH, "the width");
                if (!(width > 0) || radius < 0) {
                    throw n.error("radius must not be negative and width must be positive", null);
                }
                return new InitialField.SphereTanh(center, radius, width,
                        density(n.required(t, "inside", "give the density inside"), loader, "the density inside"),
                        density(n.required(t, "outside", "give the density outside"), loader, "the density outside"),
                        sampling);
            }
        }
    }

    /**
     * A value per zone from a mapping of compartment names ({@code default} for the voxels in no
     * region). With {@code defaultRequired} the default must be given and other compartments
     * inherit it; otherwise compartments not named get 0. Obstacles take no values.
     */
    private static double[] perZone(ModelNode node, Domain g, ModelLoader loader, String what, boolean defaultRequired,
            java.util.function.Function<ModelNode, Double> value) {
        Map<String, ModelNode> e = node.entries("a mapping of compartment names to values");
        double[] v = new double[g.zones()];
        if (defaultRequired) {
            v[0] = value.apply(node.required(e, Region.DEFAULT, "give " + what + " in the default compartment "
                    + "(the voxels in no region), e.g. {default: 1.0, nucleus: 0.1}"));
            java.util.Arrays.fill(v, v[0]);
        }
        for (Map.Entry<String, ModelNode> z : e.entrySet()) {
            int zone = g.zone(z.getKey());
            if (zone < 0 || g.obstacle(zone)) {
                List<String> names = g.compartmentNames();
                throw z.getValue().error((zone < 0 ? "unknown compartment '" + z.getKey() + "'"
                        : "'" + z.getKey() + "' is an obstacle, which holds no molecules") + " in " + what
                        + Suggest.didYouMean(z.getKey(), names), "compartments are " + String.join(", ", names));
            }
            v[zone] = value.apply(z.getValue());
        }
        return v;
    }

    private static double density(ModelNode n, ModelLoader loader, String what) {
        double d = loader.quantity(n, Dimension.CONCENTRATION, what + " (molecules per unit volume)");
        if (d < 0) {
            throw n.error(what + " must not be negative, got " + ModelText.number(d), null);
        }
        return d;
    }

    private static double[] position(ModelNode n, Domain g, ModelLoader loader) {
        List<ModelNode> items = n.items("a list of " + g.dimensions() + " coordinates");
        if (items.size() != g.dimensions()) {
            throw n.error("the domain has " + g.dimensions() + " axes, the position " + items.size(),
                    "give one coordinate per axis");
        }
        double[] x = new double[items.size()];
        for (int a = 0; a < x.length; a++) {
            x[a] = loader.quantity(items.get(a), Dimension.LENGTH, "a coordinate");
            double extent = g.cells()[a] * g.dx();
            if (x[a] < 0 || x[a] > extent) {
                throw items.get(a).error("coordinate " + ModelText.number(x[a]) + " lies outside the domain",
                        "axis " + a + " runs from 0 to " + ModelText.number(extent));
            }
        }
        return x;
    }

    /** The most molecules the field means to put in one voxel. */
    private static double largestPerVoxel(InitialField f, Domain d) {
        double vol = d.voxelVolume();
        if (f instanceof InitialField.Point p) {
            return p.count();
        }
        if (f instanceof InitialField.Uniform u) {
            return u.density() * vol;
        }
        if (f instanceof InitialField.SphereTanh t) {
            return Math.max(t.inside(), t.outside()) * vol;
        }
        double most = 0;
        for (double density : ((InitialField.ByZone) f).density()) {
            most = Math.max(most, density * vol);
        }
        return most;
    }

    /**
     * The expected number of molecules of the field over the whole domain: for shaped fields a
     * sum over every voxel (about a minute at 1024^3), so only {@code inspect} asks for it, never
     * a run's loading.
     */
    static double expectedTotal(InitialField f, Domain d) {
        double vol = d.voxelVolume();
        if (f instanceof InitialField.Point p) {
            return p.count();
        }
        if (f instanceof InitialField.Uniform u && d.regions().isEmpty()) {
            return u.density() * vol * d.voxels();
        }
        double[] x = new double[d.dimensions()];
        double sum = 0;
        for (long v = 0; v < d.voxels(); v++) {
            d.centre(v, x);
            if (!d.obstacle(d.zone(x))) {
                sum += f.density(x) * vol;
            }
        }
        return sum;
    }
}
