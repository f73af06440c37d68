package org.rdsim.core.fhd;

import java.io.Serializable;
import java.util.Arrays;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.model.Model;

/**
 * The blocks an FHD grid is cut into and what they exchange: block b owns the cells [lo, hi) of
 * its position in a blocks[0] x blocks[1] x blocks[2] grid of blocks, and steps them on a
 * {@link Window} that adds {@link #ghost} cells on each cut side (wrapping on a periodic axis, as
 * often as a wide ghost zone needs; clipped at the domain's own walls). Before each step a block's
 * window is filled from the owners of its cells: {@link #transfer} names, for a receiver and an
 * owner, which window cells come from which of the owner's cells, in an order both sides compute
 * alike. Block ids run x fastest. Own cells are held species-major, x fastest within the block.
 */
public final class FhdLayout implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Cut axes of a window are padded to a multiple of this many cells. */
    private static final int PAD = 8;

    private final int[] whole = {1, 1, 1};
    private final int[] blocks;
    private final int ghost;
    private final boolean[] periodic = new boolean[3];
    private final int species;

    /** The model's grid on {@code blocks} blocks per axis, with the ghost width its scheme needs. */
    public FhdLayout(Model model, int[] blocks) {
        this(model, blocks, FhdBlocks.ghostWidth(model));
    }

    /** The same with a ghost width of one's choosing. */
    FhdLayout(Model model, int[] blocks, int ghost) {
        Domain d = model.domain();
        for (int a = 0; a < d.dimensions(); a++) {
            whole[a] = d.cells()[a];
            periodic[a] = d.boundary(a, false).kind() == FaceBoundary.Kind.PERIODIC;
        }
        if (blocks.length != 3) {
            throw new IllegalArgumentException("blocks per axis for x, y and z; got " + Arrays.toString(blocks));
        }
        for (int a = 0; a < 3; a++) {
            if (blocks[a] < 1 || blocks[a] > whole[a]) {
                throw new IllegalArgumentException("blocks per axis must be between 1 and the cells on that axis; got "
                        + Arrays.toString(blocks) + " for cells " + Arrays.toString(whole));
            }
        }
        this.blocks = blocks.clone();
        this.ghost = ghost;
        this.species = model.speciesCount();
    }

    public int blocks() {
        return blocks[0] * blocks[1] * blocks[2];
    }

    /** Blocks per axis (1 beyond the dimensions). */
    public int[] blocksPerAxis() {
        return blocks.clone();
    }

    public int ghost() {
        return ghost;
    }

    public int species() {
        return species;
    }

    /** The first cell block b owns, per axis. */
    public int[] lo(int b) {
        return edge(b, 0);
    }

    /** One past the last cell block b owns, per axis. */
    public int[] hi(int b) {
        return edge(b, 1);
    }

    /** Per axis, where block b's cells start (shift 0) or end (shift 1): the blocks split each axis as evenly as whole cells allow. */
    private int[] edge(int b, int shift) {
        int[] at = position(b);
        int[] edge = new int[3];
        for (int a = 0; a < 3; a++) {
            edge[a] = (int) ((long) (at[a] + shift) * whole[a] / blocks[a]);
        }
        return edge;
    }

    /** Cells per axis block b owns. */
    public int[] size(int b) {
        int[] lo = lo(b);
        int[] hi = hi(b);
        return new int[] {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
    }

    /** The number of cells block b owns. */
    public int ownCells(int b) {
        int[] s = size(b);
        return s[0] * s[1] * s[2];
    }

    private int[] position(int b) {
        if (b < 0 || b >= blocks()) {
            throw new IllegalArgumentException("block " + b + " of " + blocks());
        }
        return new int[] {b % blocks[0], (b / blocks[0]) % blocks[1], b / (blocks[0] * blocks[1])};
    }

    /**
     * The window block b steps on: on an axis with one block the whole axis with the domain's
     * faces; otherwise its cells extended by the ghost width on each side, wrapping on a periodic
     * axis (where both faces become cuts) and clipped at the domain's own walls.
     */
    public Window window(int b) {
        int[] lo = lo(b);
        int[] hi = hi(b);
        int[] origin = new int[3];
        int[] size = new int[3];
        boolean[] lowerCut = new boolean[3];
        boolean[] upperCut = new boolean[3];
        for (int a = 0; a < 3; a++) {
            if (blocks[a] == 1) {
                size[a] = whole[a];
                continue;
            }
            int from = periodic[a] ? lo[a] - ghost : Math.max(0, lo[a] - ghost);
            int to = periodic[a] ? hi[a] + ghost : Math.min(whole[a], hi[a] + ghost);
            // A few more ghost cells, up to a multiple of 8, let the multigrid coarsen three times
            // (it stops at the first odd size); a wider zone only adds accuracy.
            int pad = Math.floorMod(-(to - from), PAD);
            int up = periodic[a] ? pad : Math.min(pad, whole[a] - to);
            to += up;
            from -= periodic[a] ? 0 : Math.min(pad - up, from);
            origin[a] = from;
            size[a] = to - from;
            lowerCut[a] = periodic[a] || from > 0;
            upperCut[a] = periodic[a] || to < whole[a];
        }
        return new Window(whole, origin, size, lowerCut, upperCut);
    }

    /** Which window cells of a receiver come from which of an owner's cells, in the same order. */
    public record Transfer(int[] window, int[] own) implements Serializable {
    }

    /**
     * The cells of block {@code owner} that block {@code receiver}'s window holds (a block's own
     * cells included when owner = receiver; a cell twice when a wide window wraps onto it twice),
     * in window order; null when there are none.
     */
    public Transfer transfer(int receiver, int owner) {
        Window w = window(receiver);
        int[] lo = lo(owner);
        int[] ownSize = size(owner);
        int[][] windowAt = new int[3][];
        int[][] ownAt = new int[3][];
        int total = 1;
        for (int a = 0; a < 3; a++) {
            int[] wa = new int[w.size()[a]];
            int[] oa = new int[w.size()[a]];
            int n = 0;
            for (int c = 0; c < w.size()[a]; c++) {
                int g = Math.floorMod(w.origin()[a] + c, whole[a]);
                if (g >= lo[a] && g < lo[a] + ownSize[a]) {
                    wa[n] = c;
                    oa[n++] = g - lo[a];
                }
            }
            if (n == 0) {
                return null;
            }
            windowAt[a] = Arrays.copyOf(wa, n);
            ownAt[a] = Arrays.copyOf(oa, n);
            total *= n;
        }
        int[] window = new int[total];
        int[] own = new int[total];
        int k = 0;
        int[] ws = w.size();
        for (int z = 0; z < windowAt[2].length; z++) {
            for (int y = 0; y < windowAt[1].length; y++) {
                int wRow = (windowAt[2][z] * ws[1] + windowAt[1][y]) * ws[0];
                int oRow = (ownAt[2][z] * ownSize[1] + ownAt[1][y]) * ownSize[0];
                for (int x = 0; x < windowAt[0].length; x++) {
                    window[k] = wRow + windowAt[0][x];
                    own[k++] = oRow + ownAt[0][x];
                }
            }
        }
        return new Transfer(window, own);
    }

    /** Block b's own cells of a whole species-major field, species-major. */
    public double[] own(double[] field, int b) {
        double[] out = new double[species * ownCells(b)];
        copy(field, b, out, true);
        return out;
    }

    /** Writes block b's own cells (species-major) into a whole species-major field. */
    public void place(double[] own, int b, double[] field) {
        copy(field, b, own, false);
    }

    /** Copies block b's rows between the whole field and its own cells, out of the field or into it. */
    private void copy(double[] field, int b, double[] own, boolean out) {
        int cells = whole[0] * whole[1] * whole[2];
        int[] lo = lo(b);
        int[] s = size(b);
        int count = s[0] * s[1] * s[2];
        for (int sp = 0; sp < species; sp++) {
            int k = sp * count;
            for (int z = 0; z < s[2]; z++) {
                for (int y = 0; y < s[1]; y++) {
                    int row = sp * cells + ((lo[2] + z) * whole[1] + lo[1] + y) * whole[0] + lo[0];
                    if (out) {
                        System.arraycopy(field, row, own, k, s[0]);
                    } else {
                        System.arraycopy(own, k, field, row, s[0]);
                    }
                    k += s[0];
                }
            }
        }
    }
}
