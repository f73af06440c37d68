package org.rdsim.core.lattice;

import java.io.Serializable;
import java.util.Arrays;
import org.rdsim.core.model.Domain;

/**
 * An index range of the global grid (the AMReX sense of the word): the cells lo[a] to
 * lo[a] + size[a] - 1 on each of three axes. Grids of fewer dimensions have size 1 on the unused
 * axes.
 */
public record Box(int[] lo, int[] size) implements Serializable {

    public Box {
        if (lo.length != 3 || size.length != 3) {
            throw new IllegalArgumentException("a box has three axes");
        }
        lo = lo.clone();
        size = size.clone();
        if ((long) size[0] * size[1] * size[2] > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a block of " + size[0] + " x " + size[1] + " x " + size[2]
                    + " voxels exceeds the 2^31 voxels one block holds; use smaller blocks");
        }
    }

    /** The whole grid of a domain. */
    public static Box of(Domain domain) {
        return new Box(new int[3], cells(domain));
    }

    /** The domain's cell counts on three axes (1 on the axes it does not have). */
    public static int[] cells(Domain domain) {
        int[] c = {1, 1, 1};
        System.arraycopy(domain.cells(), 0, c, 0, domain.dimensions());
        return c;
    }

    public int voxels() {
        return size[0] * size[1] * size[2];
    }

    /** One past the last cell on an axis. */
    public int hi(int axis) {
        return lo[axis] + size[axis];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(b.lo, lo) && Arrays.equals(b.size, size);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lo) * 31 + Arrays.hashCode(size);
    }

    @Override
    public String toString() {
        return "[" + lo[0] + ".." + (hi(0) - 1) + ", " + lo[1] + ".." + (hi(1) - 1) + ", " + lo[2] + ".."
                + (hi(2) - 1) + "]";
    }
}
