package org.rdsim.core.rdme;

import org.apache.commons.rng.UniformRandomProvider;
import org.rdsim.core.lattice.Lattice;

/**
 * The Next Subvolume Method's event loop specialised to one reaction network (generated and
 * compiled at run time by {@link NsmKernelGenerator}). Stateless and thread safe: the block's
 * counts, clocks, constants and tallies are passed in.
 */
public interface NsmKernel {

    /**
     * Simulates like {@link NextSubvolume#advance}, bit for bit: every event with a time in
     * [t0, t1) on the counts n (voxel-major, ghosts after the interior), with stochastic
     * constants c and per-face hop rates hop (D/dx^2 per species), adding to the tallies.
     */
    void advance(int[] n, int voxels, Lattice lattice, VoxelClocks queue, double[] c, double[] hop,
                 long[] firings, long[] hops, long[] crossBlock, long[] outflow, long[] inflow,
                 double t0, double t1, UniformRandomProvider rng);
}
