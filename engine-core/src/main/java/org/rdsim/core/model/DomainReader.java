package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rdsim.core.model.units.Dimension;

/**
 * Reads the {@code domain:} block of a spatial model:
 *
 * <pre>
 * domain:
 *   cells: [32, 32, 32]        # 1 to 3 axes
 *   dx: 1.0
 *   A: 1.0                     # voxel volume A dx^d (default 1)
 *   boundary: periodic         # or {default: reflecting, x-: absorbing, x+: {reservoir: {A: 2.0}}}
 *   regions: [...]             # obstacles and compartments, see RegionReader
 * </pre>
 *
 * Reservoir concentrations name species, so the geometry is read first and the boundaries are
 * finished once the species are known.
 */
final class DomainReader {

    static final String[] DOMAIN_KEYS = {"cells", "dx", "A", "boundary", "regions"};
    /** Largest number of voxels of a domain (2^34, e.g. 2048^3 / 512). */
    static final long MAX_VOXELS = 1L << 34;
    private static final int MAX_CELLS_PER_AXIS = 1 << 16;

    /**
     * The domain as read before the species are known: its shape, boundary kinds, and the
     * unread reservoir concentrations (shape's reservoir faces have none yet).
     */
    record Geometry(Domain shape, ModelNode[] reservoirs) {
    }

    private DomainReader() {
    }

    static Geometry read(ModelNode node, ModelLoader loader) {
        Map<String, ModelNode> e = node.entries("a mapping {cells: [...], dx: ..., A: ..., boundary: ...}", DOMAIN_KEYS);
        ModelNode cellsNode = node.required(e, "cells", "give the voxels per axis, e.g. cells: [64, 64]");
        List<ModelNode> items = cellsNode.isScalar() ? List.of(cellsNode) : cellsNode.items("a list of 1 to 3 voxel counts");
        if (items.isEmpty() || items.size() > 3) {
            throw cellsNode.error("a domain has 1, 2 or 3 axes, found " + items.size(), "e.g. cells: [64] or [32, 32, 32]");
        }
        int[] cells = new int[items.size()];
        long voxels = 1;
        for (int a = 0; a < cells.length; a++) {
            long c = items.get(a).integer("a whole number of voxels");
            if (c < 1 || c > MAX_CELLS_PER_AXIS) {
                throw items.get(a).error("an axis has " + c + " voxels", "between 1 and " + MAX_CELLS_PER_AXIS);
            }
            cells[a] = (int) c;
            voxels *= c;
        }
        if (voxels > MAX_VOXELS) {
            throw cellsNode.error("the domain has " + voxels + " voxels", "at most " + MAX_VOXELS);
        }
        int d = cells.length;
        ModelNode dxNode = node.required(e, "dx", "give the voxel side, e.g. dx: 1.0");
        double dx = loader.quantity(dxNode, Dimension.LENGTH, "the voxel side");
        if (!(dx > 0)) {
            throw dxNode.error("dx must be positive, got " + ModelText.number(dx), null);
        }
        double depth = 1;
        if (e.containsKey("A")) {
            depth = loader.quantity(e.get("A"), Dimension.LENGTH.pow(3 - d), "the depth factor A (length^" + (3 - d) + ")");
            if (!(depth > 0)) {
                throw e.get("A").error("A must be positive, got " + ModelText.number(depth), null);
            }
        }
        FaceBoundary.Kind[] kinds = new FaceBoundary.Kind[2 * d];
        ModelNode[] reservoirs = new ModelNode[2 * d];
        ModelNode b = node.required(e, "boundary", "say what happens at the faces, e.g. boundary: periodic");
        List<String> faces = Domain.FACES.subList(0, 2 * d);
        if (b.isScalar()) {
            FaceBoundary.Kind k = kind(b);
            if (k == FaceBoundary.Kind.RESERVOIR) {
                throw b.error("a reservoir needs its concentrations", "write {x-: {reservoir: {A: 2.0}}, ...} per face");
            }
            Arrays.fill(kinds, k);
        } else {
            List<String> allowed = new ArrayList<>(faces);
            allowed.add("default");
            Map<String, ModelNode> per = b.entries("a boundary kind, or a mapping of faces to kinds",
                    allowed.toArray(String[]::new));
            FaceBoundary.Kind fallback = null;
            if (per.containsKey("default")) {
                fallback = kind(per.get("default"));
                if (fallback == FaceBoundary.Kind.RESERVOIR) {
                    throw per.get("default").error("a reservoir needs its concentrations", "give reservoirs per face");
                }
            }
            for (int f = 0; f < 2 * d; f++) {
                ModelNode fn = per.get(faces.get(f));
                if (fn == null) {
                    if (fallback == null) {
                        throw b.error("no boundary for face " + faces.get(f),
                                "give every face (" + String.join(", ", faces) + ") or a default");
                    }
                    kinds[f] = fallback;
                } else if (fn.isMapping()) {
                    Map<String, ModelNode> r = fn.entries("{reservoir: {species: concentration, ...}}", "reservoir");
                    reservoirs[f] = fn.required(r, "reservoir", "write {reservoir: {A: 2.0}}");
                    if (reservoirs[f].isMapping() && reservoirs[f].entries("a mapping of species to reservoir "
                            + "concentrations").isEmpty()) {
                        throw reservoirs[f].error("a reservoir needs at least one concentration",
                                "write {reservoir: {A: 2.0}}; a face that only lets molecules out is absorbing");
                    }
                    kinds[f] = FaceBoundary.Kind.RESERVOIR;
                } else {
                    kinds[f] = kind(fn);
                    if (kinds[f] == FaceBoundary.Kind.RESERVOIR) {
                        throw fn.error("a reservoir needs its concentrations", "write {reservoir: {A: 2.0}}");
                    }
                }
            }
        }
        for (int a = 0; a < d; a++) {
            boolean lower = kinds[2 * a] == FaceBoundary.Kind.PERIODIC;
            boolean upper = kinds[2 * a + 1] == FaceBoundary.Kind.PERIODIC;
            if (lower != upper) {
                throw b.error("face " + faces.get(2 * a) + " is " + kinds[2 * a].key() + " but " + faces.get(2 * a + 1)
                        + " is " + kinds[2 * a + 1].key(), "periodic faces come in pairs on an axis");
            }
        }
        List<FaceBoundary> unresolved = new ArrayList<>();
        for (FaceBoundary.Kind k : kinds) {
            unresolved.add(new FaceBoundary(k, new double[0]));
        }
        List<Region> regions = e.containsKey("regions") ? RegionReader.read(e.get("regions"), d, loader) : List.of();
        return new Geometry(new Domain(cells, dx, depth, List.copyOf(unresolved), regions), reservoirs);
    }

