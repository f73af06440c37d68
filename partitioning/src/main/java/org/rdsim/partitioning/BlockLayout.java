package org.rdsim.partitioning;

import java.io.Serializable;
import java.util.Arrays;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.model.Model;

/**
 * The global grid cut into blocks of a chosen size, and who borders whom.
 *
 * <p>Blocks are numbered x fastest. Along each axis the cuts fall at multiples of the block side;
 * the last block takes what remains. A block's face f (2 axis + 0 for the lower, 1 for the upper
 * side) borders the neighbouring block along that axis, across a periodic wrap too when the axis
 * has more than one block; what crosses it arrives through the neighbour's opposite face f ^ 1.
 * A face on the domain boundary with no block beyond it (a wall, or a periodic axis one block
 * spans, which the block wraps by itself) has no neighbour.
 */
public final class BlockLayout implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Default block side in voxels. A grid of at most DEFAULT_SIDE^3 voxels is one block: it runs
     * fastest in one JVM, and cutting it would cost a Spark stage per macro step (about 35-80 ms
     * in local mode, docs/PERFORMANCE.md) for little work per block. A larger grid is cut into
     * blocks of this side.
     */
    public static final int DEFAULT_SIDE = 64;

    private final int dimensions;
    private final int[] cells;
    private final int[] side;
    private final int[] count;
    private final boolean[] periodic;

    /** Blocks of {@code block} voxels per axis (one entry per domain axis), or the default when null. */
    public BlockLayout(Domain domain, int[] block) {
        dimensions = domain.dimensions();
        cells = Box.cells(domain);
        side = new int[] {1, 1, 1};
        count = new int[] {1, 1, 1};
        periodic = new boolean[3];
        if (block != null && block.length != dimensions) {
            throw new IllegalArgumentException("block " + Arrays.toString(block) + " for a " + dimensions + "-D domain");
        }
        boolean whole = block == null && domain.voxels() <= (long) DEFAULT_SIDE * DEFAULT_SIDE * DEFAULT_SIDE;
        for (int a = 0; a < dimensions; a++) {
            int b = whole ? cells[a] : block == null ? DEFAULT_SIDE : block[a];
            if (b < 1) {
                throw new IllegalArgumentException("block side " + b + " on axis " + a);
            }
            side[a] = Math.min(b, cells[a]);
            count[a] = (cells[a] + side[a] - 1) / side[a];
            periodic[a] = domain.boundary(a, false).kind() == FaceBoundary.Kind.PERIODIC;
        }
    }

    /** The layout a model asks for in {@code method.block}, or the default. */
    public static BlockLayout of(Model model) {
        return new BlockLayout(model.domain(), model.method().block());
    }

    public int blocks() {
        return count[0] * count[1] * count[2];
    }

    /** Blocks per axis, three entries (1 on an inactive axis). */
    public int[] blocksPerAxis() {
        return count.clone();
    }

    /** The block side per domain axis (the last block on an axis may be shorter). */
    public int[] blockSize() {
        return Arrays.copyOf(side, dimensions);
    }

    /** The cells of block b. */
    public Box box(int b) {
        int[] index = index(b);
        int[] lo = new int[3];
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = index[a] * side[a];
            size[a] = Math.min(side[a], cells[a] - lo[a]);
        }
        return new Box(lo, size);
    }

    /** The block beyond face f of block b, or -1 when the face has no neighbouring block. */
    public int neighbour(int b, int face) {
        int axis = face >> 1;
        if (axis >= dimensions || count[axis] == 1) {
            return -1;
        }
        int[] index = index(b);
        int i = index[axis] + ((face & 1) == 0 ? -1 : 1);
        if (i < 0 || i == count[axis]) {
            if (!periodic[axis]) {
                return -1;
            }
            i = (i + count[axis]) % count[axis];
        }
        index[axis] = i;
        return index[0] + count[0] * (index[1] + count[1] * index[2]);
    }

    /**
     * Block faces shared with another block, per voxel of the grid: a voxel touching k such
     * faces counts k. A molecule hops across them at this many times D/dx^2 on average.
     */
    public double sharedFacesPerVoxel() {
        long faces = 0;
        long voxels = 0;
        for (int b = 0; b < blocks(); b++) {
            Box box = box(b);
            voxels += box.voxels();
            for (int f = 0; f < faces(); f++) {
                if (neighbour(b, f) >= 0) {
                    faces += box.voxels() / box.size()[f >> 1];
                }
            }
        }
        return (double) faces / voxels;
    }

    /** The face through which what leaves through face f arrives in the neighbour. */
    public static int arrivalFace(int face) {
        return face ^ 1;
    }

    public int faces() {
        return 2 * dimensions;
    }

    private int[] index(int b) {
        if (b < 0 || b >= blocks()) {
            throw new IllegalArgumentException("no block " + b + " in a layout of " + blocks());
        }
        return new int[] {b % count[0], (b / count[0]) % count[1], b / (count[0] * count[1])};
    }

    /** E.g. "8 blocks (2 x 2 x 2) of 16 x 16 x 16". */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(blocks()).append(blocks() == 1 ? " block (" : " blocks (");
        for (int a = 0; a < dimensions; a++) {
            sb.append(a > 0 ? " x " : "").append(count[a]);
        }
        sb.append(") of ");
        for (int a = 0; a < dimensions; a++) {
            sb.append(a > 0 ? " x " : "").append(side[a]);
        }
        return sb.toString();
    }
}
