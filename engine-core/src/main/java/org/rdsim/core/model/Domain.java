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
 */
public record Domain(int[] cells, double dx, double depth, List<FaceBoundary> boundaries) implements Serializable {

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

    public FaceBoundary boundary(int axis, boolean upper) {
        return boundaries.get(2 * axis + (upper ? 1 : 0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain d && Arrays.equals(d.cells, cells) && d.dx == dx && d.depth == depth
                && d.boundaries.equals(boundaries);
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
