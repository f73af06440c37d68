package org.rdsim.core.io;

import java.lang.reflect.Array;
import java.util.BitSet;

/**
 * The whole lattice's voxel-major array ({@code v * species + s}, v = x + nx (y + ny z)), put
 * together from blocks that tile it. A block is given by its lowest global cell {@code lo[3]}
 * and its cells per axis {@code size[3]} (1 on unused axes), with its values in the same
 * voxel-major layout over its own voxels. Since x runs fastest in both, each x-row of a block
 * is one contiguous copy. A may be {@code int[]} (counts) or {@code double[]} (densities).
 */
public final class GridAssembler<A> {

    private final int[] cells;
    private final int species;
    private final A whole;
    private final BitSet covered; // per global voxel, so overlaps and gaps are caught

    private GridAssembler(int[] cells, int species, A whole) {
        this.cells = cells.clone();
        this.species = species;
        this.whole = whole;
        this.covered = new BitSet(voxels(cells));
    }

    public static GridAssembler<int[]> int32(int[] cells, int species) {
        return new GridAssembler<>(cells, species, new int[length(cells, species)]);
    }

    public static GridAssembler<double[]> float64(int[] cells, int species) {
        return new GridAssembler<>(cells, species, new double[length(cells, species)]);
    }

    /** Copies one block's values into place; throws if it leaves the grid or overlaps a block already added. */
    public void add(int[] lo, int[] size, A block) {
        checkBlock(cells, lo, size);
        int rowValues = size[0] * species;
        if (Array.getLength(block) != voxels(size) * species) {
            throw new IllegalArgumentException("block " + box(lo, size) + " has " + Array.getLength(block)
                    + " values; expected " + voxels(size) + " voxels x " + species + " species");
        }
        for (int z = 0; z < size[2]; z++) { // check every row first, so a refused block changes nothing
            for (int y = 0; y < size[1]; y++) {
                int from = rowStart(lo, y, z);
                int next = covered.nextSetBit(from);
                if (next >= 0 && next < from + size[0]) {
                    throw new IllegalArgumentException("block " + box(lo, size) + " overlaps another block at voxel "
                            + next);
                }
            }
        }
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                int from = rowStart(lo, y, z);
                covered.set(from, from + size[0]);
                System.arraycopy(block, (y + size[1] * z) * rowValues, whole, from * species, rowValues);
            }
        }
    }

    /** The values of one block cut back out of a whole grid (the inverse of {@link #add}). */
    public static int[] extract(int[] whole, int[] cells, int species, int[] lo, int[] size) {
        checkBlock(cells, lo, size);
        int[] block = new int[voxels(size) * species];
        int rowValues = size[0] * species;
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                int from = lo[0] + cells[0] * (lo[1] + y + cells[1] * (lo[2] + z));
                System.arraycopy(whole, from * species, block, (y + size[1] * z) * rowValues, rowValues);
            }
        }
        return block;
    }

    /** Global voxel of the first cell of the block's row (y, z). */
    private int rowStart(int[] lo, int y, int z) {
        return lo[0] + cells[0] * (lo[1] + y + cells[1] * (lo[2] + z));
    }

    /** The assembled grid; throws if the blocks added do not cover every voxel. */
    public A whole() {
        int missing = covered.nextClearBit(0);
        if (missing < voxels(cells)) {
            throw new IllegalStateException((voxels(cells) - covered.cardinality()) + " voxels of the "
                    + box(new int[3], cells) + " grid are in no block, the first is voxel " + missing);
        }
        return whole;
    }

    /** Voxels of a grid or block, checked to fit one Java array. */
    static int voxels(int[] size) {
        return length(size, 1);
    }

    /** Values of species-per-voxel data over a grid or block, checked to fit one Java array. */
    static int length(int[] size, int species) {
        if (size.length != 3 || species < 1) {
            throw new IllegalArgumentException("need 3 axis sizes and at least one species, got "
                    + size.length + " sizes and " + species + " species");
        }
        long n = species;
        for (int a = 0; a < 3; a++) {
            if (size[a] < 1) {
                throw new IllegalArgumentException("cells per axis must be at least 1, got " + box(new int[3], size));
            }
            n *= size[a];
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(box(new int[3], size) + " cells x " + species
                    + " species exceed one Java array");
        }
        return (int) n;
    }

    /** Checks that a block lies inside the grid. */
    static void checkBlock(int[] cells, int[] lo, int[] size) {
        voxels(size);
        if (lo.length != 3) {
            throw new IllegalArgumentException("a block's lo needs 3 indices, got " + lo.length);
        }
        for (int a = 0; a < 3; a++) {
            if (lo[a] < 0 || lo[a] + size[a] > cells[a]) {
                throw new IllegalArgumentException("block " + box(lo, size) + " leaves the "
                        + box(new int[3], cells) + " grid on axis " + a);
            }
        }
    }

    static String box(int[] lo, int[] size) {
        return "[" + lo[0] + ".." + (lo[0] + size[0]) + ")x[" + lo[1] + ".." + (lo[1] + size[1]) + ")x["
                + lo[2] + ".." + (lo[2] + size[2]) + ")";
    }
}
