package org.rdsim.core.fhd;

import org.hipparchus.util.FastMath;
import org.rdsim.core.model.Algorithm;
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

    /**
     * How much of the implicit solves' error at a cut may reach the block's own cells, relative:
     * a hundredth of the solves' tolerance ({@link ImplicitMidpoint#TOLERANCE}), so that ten steps
     * of two solves each stay below it. FhdBlocksTest with -Drdsim.report=true prints the
     * differences after 10 steps (4.8e-11 of the largest density on the 1-D ring at dt = 4, about
     * 1e-11 for the 3-D front, where the solves' own tolerance dominates); with 1e-10 here the ring
     * gave 2.3e-10 (a record: measured by editing this constant).
     */
    public static final double DAMPING = ImplicitMidpoint.TOLERANCE / 100;

    private final FhdLayout layout;
    private final FhdBlock[] blocks;
    private final double[][] own;

    /** The model's scheme for replica r on {@code blocks} blocks per axis (1 beyond the dimensions). */
    public FhdBlocks(Model model, long replica, int[] blocks) {
        this(model, replica, new FhdLayout(model, blocks));
    }

    /** The same on a layout (tests choose one whose ghost zone is too narrow, to show what it does). */
    public FhdBlocks(Model model, long replica, FhdLayout layout) {
        this.layout = layout;
        this.blocks = new FhdBlock[layout.blocks()];
        this.own = new double[layout.blocks()][];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = new FhdBlock(model, replica, layout, b);
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
        double mu = FastMath.acosh(1 + 1 / (2 * c));
        // Saturated: a zone this wide (mu underflows for a huge D dt / dx^2) is refused by whoever cuts the grid.
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(Math.log(1 / DAMPING) / mu));
    }

    public FhdLayout layout() {
        return layout;
    }

    /** One step: every block's window filled from the field as it was (the exchange), stepped, and its own cells kept. */
    @Override
    public void step(double[] n, long step) {
        for (int b = 0; b < blocks.length; b++) {
            own[b] = layout.own(n, b);
        }
        for (FhdBlock block : blocks) {
            int[] destinations = block.destinations();
            for (int k = 0; k < destinations.length; k++) {
                blocks[destinations[k]].receive(block.block(), block.outgoing(own[block.block()], k));
            }
        }
        for (FhdBlock block : blocks) {
            layout.place(block.step(step), block.block(), n);
        }
    }

    /** Nanoseconds per phase summed over the blocks (see {@link ImplicitMidpoint#phaseNanos}), or null. */
    public long[] phaseNanos() {
        long[] sum = null;
        for (FhdBlock b : blocks) {
            long[] p = b.phaseNanos();
            if (p != null) {
                sum = sum == null ? new long[p.length] : sum;
                for (int q = 0; q < p.length; q++) {
                    sum[q] += p[q];
                }
            }
        }
        return sum;
    }
}
