package org.rdsim.partitioning;

import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.wellmixed.ReplicaRunner;

/**
 * The ensemble computation cut into chunks: what one partition computes for its range of
 * chunks, how partial results combine, and the single-JVM reference execution that loops over
 * the partitions in memory. The Spark job runs exactly these pieces on executors.
 */
public final class ChunkedEnsemble {

    /** Chan-merge of adjacent replica ranges; updates and returns the left statistics. */
    public static final AlignedReduction.Merger<EnsembleStatistics> MERGE = (left, right) -> {
        left.mergeFollowing(right);
        return left;
    };

    /** Folds replicas [first, end) of a model into statistics. */
    @FunctionalInterface
    private interface Replicas {
        EnsembleStatistics run(long first, long end);
    }

    private ChunkedEnsemble() {
    }

    /** What one partition contributes: its chunks, each folded in replica order. */
    public static AlignedReduction<EnsembleStatistics> runRange(Model model, ReplicaChunks chunks,
                                                                ReplicaChunks.Range range) {
        AlignedReduction<EnsembleStatistics> reduction = new AlignedReduction<>();
        Replicas runner = model.spatial() ? new LatticeReplicas(model)::run : new ReplicaRunner(model)::run;
        for (int c = range.firstChunk(); c < range.endChunk(); c++) {
            reduction.addChunk(c, runner.run(chunks.chunkStart(c), chunks.chunkEnd(c)), MERGE);
        }
        return reduction;
    }

    /** Combines two partitions' partial results (any order, any grouping). */
    public static AlignedReduction<EnsembleStatistics> combine(AlignedReduction<EnsembleStatistics> a,
                                                               AlignedReduction<EnsembleStatistics> b) {
        return a.combine(b, MERGE);
    }

    /** The statistics of the whole ensemble from the fully combined partial results. */
    public static EnsembleStatistics finish(AlignedReduction<EnsembleStatistics> all, ReplicaChunks chunks) {
        return all.finish(chunks.chunks(), MERGE);
    }

    /** Reference execution in one JVM: the partitions one after another, combined in order. */
    public static EnsembleStatistics runInProcess(Model model, long replicas, int partitions) {
        ReplicaChunks chunks = ReplicaChunks.of(replicas);
        AlignedReduction<EnsembleStatistics> all = new AlignedReduction<>();
        for (ReplicaChunks.Range range : chunks.split(partitions)) {
            combine(all, runRange(model, chunks, range));
        }
        return finish(all, chunks);
    }
}
