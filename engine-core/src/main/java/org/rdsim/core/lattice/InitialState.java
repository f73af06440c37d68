package org.rdsim.core.lattice;

import org.apache.commons.rng.UniformRandomProvider;
import org.rdsim.core.model.InitialField;
import org.rdsim.core.model.Model;
import org.rdsim.core.rng.BinomialDeviate;
import org.rdsim.core.rng.KeyedStreams;
import org.rdsim.core.rng.PoissonDeviate;

/**
 * Whole molecule counts per voxel from the species' initial density fields (fhd-schemes.md
 * section 6). A voxel's Poisson draw comes from a stream keyed by (replica, species, voxel), so
 * the initial state is the same however the domain is later cut into blocks.
 */
public final class InitialState {

    private InitialState() {
    }

    /** Counts in voxel-major order: n[v * species + s]. */
    public static int[] build(Model model, Lattice lattice, long replica) {
        int species = model.speciesCount();
        int voxels = lattice.voxels();
        int[] n = new int[voxels * species];
        double vol = lattice.voxelVolume();
        for (int s = 0; s < species; s++) {
            InitialField field = model.species().get(s).initialField();
            if (field instanceof InitialField.Point p) {
                n[lattice.voxelAt(p.at()) * species + s] = checked(p.count(), model, s);
                continue;
            }
            double[] mean = new double[voxels];
            double[] centre = new double[model.domain().dimensions()];
            double total = 0;
            for (int v = 0; v < voxels; v++) {
                mean[v] = field.density(lattice.centre(v, centre)) * vol;
                total += mean[v];
            }
            switch (field.sampling()) {
                case POISSON -> {
                    for (int v = 0; v < voxels; v++) {
                        UniformRandomProvider rng = KeyedStreams.stream(model.seed(), KeyedStreams.INITIAL_STATE,
                                replica, s, v, 0);
                        n[v * species + s] = checked(PoissonDeviate.sample(rng, mean[v]), model, s);
                    }
                }
                case ROUND -> {
                    for (int v = 0; v < voxels; v++) {
                        n[v * species + s] = checked(Math.round(mean[v]), model, s);
                    }
                }
                case MULTINOMIAL -> {
                    // round(total) molecules, each in voxel v with probability mean[v] / total:
                    // sequential conditional binomials in voxel order.
                    UniformRandomProvider rng = KeyedStreams.stream(model.seed(), KeyedStreams.INITIAL_STATE,
                            replica, s, -1, 0);
                    long left = Math.round(total);
                    double weight = total;
                    for (int v = 0; v < voxels && left > 0; v++) {
                        double p = weight > 0 ? Math.min(1, mean[v] / weight) : 1;
                        long k = v == voxels - 1 ? left : BinomialDeviate.sample(rng, left, p);
                        n[v * species + s] = checked(k, model, s);
                        left -= k;
                        weight -= mean[v];
                    }
                }
                default -> throw new IllegalStateException("unknown sampling " + field.sampling());
            }
        }
        return n;
    }

    private static int checked(long count, Model model, int s) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than 2^31 molecules of " + model.species().get(s).name()
                    + " in one voxel; reduce the density or A");
        }
        return (int) count;
    }
}
