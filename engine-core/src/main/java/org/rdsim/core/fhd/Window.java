package org.rdsim.core.fhd;

import java.util.Arrays;

/**
 * Where a block's extended box (its own cells and the ghost zone around them) sits in the whole
 * grid: the global coordinates of its first cell per axis ({@code origin}, which may lie outside
 * the grid on a periodic axis, where it wraps), its cells per axis ({@code size}) and which of its
 * faces are cuts through the grid rather than the domain's own faces. A cut face is stepped as a
 * reflecting wall: the ghost cells near it come out wrong and are thrown away, which is why the
 * ghost zone must be wide enough that the error does not reach the block's own cells.
 *
 * <p>Cells are keyed by their global index, so a cell's random numbers are the same in every
 * window that holds it (and in the single box), which makes blocks reproduce the whole-grid run.
 */
public record Window(int[] whole, int[] origin, int[] size, boolean[] lowerCut, boolean[] upperCut) {

    public Window {
        whole = whole.clone();
        origin = origin.clone();
        size = size.clone();
        lowerCut = lowerCut.clone();
        upperCut = upperCut.clone();
        for (int a = 0; a < 3; a++) {
            if (size[a] < 1 || whole[a] < 1) {
                throw new IllegalArgumentException("cells per axis must be positive: size " + Arrays.toString(size)
                        + ", grid " + Arrays.toString(whole));
            }
        }
    }

    /** True when the window is the whole grid with the domain's own faces. */
    public boolean isWhole() {
        for (int a = 0; a < 3; a++) {
            if (origin[a] != 0 || size[a] != whole[a] || lowerCut[a] || upperCut[a]) {
                return false;
            }
        }
        return true;
    }

    /** True when axis a is cut on either side (it no longer wraps, whatever the domain's boundary). */
    public boolean cut(int axis) {
        return lowerCut[axis] || upperCut[axis];
    }

    /** The number of cells in the window. */
    public int cells() {
        return Math.multiplyExact(Math.multiplyExact(size[0], size[1]), size[2]);
    }

    /** The global index of every window cell (x fastest), wrapped on periodic axes: the cell's key. */
    public int[] keys() {
        int[] keys = new int[cells()];
        int k = 0;
        for (int z = 0; z < size[2]; z++) {
            int gz = Math.floorMod(origin[2] + z, whole[2]);
            for (int y = 0; y < size[1]; y++) {
                int gy = Math.floorMod(origin[1] + y, whole[1]);
                int row = (gz * whole[1] + gy) * whole[0];
                for (int x = 0; x < size[0]; x++) {
                    keys[k++] = row + Math.floorMod(origin[0] + x, whole[0]);
                }
            }
        }
        return keys;
    }
}
