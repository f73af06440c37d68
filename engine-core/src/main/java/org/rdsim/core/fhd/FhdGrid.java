package org.rdsim.core.fhd;

import org.rdsim.core.model.Domain;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.rng.KeyedStreams;

/**
 * The box an FHD scheme steps, held as one block: cells x-fastest (i = x + nx (y + ny z)), the
 * neighbour across each face, the walls, and the slabs the sweeps roll over.
 *
 * <p>A slab is the cells with one coordinate on the outer axis (z in 3-D, y in 2-D; the whole
 * line in 1-D, which has no outer axis): a sweep that needs the faces of the next slab keeps a
 * window of two or three slabs instead of whole fields.
 */
final class FhdGrid {

    final int dimensions;
    final int cells;
    final int nx;
    /** Cells per axis, 1 beyond the dimensions. */
    final int[] size = {1, 1, 1};
    /** The axis slabs are stacked along, or -1 in 1-D. */
    final int outer;
    final int slabs;
    final int slabCells;
    final boolean[] periodic = new boolean[3];
    /** Per axis: the reservoir's densities beyond the lower (upper) wall; null if nothing crosses it or it wraps. */
    final double[][] lowerGhost = new double[3][];
    final double[][] upperGhost = new double[3][];
    /** Per axis and coordinate: the coordinate across the lower (upper) face, wrapped; -1 at a wall. */
    final int[][] below = new int[3][];
    final int[][] above = new int[3][];
    /** The global index of each cell of a window, its random streams' key; null for the whole grid (the index itself). */
    private final int[] keys;
    /** True when some upper face is a reservoir, whose noise the cell below it draws after its lower faces. */
    final boolean upperReservoirs;

    /** The whole grid of the domain. */
    FhdGrid(Domain d, int species) {
        this(d, species, null);
    }

    /**
     * The box of a window onto the domain's grid (null: the whole grid). A cut face is a wall
     * that passes nothing (the block's ghost cells near it are thrown away), and the cells are
     * keyed by their global index.
     */
    FhdGrid(Domain d, int species, Window window) {
        dimensions = d.dimensions();
        for (int a = 0; a < dimensions; a++) {
            size[a] = window == null ? d.cells()[a] : window.size()[a];
        }
        nx = size[0];
        cells = window == null ? Math.toIntExact(d.voxels()) : window.cells();
        keys = window == null || window.isWhole() ? null : window.keys();
        outer = dimensions >= 2 ? dimensions - 1 : -1;
        slabs = outer < 0 ? 1 : size[outer];
        slabCells = cells / slabs;
        boolean reservoirs = false;
        for (int a = 0; a < 3; a++) {
            boolean active = a < dimensions;
            boolean cut = window != null && window.cut(a);
            periodic[a] = !active || !cut && d.boundary(a, false).kind() == FaceBoundary.Kind.PERIODIC;
            if (active) {
                lowerGhost[a] = window != null && window.lowerCut()[a] ? null : ghost(d.boundary(a, false), species);
                upperGhost[a] = window != null && window.upperCut()[a] ? null : ghost(d.boundary(a, true), species);
                reservoirs |= upperGhost[a] != null;
            }
            below[a] = new int[size[a]];
            above[a] = new int[size[a]];
            for (int c = 0; c < size[a]; c++) {
                below[a][c] = c > 0 ? c - 1 : periodic[a] ? size[a] - 1 : -1;
                above[a][c] = c < size[a] - 1 ? c + 1 : periodic[a] ? 0 : -1;
            }
        }
        upperReservoirs = reservoirs;
    }

    /** The key of cell i's random streams: its index in the whole grid. */
    long key(int i) {
        return keys == null ? i : keys[i];
    }

    /** The start states of cells first ... first + count - 1's streams under rng's fixed key ({@link KeyedStreams.Generator#rekeyAll}). */
    void rekeyAll(KeyedStreams.Generator rng, int first, int count, long[] states) {
        if (keys == null) {
            rng.rekeyAll(first, count, states);
        } else {
            rng.rekeyAll(keys, first, count, states);
        }
    }

    /**
     * The ghost densities beyond a face: the reservoir's; zeros when absorbing (a reservoir that is
     * empty); null when nothing crosses (reflecting) or the axis wraps.
     */
    private static double[] ghost(FaceBoundary face, int species) {
        return switch (face.kind()) {
            case RESERVOIR -> face.concentration().clone();
            case ABSORBING -> new double[species];
            case PERIODIC, REFLECTING -> null;
        };
    }

    /** The walls of the implicit solve: a periodic axis wraps, a reservoir (or absorbing) face holds its ghost. */
    Multigrid.Wall[][] walls() {
        Multigrid.Wall[][] walls = new Multigrid.Wall[2][3];
        for (int a = 0; a < 3; a++) {
            boolean active = a < dimensions && size[a] > 1;
            walls[0][a] = !active || periodic[a] ? Multigrid.Wall.PERIODIC
                    : lowerGhost[a] != null ? Multigrid.Wall.RESERVOIR : Multigrid.Wall.REFLECTING;
            walls[1][a] = !active || periodic[a] ? Multigrid.Wall.PERIODIC
                    : upperGhost[a] != null ? Multigrid.Wall.RESERVOIR : Multigrid.Wall.REFLECTING;
        }
        return walls;
    }
}
