package org.rdsim.partitioning;

import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.rdme.LatticeEvents;

/**
 * Replicas of a lattice model folded into ensemble statistics of the totals per species, each
 * replica run block by block in this JVM ({@link BlockRunner}): an ensemble spreads replicas over
 * executors rather than the blocks of one replica. Replica r is the same trajectory as
 * {@code rdsim run --replica r}. Not thread safe: one per task.
 */
public final class LatticeReplicas {

    private final Model model;
    private final BlockRunner runner;

    public LatticeReplicas(Model model) {
        this.model = model;
        this.runner = new BlockRunner(model);
    }

    /** Statistics of replicas [first, end). */
    public EnsembleStatistics run(long first, long end) {
        EnsembleStatistics stats = new EnsembleStatistics(model.time().outputTimes(), model.speciesCount(),
                model.reactionCount(), first, 0);
        double[] x = new double[model.speciesCount()];
        for (long r = first; r < end; r++) {
            stats.beginReplica();
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
