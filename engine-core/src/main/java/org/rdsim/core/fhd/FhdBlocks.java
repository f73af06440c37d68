package org.rdsim.core.fhd;

import java.util.Arrays;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.model.Model;

/**
 * An FHD scheme on a grid cut into blocks (ARCHITECTURE.md, "Implicit FHD solves"): each block
 * steps its own cells extended by a ghost zone, filled from the whole field before the step (the
 * halo exchange, one per step), and keeps only its own cells afterwards.
 *
 * <p>Ghost widths: the explicit schemes are local stencils, so the ghost zone needs only their
 * reach, one cell per stage (EM 1, ExMid 2), and the blocks reproduce the single box exactly
 * because every cell draws from its own keyed streams. The implicit schemes solve
 * (I - (dt/2) D Lap) x = b per stage, whose Green's function decays by e^{-mu} per cell with
 * cosh mu = 1 + 1 / (2 c), c = D dt / (2 dx^2) (the slowest decay, along one axis, for the largest
 * D): the screening length 1/mu ~ sqrt(D dt / 2) / dx. A block solves on itself plus
 * {@link #ghostWidth} cells, enough that the wrong (reflecting) condition at the cut reaches its
 * own cells damped by {@link #DAMPING}, far below the solver tolerance, plus the stencils' reach.
 */
public final class FhdBlocks implements FhdScheme {

    /** How much the implicit solves' error from a cut may reach the block's own cells, relative. */
    public static final double DAMPING = 1e-13;

    private final int species;
    private final int cells;
    private final int ghost;
    private final FhdScheme[] schemes;
    private final double[][] local;
    private final int[][] keys;       // per block: the global index of each window cell
    private final int[][] own;        // per block: the window indices of the block's own cells
    private final double[] next;

    /** The model's scheme for replica r on {@code blocks} blocks per axis (1 beyond the dimensions). */
    public FhdBlocks(Model model, long replica, int[] blocks) {
        this(model, replica, blocks, ghostWidth(model));
    }

    /** The same with a ghost width of one's choosing (tests show what too narrow a zone does). */
    FhdBlocks(Model model, long replica, int[] blocks, int ghost) {
        Domain d = model.domain();
        int[] whole = {1, 1, 1};
        for (int a = 0; a < d.dimensions(); a++) {
            whole[a] = d.cells()[a];
        }
        for (int a = 0; a < 3; a++) {
            if (blocks[a] < 1 || blocks[a] > whole[a]) {
                throw new IllegalArgumentException("blocks per axis must be between 1 and the cells on that axis; got "
                        + Arrays.toString(blocks) + " for cells " + Arrays.toString(whole));
            }
        }
        this.species = model.speciesCount();
        this.cells = Math.toIntExact(d.voxels());
        this.ghost = ghost;
        int count = blocks[0] * blocks[1] * blocks[2];
        schemes = new FhdScheme[count];
        local = new double[count][];
        keys = new int[count][];
        own = new int[count][];
        next = new double[species * cells];
        int b = 0;
        for (int bz = 0; bz < blocks[2]; bz++) {
            for (int by = 0; by < blocks[1]; by++) {
                for (int bx = 0; bx < blocks[0]; bx++) {
                    int[] at = {bx, by, bz};
                    int[] lo = new int[3];
                    int[] hi = new int[3];
                    for (int a = 0; a < 3; a++) {
                        lo[a] = (int) ((long) at[a] * whole[a] / blocks[a]);
                        hi[a] = (int) ((long) (at[a] + 1) * whole[a] / blocks[a]);
                    }
                    Window w = window(d, whole, blocks, lo, hi, ghost);
                    schemes[b] = FhdRunner.scheme(model, replica, w);
                    keys[b] = w.keys();
                    own[b] = ownCells(w, lo, hi);
                    local[b] = new double[species * w.cells()];
                    b++;
                }
            }
        }
    }

    /**
     * The ghost zone a block needs around its own cells for the model's scheme: the stencil reach
     * per stage for the explicit schemes; for the implicit ones the cells over which the solve's
     * Green's function falls by {@link #DAMPING}, plus the reach of the two stages' stencils.
     */
    public static int ghostWidth(Model model) {
        Algorithm a = model.method().algorithm();
        return switch (a) {
            case EM_TAU, EM_SSA -> 1;
            case EXMID_TAU, EXMID_SSA -> 2;
            case IMMID_TAU, IMMID_SSA -> 2 + screeningCells(model);
            default -> throw new IllegalArgumentException(a.key() + " is not an FHD scheme");
        };
    }

