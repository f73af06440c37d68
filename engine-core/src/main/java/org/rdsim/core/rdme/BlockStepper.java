package org.rdsim.core.rdme;

import java.util.Arrays;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.lattice.InitialState;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.Model;
import org.rdsim.core.rng.KeyedStreams;

/**
 * Advances one block over one macro step and says what it owes its neighbours.
 *
 * <p>A macro step is: the halos of the previous step are delivered ({@link #deliver}), then
 * {@link #advance} runs the block's engine, which leaves in the ghost slabs the molecules that
 * crossed into other blocks ({@link #outgoing}). With the Next Subvolume Method the block is
 * exact inside and hops across its faces arrive one macro step late; with the split scheme a macro
 * step is one time step, and the result does not depend on the cut at all.
 */
public final class BlockStepper {

    private final Model model;
    private final Lattice lattice;
    private final int block;
    private final int species;
    private final NextSubvolume nsm;
    private final MultinomialSplit split;

    public BlockStepper(Model model, Box box, int block) {
        this.model = model;
        this.lattice = new Lattice(model, box);
        this.block = block;
        this.species = model.speciesCount();
        Algorithm a = model.method().algorithm();
        if (a != Algorithm.NSM && a != Algorithm.SPLIT_MN) {
            throw new IllegalArgumentException("the lattice runs nsm or split-mn, not " + a.key());
        }
        nsm = a == Algorithm.NSM ? new NextSubvolume(model, lattice) : null;
        split = a == Algorithm.SPLIT_MN ? new MultinomialSplit(model, lattice) : null;
    }

    /** The block's initial counts for a replica (the same voxel draws however the grid is cut). */
    public BlockState initial(long replica) {
        int[] interior = InitialState.build(model, lattice, replica);
        int[] counts = Arrays.copyOf(interior, (lattice.voxels() + lattice.ghostVoxels()) * species);
        return new BlockState(block, replica, counts, new LatticeEvents(model.reactionCount(), species));
    }

    /** Macro step {@code step} over [t0, t1); the halos owed from before must have been delivered. */
    public void advance(BlockState st, long step, double t0, double t1) {
        check(st);
        finish(st);
        if (nsm != null) {
            nsm.advance(st.counts, st.events, t0, t1,
                    KeyedStreams.stream(model.seed(), KeyedStreams.LATTICE, st.replica, block, step, 0));
        } else {
            split.reactAndDiffuse(st.counts, st.events, st.replica, step, t1 - t0);
            st.pendingStep = step;
            st.pendingSpan = t1 - t0;
        }
    }

    /** Completes a split step (its closing half of reactions) once its halos are in. */
    public void finish(BlockState st) {
        if (st.pendingStep != BlockState.NONE) {
            split.react(st.counts, st.events, st.replica, st.pendingStep, st.pendingSpan);
            st.pendingStep = BlockState.NONE;
        }
    }

    /**
     * The counts that crossed face f into the neighbouring block during the last advance,
     * slab-major ([slab voxel][species]); null when nothing crossed or the face is not shared.
     */
    public int[] outgoing(BlockState st, int face) {
        if (!lattice.exports(face)) {
            return null;
        }
        int from = lattice.ghostStart(face) * species;
        int length = lattice.slabVoxels(face) * species;
        for (int i = from; i < from + length; i++) {
            if (st.counts[i] != 0) {
                return Arrays.copyOfRange(st.counts, from, from + length);
            }
        }
        return null;
    }

    /** Empties the ghost slabs once their contents have been taken by {@link #outgoing}. */
    public void clearGhosts(BlockState st) {
        Arrays.fill(st.counts, lattice.voxels() * species, st.counts.length, 0);
    }

    /** Adds a neighbour's halo to the interior voxels against face f (the face it arrived through). */
    public void deliver(BlockState st, int face, int[] halo) {
        int slab = lattice.slabVoxels(face);
        if (halo.length != slab * species) {
            throw new IllegalArgumentException("halo of " + halo.length + " counts for face " + face + " of block "
                    + block + ", which takes " + slab * species);
        }
        for (int t = 0; t < slab; t++) {
            int base = lattice.slabVoxel(face, t) * species;
            for (int s = 0; s < species; s++) {
                st.counts[base + s] += halo[t * species + s];
            }
        }
    }

    /** A copy of the block's interior counts, voxel-major, without the ghost slabs. */
    public int[] interior(BlockState st) {
        return Arrays.copyOf(st.counts, lattice.voxels() * species);
    }

    /**
     * Molecules per zone and species, [zone * species + s]: the compartments' totals (obstacles
     * hold none). Molecules in the ghost slabs count in the zone they are on their way to.
     */
    public long[] zoneTotals(BlockState st) {
        int zones = model.domain().zones();
        long[] totals = new long[zones * species];
        for (int v = 0; v < st.counts.length / species; v++) {
            int base = lattice.zone(v) * species;
            for (int s = 0; s < species; s++) {
                totals[base + s] += st.counts[v * species + s];
            }
        }
        return totals;
    }

    private void check(BlockState st) {
        if (st.block != block || st.counts.length != (lattice.voxels() + lattice.ghostVoxels()) * species) {
            throw new IllegalArgumentException("state of block " + st.block + " given to the stepper of block " + block);
        }
    }

    public int block() {
        return block;
    }
}
