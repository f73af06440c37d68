package org.rdsim.partitioning;

import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.rdme.LatticeEvents;

/**
 * Replicas of a spatial model folded into ensemble statistics of the totals per species, each
 * replica run in this JVM, block by block on the lattice ({@link BlockRunner}) or by an FHD
 * scheme ({@link FhdRunner}, molecules as sums of n dV, no reaction extents tallied): an ensemble
 * spreads replicas over executors rather than the blocks of one replica. Replica r is the same trajectory as
 * {@code rdsim run --replica r}. Not thread safe: one per task.
 */
public final class LatticeReplicas {

    private final Model model;
    private final BlockRunner runner;
    private final FhdRunner fhd;

    public LatticeReplicas(Model model) {
        this.model = model;
        boolean isFhd = model.method().algorithm().fhd();
        this.runner = isFhd ? null : new BlockRunner(model);
        this.fhd = isFhd ? new FhdRunner(model) : null;
    }

    /** Statistics of replicas [first, end). */
    public EnsembleStatistics run(long first, long end) {
        EnsembleStatistics stats = new EnsembleStatistics(model.time().outputTimes(), model.speciesCount(),
                model.reactionCount(), first, 0);
        double[] x = new double[model.speciesCount()];
        for (long r = first; r < end; r++) {
            stats.beginReplica();
            if (fhd != null) {
                fhd.run(r, k -> false, (k, t, field, molecules) -> {
                    System.arraycopy(molecules, 0, x, 0, x.length);
                    stats.record(k, x);
                }, done -> { });
                stats.endReplica(x, new double[model.reactionCount()], 0);
                continue;
            }
            LatticeEvents events = runner.run(r, k -> false, (k, t, counts, totals) -> {
                for (int s = 0; s < x.length; s++) {
                    x[s] = totals[s];
                }
                stats.record(k, x);
            }, null);
            long[] firings = events.firings();
            double[] extents = new double[firings.length];
            for (int j = 0; j < extents.length; j++) {
                extents[j] = firings[j];
            }
            stats.endReplica(x, extents, events.events());
        }
        return stats;
    }
}
