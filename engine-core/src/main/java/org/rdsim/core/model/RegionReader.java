package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdsim.core.model.units.Dimension;

/**
 * Reads {@code domain.regions}: a list of named obstacles and compartments, each one shape.
 *
 * <pre>
 * regions:
 *   - {name: nucleus, sphere: {center: [16, 16, 16], radius: 6}}            # kind: compartment
 *   - {name: wall, box: {from: [0, 0, 0], to: [2, 32, 32]}, kind: obstacle}
 *   - {name: cortex, difference: [{sphere: {center: [16, 16, 16], radius: 14}},
 *                                 {sphere: {center: [16, 16, 16], radius: 12}}]}
 *   - {name: top, half-space: {point: [0, 0, 24], normal: [0, 0, 1]}}
 * </pre>
 *
 * Shapes: box {from, to}, sphere {center, radius}, half-space {point, normal} (the side the
 * normal points to), and union, intersection, difference (the first minus the rest) of lists of
 * shapes. Coordinates are in model length; a voxel belongs to a shape when its centre does.
 */
final class RegionReader {

    private static final String[] REGION_KEYS = {"name", "kind", "box", "sphere", "half-space", "union",
        "intersection", "difference"};
    private static final List<String> SHAPES = List.of("box", "sphere", "half-space", "union", "intersection",
            "difference");
    private static final String FORMS = "box: {from: [...], to: [...]}, sphere: {center: [...], radius: r}, "
            + "half-space: {point: [...], normal: [...]}, or union/intersection/difference: [shapes]";

    /** Zones are bits of a long in reaction masks: the default compartment and 62 regions. */
    static final int MAX_REGIONS = 62;

    private RegionReader() {
    }

    static List<Region> read(ModelNode node, int dimensions, ModelLoader loader) {
        List<Region> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ModelNode> items = node.items("a list of regions, e.g. - {name: nucleus, sphere: {...}}");
        if (items.size() > MAX_REGIONS) {
            throw node.error(items.size() + " regions", "at most " + MAX_REGIONS + "; merge shapes with union");
        }
        for (ModelNode item : items) {
            Map<String, ModelNode> e = item.entries("{name: ..., <shape>: ..., kind: compartment|obstacle}",
                    REGION_KEYS);
            ModelNode nameNode = item.required(e, "name", "give the region a name");
            String name = nameNode.text("a region name").strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || name.equals(Region.DEFAULT)) {
                throw nameNode.error("'" + name + "' cannot name a region",
                        "letters, digits and _, not starting with a digit, and not 'default'");
            }
            if (!names.add(name)) {
                throw nameNode.error("a second region named '" + name + "'", "region names are unique");
            }
            Region.Kind kind = Region.Kind.COMPARTMENT;
            if (e.containsKey("kind")) {
                String k = e.get("kind").text("compartment or obstacle").strip();
                kind = k.equals("obstacle") ? Region.Kind.OBSTACLE : k.equals("compartment") ? Region.Kind.COMPARTMENT : null;
                if (kind == null) {
                    throw e.get("kind").error("unknown region kind '" + k + "'", "compartment or obstacle");
                }
            }
            out.add(new Region(name, shape(item, e, dimensions, loader), kind));
        }
        return List.copyOf(out);
    }

    /** The one shape key of a mapping. */
    private static Shape shape(ModelNode node, Map<String, ModelNode> e, int d, ModelLoader loader) {
        List<String> keys = e.keySet().stream().filter(SHAPES::contains).toList();
        if (keys.size() != 1) {
            throw node.error(keys.isEmpty() ? "no shape given" : "more than one shape: " + keys, "one of " + FORMS);
        }
        String key = keys.get(0);
        ModelNode n = e.get(key);
        switch (key) {
            case "box": {
                Map<String, ModelNode> b = n.entries("{from: [...], to: [...]}", "from", "to");
                double[] from = vector(n.required(b, "from", "give the lower corner"), d, loader);
                double[] to = vector(n.required(b, "to", "give the upper corner"), d, loader);
                for (int a = 0; a < d; a++) {
                    if (!(to[a] > from[a])) {
                        throw n.error("the box is empty on axis " + a, "each 'to' must exceed its 'from'");
                    }
                }
                return new Shape.Box(from, to);
            }
            case "sphere": {
                Map<String, ModelNode> s = n.entries("{center: [...], radius: r}", "center", "radius");
                double[] center = vector(n.required(s, "center", "give the centre"), d, loader);
                ModelNode r = n.required(s, "radius", "give the radius");
                double radius = loader.quantity(r, Dimension.LENGTH, "the radius");
                if (!(radius > 0)) {
                    throw r.error("radius must be positive, got " + ModelText.number(radius), null);
                }
                return new Shape.Sphere(center, radius);
            }
            case "half-space": {
                Map<String, ModelNode> h = n.entries("{point: [...], normal: [...]}", "point", "normal");
                double[] point = vector(n.required(h, "point", "give a point on the plane"), d, loader);
                ModelNode normalNode = n.required(h, "normal", "give the normal, pointing into the region");
                double[] normal = new double[d];
                double norm = 0;
                List<ModelNode> items = components(normalNode, d);
                for (int a = 0; a < d; a++) {
                    normal[a] = items.get(a).number("a number");
                    norm += normal[a] * normal[a];
                }
                if (!(norm > 0)) {
                    throw normalNode.error("the normal is zero", "e.g. normal: [0, 0, 1]");
                }
                return new Shape.HalfSpace(point, normal);
            }
            default: {
                List<Shape> parts = new ArrayList<>();
                for (ModelNode part : n.items("a list of shapes")) {
                    parts.add(shape(part, part.entries("a shape: " + FORMS, SHAPES.toArray(String[]::new)), d, loader));
                }
                if (parts.size() < (key.equals("difference") ? 2 : 1)) {
                    throw n.error(key + " of " + parts.size() + " shape(s)", key.equals("difference")
                            ? "a difference takes a shape and one or more to remove from it" : "give at least one shape");
                }
                return switch (key) {
                    case "union" -> new Shape.Union(List.copyOf(parts));
                    case "intersection" -> new Shape.Intersection(List.copyOf(parts));
                    default -> new Shape.Difference(parts.get(0), List.copyOf(parts.subList(1, parts.size())));
                };
            }
        }
    }

    private static double[] vector(ModelNode n, int d, ModelLoader loader) {
        List<ModelNode> items = components(n, d);
        double[] x = new double[d];
        for (int a = 0; a < d; a++) {
            x[a] = loader.quantity(items.get(a), Dimension.LENGTH, "a coordinate");
        }
        return x;
    }

    private static List<ModelNode> components(ModelNode n, int d) {
        List<ModelNode> items = n.items("a list of " + d + " numbers");
        if (items.size() != d) {
            throw n.error("the domain has " + d + " axes, this vector " + items.size(), "give one number per axis");
        }
        return items;
    }
}
