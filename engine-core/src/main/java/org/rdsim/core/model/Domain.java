package org.rdsim.core.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The lattice of a spatial model: a box of cells (voxels) of side dx in 1, 2 or 3 dimensions.
 *
 * @param cells      voxels per axis (x first), 1 to 3 entries
 * @param dx         voxel side in model length
 * @param depth      the depth factor A: voxel volume = A dx^d (fhd-schemes.md); in fewer than three
 *                   dimensions A carries the missing length^(3-d)
 * @param boundaries per face, in the order x-, x+, y-, y+, z-, z+ (two per axis)
 * @param regions    obstacles and compartments, in the order listed (the last one that contains a
 *                   voxel owns it)
 */
public record Domain(int[] cells, double dx, double depth, List<FaceBoundary> boundaries, List<Region> regions)
        implements Serializable {

    /** Face names in the order of {@link #boundaries()}. */
    public static final List<String> FACES = List.of("x-", "x+", "y-", "y+", "z-", "z+");

    public int dimensions() {
        return cells.length;
    }

    /** Voxel volume A dx^d. */
    public double voxelVolume() {
        return depth * Math.pow(dx, cells.length);
    }

    public long voxels() {
        long n = 1;
        for (int c : cells) {
            n *= c;
        }
        return n;
    }

    /** Writes the centre of voxel v (x fastest), in model length, into x; returns x. */
    public double[] centre(long v, double[] x) {
        long rest = v;
        for (int a = 0; a < cells.length; a++) {
            x[a] = (rest % cells[a] + 0.5) * dx;
            rest /= cells[a];
        }
        return x;
    }

    /**
     * The zone of the voxel centred at x: 0 for the default compartment (no region), else
     * 1 + the index of the last region that contains x.
     */
    public int zone(double[] x) {
        for (int r = regions.size() - 1; r >= 0; r--) {
            if (regions.get(r).shape().contains(x)) {
                return r + 1;
            }
        }
        return 0;
    }

    /** Zones: the default compartment and one per region. */
    public int zones() {
        return regions.size() + 1;
    }

    public boolean obstacle(int zone) {
        return zone > 0 && regions.get(zone - 1).kind() == Region.Kind.OBSTACLE;
    }

    /** The zone of a region name ({@link Region#DEFAULT} is 0), or -1. */
    public int zone(String name) {
        if (name.equals(Region.DEFAULT)) {
            return 0;
        }
        for (int r = 0; r < regions.size(); r++) {
            if (regions.get(r).name().equals(name)) {
                return r + 1;
            }
        }
        return -1;
    }

    /** Voxels per zone (a pass over the whole grid). */
    public long[] zoneVoxels() {
        long[] n = new long[zones()];
        double[] x = new double[dimensions()];
        for (long v = 0; v < voxels(); v++) {
            n[zone(centre(v, x))]++;
        }
        return n;
    }

    /** The names of the zones that can hold molecules: {@code default} and the compartments. */
    public List<String> compartmentNames() {
        List<String> names = new java.util.ArrayList<>();
        for (int z = 0; z < zones(); z++) {
            if (!obstacle(z)) {
                names.add(zoneName(z));
            }
        }
        return names;
    }

    public String zoneName(int zone) {
        return zone == 0 ? Region.DEFAULT : regions.get(zone - 1).name();
    }

    public FaceBoundary boundary(int axis, boolean upper) {
        return boundaries.get(2 * axis + (upper ? 1 : 0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain d && Arrays.equals(d.cells, cells) && d.dx == dx && d.depth == depth
                && d.boundaries.equals(boundaries) && d.regions.equals(regions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells) * 31 + boundaries.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.toString(cells) + " cells of " + dx + ", A " + depth + ", " + boundaries;
    }
}
