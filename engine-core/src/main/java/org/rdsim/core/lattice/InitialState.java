package org.rdsim.core.lattice;

import org.apache.commons.rng.UniformRandomProvider;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.InitialField;
import org.rdsim.core.model.Model;
import org.rdsim.core.rng.BinomialDeviate;
import org.rdsim.core.rng.KeyedStreams;
import org.rdsim.core.rng.PoissonDeviate;

/**
 * Whole molecule counts per voxel from the species' initial density fields (fhd-schemes.md
 * section 6); obstacles hold none. A voxel's Poisson draw comes from a stream keyed by (replica, species, voxel), so
 * the initial state is the same however the domain is later cut into blocks.
 */
public final class InitialState {

    private InitialState() {
    }

    /** The counts of the lattice's block in voxel-major order: n[v * species + s]. */
    public static int[] build(Model model, Lattice lattice, long replica) {
        int species = model.speciesCount();
        int voxels = lattice.voxels();
        int[] n = new int[voxels * species];
        double vol = lattice.voxelVolume();
        double[] centre = new double[model.domain().dimensions()];
        // One generator moved to each (species, voxel) key: the stream KeyedStreams.stream gives it.
        KeyedStreams.Generator rng = new KeyedStreams.Generator();
        PoissonDeviate poisson = new PoissonDeviate(rng);
        for (int s = 0; s < species; s++) {
            InitialField field = model.species().get(s).initialField();
            if (field instanceof InitialField.Point p) {
                int v = lattice.voxelAt(p.at());
                if (v >= 0) {
                    n[v * species + s] = checked(p.count(), model, s);
                }
                continue;
            }
            switch (field.sampling()) {
                case POISSON -> {
                    for (int v = 0; v < voxels; v++) {
                        if (lattice.obstacle(v)) {
                            continue;
                        }
                        double mean = field.density(lattice.centre(v, centre)) * vol;
                        rng.rekey(model.seed(), KeyedStreams.INITIAL_STATE, replica, s, lattice.globalVoxel(v), 0);
                        n[v * species + s] = checked(poisson.sample(mean), model, s);
                    }
                }
                case ROUND -> {
                    for (int v = 0; v < voxels; v++) {
                        if (lattice.obstacle(v)) {
                            continue;
                        }
                        n[v * species + s] = checked(Math.round(field.density(lattice.centre(v, centre)) * vol),
                                model, s);
                    }
                }
                case MULTINOMIAL -> multinomial(model, lattice, replica, s, field, n);
                default -> throw new IllegalStateException("unknown sampling " + field.sampling());
            }
        }
        return n;
    }

    /**
     * The mean densities n0 of the lattice's block, species-major (n[s * voxels + v]): the
     * deterministic start of the FHD twins. A point source is its count spread over its voxel's
     * volume; obstacles hold none.
     */
    public static double[] meanDensities(Model model, Lattice lattice) {
        int species = model.speciesCount();
        int voxels = lattice.voxels();
        double[] n = new double[species * voxels];
        double[] centre = new double[model.domain().dimensions()];
        for (int s = 0; s < species; s++) {
            InitialField field = model.species().get(s).initialField();
            if (field instanceof InitialField.Point p) {
                int v = lattice.voxelAt(p.at());
                if (v >= 0) {
                    n[s * voxels + v] = p.count() / lattice.voxelVolume();
                }
                continue;
            }
            for (int v = 0; v < voxels; v++) {
                if (!lattice.obstacle(v)) {
                    n[s * voxels + v] = field.density(lattice.centre(v, centre));
                }
            }
        }
        return n;
    }

    /**
     * round(total) molecules over the whole grid, each in voxel v with probability mean[v] / total:
     * sequential conditional binomials in global voxel order, so every block sees the same draw
     * and keeps its own voxels.
     */
    private static void multinomial(Model model, Lattice lattice, long replica, int s, InitialField field, int[] n) {
        Domain domain = model.domain();
        int species = model.speciesCount();
        long voxels = domain.voxels();
        double vol = domain.voxelVolume();
        double[] centre = new double[domain.dimensions()];
        double[] mean = new double[Math.toIntExact(voxels)];
        double total = 0;
        for (int v = 0; v < voxels; v++) {
            domain.centre(v, centre);
            mean[v] = domain.obstacle(domain.zone(centre)) ? 0 : field.density(centre) * vol;
            total += mean[v];
        }
        UniformRandomProvider rng = KeyedStreams.stream(model.seed(), KeyedStreams.INITIAL_STATE, replica, s, -1, 0);
        long left = Math.round(total);
        double weight = total;
        long[] global = new long[mean.length];
        for (int v = 0; v < voxels && left > 0; v++) {
            double p = weight > 0 ? Math.min(1, mean[v] / weight) : 1;
            long k = v == voxels - 1 ? left : BinomialDeviate.sample(rng, left, p);
            global[v] = k;
            left -= k;
            weight -= mean[v];
        }
        for (int v = 0; v < lattice.voxels(); v++) {
            n[v * species + s] = checked(global[(int) lattice.globalVoxel(v)], model, s);
        }
    }

    private static int checked(long count, Model model, int s) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than 2^31 molecules of " + model.species().get(s).name()
                    + " in one voxel; reduce the density or A");
        }
        return (int) count;
    }
}
