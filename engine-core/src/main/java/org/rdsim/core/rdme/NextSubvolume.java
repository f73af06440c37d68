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
 * a calendar queue ({@link VoxelClocks}). The earliest voxel fires; one uniform draw
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

    /**
     * Events between checks of the total rate against the clock queue's bucket width: a check
     * sums every voxel's rate, so it comes once per several events per voxel.
     */
    public static int tuneInterval(int voxels) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(8192L, 8L * voxels));
    }


    private final Lattice lattice;
    private final ReactionNetwork net;
    private final int species;
    private final int reactions;
    private final int voxels;
    private final double[] hop;
    private final double[] rate;
    private final double[] reactTotal;
    private final VoxelClocks queue;
    private final ZoneReactions zones;
    private final boolean uniform;
    private final NsmKernel kernel;
    private final double[] constants;

    // The counts and event tallies of the advance in progress.
    private int[] n;
    private long[] firings;
    private long[] hops;
    private long[] crossBlock;
    private long[] outflow;
    private long[] inflow;

    /** An engine over one block of the model's lattice. */
    public NextSubvolume(Model model, Lattice lattice) {
        this(model, lattice, true);
    }

    /** With compile false, always the table-driven loop (the reference the generated kernel is tested against). */
    NextSubvolume(Model model, Lattice lattice, boolean compile) {
        this.lattice = lattice;
        this.net = new ReactionNetwork(model);
        this.species = model.speciesCount();
        this.reactions = model.reactionCount();
        this.voxels = lattice.voxels();
        this.hop = new double[species];
        for (int s = 0; s < species; s++) {
            hop[s] = lattice.hop(s);
        }
        queue = new VoxelClocks(voxels);
        zones = new ZoneReactions(model);
        uniform = lattice.uniformRates();
        constants = new double[reactions];
        for (int j = 0; j < reactions; j++) {
            constants[j] = net.constant(j);
        }
        kernel = compile && uniform && !zones.restricted && NsmKernelGenerator.supports(net)
                ? NsmKernelGenerator.kernel(net, NsmKernelGenerator.Shape.of(lattice)) : null;
        // The table-driven loop keeps each voxel's rates; the generated one recomputes them.
        rate = kernel == null ? new double[voxels] : null;
        reactTotal = kernel == null ? new double[voxels] : null;
    }

    /** True when a generated kernel runs the events (the network is small, rates and reactions the same everywhere). */
    boolean compiled() {
        return kernel != null;
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
        crossBlock = events.crossBlock;
        outflow = events.outflow;
        inflow = events.inflow;
        if (kernel != null) {
            kernel.advance(state, voxels, lattice, queue, constants, hop, firings, hops, crossBlock, outflow, inflow,
                    t0, t1, rng);
            return;
        }
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
        final int[] counts = n;
        final int s = species;
        final int m = reactions;
        final ReactionNetwork network = net;
        final Lattice lat = lattice;
        double sum = 0;
        for (int v = 0; v < voxels; v++) {
            double total = refresh(v);
            sum += total;
            queue.set(v, total > 0 ? t0 + exponential.sample() / total : Double.POSITIVE_INFINITY);
        }
        queue.start(t0, t1, sum);
        int untilTune = tuneInterval(voxels);
        while (true) {
            int v = queue.minVoxel();
            if (v < 0) {
                return;
            }
            double t = queue.time(v);
            if (--untilTune == 0) {
                // The queue's buckets are sized for a total rate; it re-sizes them when that drifts.
                untilTune = tuneInterval(voxels);
                queue.observe(t, totalRate());
            }
            int base = v * s;
            double u = rng.nextDouble() * rate[v];
            // Reactions first, then inflow, then hops. Most events are hops: the voxel's reaction
            // total, kept from its last refresh, tells them apart without any propensity.
            double react = reactTotal[v];
            if (u < react) {
                int j = -1;
                double partial = 0;
                int zone = zones.restricted ? lat.zone(v) : 0;
                for (int i = 0; i < m; i++) {
                    if (zones.restricted && !zones.allowed(zone, i)) {
                        continue;
                    }
                    double ai = network.propensity(i, counts, base);
                    if (ai > 0) {
                        j = i;
                        partial += ai;
                        if (u < partial) {
                            break;
                        }
                    }
                }
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
                double one = counts[base + i] * hop[i];
                double w = uniform ? one * open : counts[base + i] * lat.hopRate(v, i);
                if (w > 0) {
                    sp = i;
                    perFace = one;
                    if (u < w) {
                        break;
                    }
                    u -= w;
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
            int k = uniform ? Math.min(open - 1, Math.max(0, (int) (u / perFace))) : face(v, sp, counts[base + sp], u);
            int dest = lat.destination(v, k);
            counts[base + sp]--;
            hops[sp]++;
            if (dest >= 0) {
                counts[dest * s + sp]++;
                if (dest < voxels) {
                    schedule(dest, t, exponential);
                } else {
                    crossBlock[sp]++;
                }
            } else {
                outflow[sp]++;
            }
            schedule(v, t, exponential);
        }
    }

    /** The open face through which a molecule of species sp leaves voxel v, picked by u in [0, count x hopRate). */
    private int face(int v, int sp, int count, double u) {
        int open = lattice.open(v);
        for (int k = 0; k < open - 1; k++) {
            u -= count * lattice.faceRate(v, k, sp);
            if (u < 0) {
                return k;
            }
        }
        return open - 1;
    }

    private int lastPositiveReaction(int base) {
        int last = -1;
        int zone = lattice.zone(base / species);
        for (int j = 0; j < reactions; j++) {
            if (zones.allowed(zone, j) && net.propensity(j, n, base) > 0) {
                last = j;
            }
        }
        return last;
    }

    private double totalRate() {
        double sum = 0;
        for (int v = 0; v < voxels; v++) {
            sum += rate[v];
        }
        return sum;
    }

    /** Recomputes voxel v's total rate. */
    private double refresh(int v) {
        int base = v * species;
        double r = 0;
        if (zones.restricted) {
            int zone = lattice.zone(v);
            for (int j = 0; j < reactions; j++) {
                if (zones.allowed(zone, j)) {
                    r += net.propensity(j, n, base);
                }
            }
        } else {
            for (int j = 0; j < reactions; j++) {
                r += net.propensity(j, n, base);
            }
        }
        double d = 0;
        if (uniform) {
            for (int s = 0; s < species; s++) {
                d += n[base + s] * hop[s];
            }
            d *= lattice.open(v);
        } else {
            for (int s = 0; s < species; s++) {
                d += n[base + s] * lattice.hopRate(v, s);
            }
        }
        double total = r + lattice.inflow(v) + d;
        reactTotal[v] = r;
        rate[v] = total;
        return total;
    }

    private void schedule(int v, double t, ZigguratSampler.Exponential exponential) {
        double total = refresh(v);
        queue.update(v, total > 0 ? t + exponential.sample() / total : Double.POSITIVE_INFINITY);
    }
}