    /** ceil(ln(1/DAMPING) / mu) for the largest D: the ghost cells the implicit solves need. */
    static int screeningCells(Model model) {
        double dMax = 0;
        for (int s = 0; s < model.speciesCount(); s++) {
            dMax = Math.max(dMax, model.species().get(s).diffusion());
        }
        double dx = model.domain().dx();
        double c = dMax * model.method().dt() / (2 * dx * dx);
        if (c == 0) {
            return 0;
        }
        double mu = acosh(1 + 1 / (2 * c));
        return (int) Math.ceil(Math.log(1 / DAMPING) / mu);
    }

    private static double acosh(double x) {
        return Math.log(x + Math.sqrt(x * x - 1));
    }

    /** The ghost width in use. */
    public int ghost() {
        return ghost;
    }

    /** The number of blocks. */
    public int blocks() {
        return schemes.length;
    }

    @Override
    public void step(double[] n, long step) {
        // The exchange: every window reads the field as it was before the step.
        for (int b = 0; b < schemes.length; b++) {
            double[] l = local[b];
            int[] k = keys[b];
            int lc = k.length;
            for (int s = 0; s < species; s++) {
                int gBase = s * cells;
                int lBase = s * lc;
                for (int i = 0; i < lc; i++) {
                    l[lBase + i] = n[gBase + k[i]];
                }
            }
            schemes[b].step(l, step);
            int[] o = own[b];
            for (int s = 0; s < species; s++) {
                int gBase = s * cells;
                int lBase = s * lc;
                for (int i : o) {
                    next[gBase + k[i]] = l[lBase + i];
                }
            }
        }
        System.arraycopy(next, 0, n, 0, n.length);
    }

    /**
     * Nanoseconds per phase summed over the blocks (see {@link ImplicitMidpoint#phaseNanos}),
     * or null for the explicit schemes, which do not time their phases.
     */
    public long[] phaseNanos() {
        long[] sum = null;
        for (FhdScheme s : schemes) {
            if (s instanceof ImplicitMidpoint im) {
                long[] p = im.phaseNanos();
                if (sum == null) {
                    sum = new long[p.length];
                }
                for (int q = 0; q < p.length; q++) {
                    sum[q] += p[q];
                }
            }
        }
        return sum;
    }

    /**
     * The window of the block [lo, hi): on an axis with one block the whole axis with the domain's
     * faces; otherwise extended by the ghost width on each side, wrapping on a periodic axis
     * (where both faces become cuts) and clipped at the domain's own walls.
     */
    static Window window(Domain d, int[] whole, int[] blocks, int[] lo, int[] hi, int ghost) {
        int[] origin = new int[3];
        int[] size = new int[3];
        boolean[] lowerCut = new boolean[3];
        boolean[] upperCut = new boolean[3];
        for (int a = 0; a < 3; a++) {
            if (blocks[a] == 1) {
                size[a] = whole[a];
                continue;
            }
            boolean periodic = d.boundary(a, false).kind() == FaceBoundary.Kind.PERIODIC;
            int from = periodic ? lo[a] - ghost : Math.max(0, lo[a] - ghost);
            int to = periodic ? hi[a] + ghost : Math.min(whole[a], hi[a] + ghost);
            origin[a] = from;
            size[a] = to - from;
            lowerCut[a] = periodic || from > 0;
            upperCut[a] = periodic || to < whole[a];
        }
        return new Window(whole, origin, size, lowerCut, upperCut);
    }

    /** The window indices of the block's own cells [lo, hi). */
    private static int[] ownCells(Window w, int[] lo, int[] hi) {
        int[] o = new int[(hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2])];
        int k = 0;
        int[] size = w.size();
        int[] origin = w.origin();
        for (int z = lo[2]; z < hi[2]; z++) {
            for (int y = lo[1]; y < hi[1]; y++) {
                for (int x = lo[0]; x < hi[0]; x++) {
                    o[k++] = ((z - origin[2]) * size[1] + (y - origin[1])) * size[0] + (x - origin[0]);
                }
            }
        }
        return o;
    }
}
