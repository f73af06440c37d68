package org.rdsim.core.rdme;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Model;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * The Next Subvolume Method (Elf and Ehrenberg, Syst. Biol. 1, 230, 2004): an exact simulation of
 * the reaction-diffusion master equation. Each voxel has a total rate (its reactions, reservoir
 * inflow, and D/dx^2 per molecule per open face) and a putative next-event time; the times sit in
 * an indexed priority queue ({@link VoxelClocks}). The earliest voxel fires; one uniform draw
 * picks what happens there (a reaction, an inflow, or a hop of a species through a face, the face
 * chosen by the leftover of the same draw); only the voxels whose contents changed get new rates
 * and new times.
 *
 * <p>At the start of every {@link #advance} all voxel times are drawn afresh. The waiting times
 * are memoryless, so this is exact, and it makes the state of a block at a macro-step boundary
 * just its counts (what a halo exchange, a checkpoint or a restart needs). Hops into a ghost
 * voxel (a face shared with another block) only accumulate there: the ghost voxels have no clock,
 * and their molecules are delivered by the caller at the end of the macro step.
 */
public final class NextSubvolume {

    /** Voxels per page of the clock queue: measured best of 4-64 on a 32^3 lattice. */
    private static final int PAGE = 16;

    private final Lattice lattice;
    private final ReactionNetwork net;
    private final int species;
    private final int reactions;
    private final int voxels;
    private final double[] hop;
    private final double[] rate;
    private final VoxelClocks queue;

    // The counts and event tallies of the advance in progress.
    private int[] n;
    private long[] firings;
    private long[] hops;
    private long[] outflow;
    private long[] inflow;

    /** An engine over one block of the model's lattice. */
    public NextSubvolume(Model model, Lattice lattice) {
        this.lattice = lattice;
        this.net = new ReactionNetwork(model);
        this.species = model.speciesCount();
        this.reactions = model.reactionCount();
        this.voxels = lattice.voxels();
        this.hop = new double[species];
        for (int s = 0; s < species; s++) {
            hop[s] = lattice.hop(s);
        }
        rate = new double[voxels];
        queue = new VoxelClocks(voxels, PAGE);
    }

    /**
     * Simulates every event with a time in [t0, t1) on the counts, voxel-major
     * (n[v * species + s]) with the ghost voxels after the interior, tallying into events.
     */
    public void advance(int[] state, LatticeEvents events, double t0, double t1, UniformRandomProvider rng) {
        if (state.length != (voxels + lattice.ghostVoxels()) * species) {
            throw new IllegalArgumentException("counts for " + state.length + " values, block has "
                    + (voxels + lattice.ghostVoxels()) * species);
        }
        n = state;
        firings = events.firings;
        hops = events.hops;
        outflow = events.outflow;
        inflow = events.inflow;
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
        final int[] counts = n;
        final int s = species;
        final int m = reactions;
        final ReactionNetwork network = net;
        final Lattice lat = lattice;
        for (int v = 0; v < voxels; v++) {
            double total = refresh(v);
            queue.set(v, total > 0 ? t0 + exponential.sample() / total : Double.POSITIVE_INFINITY);
        }
        queue.rebuild();
        while (true) {
            double t = queue.minTime();
            if (!(t < t1)) {
                return;
            }
            int v = queue.minVoxel();
            int base = v * s;
            double u = rng.nextDouble() * rate[v];
            // Reactions first: their propensities are recomputed here (a few products) rather than
            // stored, which keeps the per-voxel working set small.
            int j = -1;
            double react = 0;
            for (int i = 0; i < m; i++) {
                double ai = network.propensity(i, counts, base);
                if (ai > 0) {
                    react += ai;
                    if (u < react) {
                        j = i;
                        break;
                    }
                }
            }
            if (j >= 0) {
                network.fire(j, counts, base);
                firings[j]++;
                schedule(v, t, exponential);
                continue;
            }
            u -= react;
            double in = lat.inflow(v);
            if (u < in) {
                int sp = lat.inflowSpecies(v, u);
                counts[base + sp]++;
                inflow[sp]++;
                schedule(v, t, exponential);
                continue;
            }
            u -= in;
            int open = lat.open(v);
            int sp = -1;
            double perFace = 0;
            for (int i = 0; i < s; i++) {
                double w = counts[base + i] * hop[i];
                if (w > 0) {
                    sp = i;
                    perFace = w;
                    if (u < w * open) {
                        break;
                    }
                    u -= w * open;
                }
            }
            if (sp < 0) {
                // u rounded past the voxel's total (reactions + inflow, nothing mobile): the
                // event is the last category with a positive rate.
                if (in > 0) {
                    int spIn = lat.inflowSpecies(v, in);
                    counts[base + spIn]++;
                    inflow[spIn]++;
                } else {
                    int last = lastPositiveReaction(base);
                    network.fire(last, counts, base);
                    firings[last]++;
                }
                schedule(v, t, exponential);
                continue;
            }
            int k = Math.min(open - 1, Math.max(0, (int) (u / perFace)));
            int dest = lat.destination(v, k);
            counts[base + sp]--;
            hops[sp]++;
            if (dest >= 0) {
                counts[dest * s + sp]++;
                if (dest < voxels) {
                    schedule(dest, t, exponential);
                }
            } else {
                outflow[sp]++;
            }
            schedule(v, t, exponential);
        }
    }

    private int lastPositiveReaction(int base) {
        int last = -1;
        for (int j = 0; j < reactions; j++) {
            if (net.propensity(j, n, base) > 0) {
                last = j;
            }
        }
        return last;
    }

    /** Recomputes voxel v's total rate. */
    private double refresh(int v) {
        int base = v * species;
        double r = 0;
        for (int j = 0; j < reactions; j++) {
            r += net.propensity(j, n, base);
        }
        double d = 0;
        for (int s = 0; s < species; s++) {
            d += n[base + s] * hop[s];
        }
        double total = r + lattice.inflow(v) + d * lattice.open(v);
        rate[v] = total;
        return total;
    }

    private void schedule(int v, double t, ZigguratSampler.Exponential exponential) {
        double total = refresh(v);
        queue.update(v, total > 0 ? t + exponential.sample() / total : Double.POSITIVE_INFINITY);
    }
}