    /** The domain, with reservoir concentrations resolved against the species. */
    static Domain finish(Geometry g, List<String> species, ModelLoader loader) {
        Domain shape = g.shape();
        List<FaceBoundary> boundaries = new ArrayList<>();
        for (int f = 0; f < shape.boundaries().size(); f++) {
            double[] c = new double[species.size()];
            if (g.reservoirs()[f] != null) {
                for (Map.Entry<String, ModelNode> s : g.reservoirs()[f]
                        .entries("a mapping of species to reservoir concentrations").entrySet()) {
                    int idx = species.indexOf(s.getKey());
                    if (idx < 0) {
                        throw s.getValue().error("unknown species '" + s.getKey() + "' in a reservoir"
                                + Suggest.didYouMean(s.getKey(), species),
                                "declared species are " + String.join(", ", species));
                    }
                    c[idx] = loader.quantity(s.getValue(), Dimension.CONCENTRATION, "a reservoir concentration");
                    if (c[idx] < 0) {
                        throw s.getValue().error("a concentration must not be negative", null);
                    }
                }
            }
            boundaries.add(new FaceBoundary(shape.boundaries().get(f).kind(), c));
        }
        return new Domain(shape.cells(), shape.dx(), shape.depth(), List.copyOf(boundaries), shape.regions());
    }

    private static FaceBoundary.Kind kind(ModelNode n) {
        String k = n.text("a boundary kind").strip();
        for (FaceBoundary.Kind kind : FaceBoundary.Kind.values()) {
            if (kind.key().equals(k)) {
                return kind;
            }
        }
        List<String> keys = new ArrayList<>();
        for (FaceBoundary.Kind kind : FaceBoundary.Kind.values()) {
            keys.add(kind.key());
        }
        throw n.error("unknown boundary kind '" + k + "'" + Suggest.didYouMean(k, keys),
                "allowed kinds are periodic, reflecting, absorbing and {reservoir: {species: concentration}}");
    }
}
