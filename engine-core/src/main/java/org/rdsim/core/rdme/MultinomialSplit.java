package org.rdsim.core.rdme;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Model;
import org.rdsim.core.rng.BinomialDeviate;
import org.rdsim.core.rng.KeyedStreams;
import org.rdsim.core.rng.PoissonDeviate;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * The multinomial split scheme SSA/2 + MN + SSA/2 (fhd-schemes.md section 5): exact reactions in
 * each voxel for half a step, multinomial diffusion for a whole step, reactions for another half.
 * Counts stay whole and non-negative, and the Poisson equilibrium of pure diffusion is kept
 * exactly for any allowed step: 2 d D dt / dx^2 &lt;= 1, which the model loader enforces.
 *
 * <p>Every voxel draws from its own stream keyed by (seed, replica, global voxel, step, stage),
 * and a molecule leaving a block lands in the block's ghost slab: so a decomposed run makes the
 * same draws as a single-block run and its fields are bit-identical.
 */
public final class MultinomialSplit {

    private final Lattice lattice;
    private final ReactionNetwork net;
    private final long seed;
    private final int species;
    private final int reactions;
    private final int voxels;
    private final KeyedStreams.Generator rng = new KeyedStreams.Generator();
    private final ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
    private final PoissonDeviate poisson = new PoissonDeviate(rng);
    private final int[] next;
    private final ZoneReactions zones;

    public MultinomialSplit(Model model, Lattice lattice) {
        this.lattice = lattice;
        this.net = new ReactionNetwork(model);
        this.seed = model.seed();
        this.species = model.speciesCount();
        this.reactions = model.reactionCount();
        this.voxels = lattice.voxels();
        next = new int[(voxels + lattice.ghostVoxels()) * species];
        zones = new ZoneReactions(model);
    }

    /**
     * The first half of step {@code step}: reactions for h/2, then multinomial diffusion for h,
     * voxel by voxel. Molecules leaving the block collect in the ghost slabs of n; what the ghost
     * slabs held before is replaced, so the caller delivers and clears them first
     * (BlockStepper.clearGhosts).
     */
    public void reactAndDiffuse(int[] n, LatticeEvents events, long replica, long step, double h) {
        java.util.Arrays.fill(next, 0);
        rng.fix(seed, KeyedStreams.SPLIT_VOXEL, replica, step, 0);
        for (int v = 0; v < voxels; v++) {
            rng.rekey(lattice.globalVoxel(v));
            react(n, v, h / 2, events);
            diffuse(n, v, h, events);
        }
        System.arraycopy(next, 0, n, 0, next.length);
    }

    /** The second half of step {@code step}: reactions for h/2, after the halos are delivered. */
    public void react(int[] n, LatticeEvents events, long replica, long step, double h) {
        rng.fix(seed, KeyedStreams.SPLIT_VOXEL, replica, step, 1);
        for (int v = 0; v < voxels; v++) {
            rng.rekey(lattice.globalVoxel(v));
            react(n, v, h / 2, events);
        }
    }

    /** Exact SSA (direct method) in voxel v over a time span, with the reactions of its zone. */
    private void react(int[] n, int v, double span, LatticeEvents events) {
        if (reactions == 0) {
            return;
        }
        int base = v * species;
        int zone = lattice.zone(v);
        double t = 0;
        while (true) {
            double a0 = 0;
            for (int j = 0; j < reactions; j++) {
                a0 += propensity(j, n, base, zone);
            }
            if (!(a0 > 0)) {
                return;
            }
            t += exponential.sample() / a0;
            if (t >= span) {
                return;
            }
            double u = rng.nextDouble() * a0;
            int j = 0;
            double sum = propensity(0, n, base, zone);
            while (u >= sum && j < reactions - 1) {
                j++;
                sum += propensity(j, n, base, zone);
            }
            // u can round past a0: take the last reaction that can fire
            while (propensity(j, n, base, zone) <= 0) {
                j--;
            }
            net.fire(j, n, base);
            events.firings[j]++;
        }
    }

    private double propensity(int j, int[] n, int base, int zone) {
        return zones.allowed(zone, j) ? net.propensity(j, n, base) : 0;
    }

    /**
     * Sends voxel v's molecules through its open faces: for each species the outflows through
     * the faces and the stay count are multinomial, drawn as conditional binomials. Reservoir
     * faces add Poisson inflows.
     */
    private void diffuse(int[] n, int v, double h, LatticeEvents events) {
        int base = v * species;
        int open = lattice.open(v);
        for (int s = 0; s < species; s++) {
            long left = n[base + s];
            double gone = 0; // probability mass of the faces already drawn
            for (int k = 0; k < open && left > 0; k++) {
                int dest = lattice.destination(v, k);
                double p = lattice.rateTo(v, dest, s) * h;
                long moved = BinomialDeviate.sample(rng, left, Math.min(1, p / (1 - gone)));
                gone += p;
                if (moved == 0) {
                    continue;
                }
                left -= moved;
                events.hops[s] += moved;
                if (dest >= 0) {
                    next[dest * species + s] += (int) moved;
                    if (dest >= voxels) {
                        events.crossBlock[s] += moved;
                    }
                } else {
                    events.outflow[s] += moved;
                }
            }
            next[base + s] += (int) left;
        }
        if (lattice.inflow(v) > 0) {
            for (int s = 0; s < species; s++) {
                double rate = lattice.inflow(v, s);
                if (rate > 0) {
                    long born = poisson.sample(rate * h);
                    next[base + s] += (int) born;
                    events.inflow[s] += born;
                }
            }
        }
    }
}
