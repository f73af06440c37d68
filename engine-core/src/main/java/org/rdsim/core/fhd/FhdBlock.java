package org.rdsim.core.fhd;

import java.util.ArrayList;
import java.util.List;
import org.rdsim.core.model.Model;

/**
 * One block of an FHD run cut by an {@link FhdLayout}: its window field and the scheme that steps
 * it. A step is: {@link #receive} the cells of every source block (its own included), which fills
 * the whole window; {@link #step}; keep the returned own cells. What a block sends is
 * {@link #outgoing}. The window is refilled completely before each step, so nothing a cut face
 * spoils survives it.
 */
public final class FhdBlock {

    private final int block;
    private final int species;
    private final int windowCells;
    private final int ownCells;
    private final FhdScheme scheme;
    private final double[] window;
    private final int[] sources;
    private final FhdLayout.Transfer[] from;       // per source, as in sources
    private final int[] destinations;
    private final FhdLayout.Transfer[] to;         // per destination
    private final int[] interior;                  // the window index of each own cell

    /** Block b of the layout for replica r of the model. */
    public FhdBlock(Model model, long replica, FhdLayout layout, int b) {
        this.block = b;
        this.species = layout.species();
        Window w = layout.window(b);
        this.windowCells = w.cells();
        this.ownCells = layout.ownCells(b);
        this.scheme = FhdRunner.scheme(model, replica, w, 1);
        this.window = new double[species * windowCells];
        // Each transfer once: the blocks with none are neither sources nor destinations.
        List<Integer> in = new ArrayList<>();
        List<FhdLayout.Transfer> inCells = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        List<FhdLayout.Transfer> outCells = new ArrayList<>();
        for (int o = 0; o < layout.blocks(); o++) {
            FhdLayout.Transfer t = layout.transfer(b, o);
            if (t != null) {
                in.add(o);
                inCells.add(t);
            }
            t = layout.transfer(o, b);
            if (t != null) {
                out.add(o);
                outCells.add(t);
            }
        }
        this.sources = in.stream().mapToInt(Integer::intValue).toArray();
        this.from = inCells.toArray(new FhdLayout.Transfer[0]);
        this.destinations = out.stream().mapToInt(Integer::intValue).toArray();
        this.to = outCells.toArray(new FhdLayout.Transfer[0]);
        int[] lo = layout.lo(b);
        int[] size = layout.size(b);
        int[] origin = w.origin();
        int[] ws = w.size();
        interior = new int[ownCells];
        int k = 0;
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    interior[k++] = ((lo[2] + z - origin[2]) * ws[1] + lo[1] + y - origin[1]) * ws[0]
                            + lo[0] + x - origin[0];
                }
            }
        }
    }

    public int block() {
        return block;
    }

    /** The blocks this block receives from before a step, itself included. */
    public int[] sources() {
        return sources.clone();
    }

    /** The blocks this block sends to before a step, itself included. */
    public int[] destinations() {
        return destinations.clone();
    }

    /** What this block sends destination {@code destinations()[k]}: its cells, species-major, in transfer order. */
    public double[] outgoing(double[] own, int k) {
        int[] cells = to[k].own();
        double[] out = new double[species * cells.length];
        for (int s = 0; s < species; s++) {
            int src = s * ownCells;
            int dst = s * cells.length;
            for (int j = 0; j < cells.length; j++) {
                out[dst + j] = own[src + cells[j]];
            }
        }
        return out;
    }

    /** Takes in what block {@code owner} sent (its {@link #outgoing} for this block). */
    public void receive(int owner, double[] values) {
        int k = indexOf(sources, owner);
        int[] cells = from[k].window();
        if (values.length != species * cells.length) {
            throw new IllegalArgumentException("block " + block + " expects " + species * cells.length
                    + " values from block " + owner + ", got " + values.length);
        }
        for (int s = 0; s < species; s++) {
            int dst = s * windowCells;
            int src = s * cells.length;
            for (int j = 0; j < cells.length; j++) {
                window[dst + cells[j]] = values[src + j];
            }
        }
    }

    /** Steps the filled window by step number {@code step}; returns the new own cells, species-major. */
    public double[] step(long step) {
        scheme.step(window, step);
        double[] own = new double[species * ownCells];
        for (int s = 0; s < species; s++) {
            int src = s * windowCells;
            int dst = s * ownCells;
            for (int j = 0; j < ownCells; j++) {
                own[dst + j] = window[src + interior[j]];
            }
        }
        return own;
    }

    /** The scheme's phase times so far ({@link ImplicitMidpoint#phaseNanos}), null for explicit schemes. */
    public long[] phaseNanos() {
        return scheme instanceof ImplicitMidpoint im ? im.phaseNanos() : null;
    }

    private static int indexOf(int[] ids, int id) {
        for (int k = 0; k < ids.length; k++) {
            if (ids[k] == id) {
                return k;
            }
        }
        throw new IllegalArgumentException("block " + id + " sends nothing here");
    }
}
