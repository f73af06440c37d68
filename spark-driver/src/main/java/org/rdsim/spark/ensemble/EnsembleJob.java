package org.rdsim.spark.ensemble;

import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.partitioning.AlignedReduction;
import org.rdsim.partitioning.ChunkedEnsemble;
import org.rdsim.partitioning.ReplicaChunks;

/**
 * An ensemble of well-mixed trajectories as one Spark job: the replica chunks are cut into
 * contiguous ranges, each task runs its range and folds it into aligned partial statistics, and
 * a tree reduction on the executors combines them, so the result is bit-identical for any
 * number of partitions or executors and after task retries.
 */
public final class EnsembleJob {

    /** What the job produced, with how it was cut. */
    public record Result(EnsembleStatistics statistics, int partitions, long chunkSize, double seconds) {
    }

    private static final String JOB_GROUP = "rdsim-ensemble";

    private EnsembleJob() {
    }

    /** Replicas per task below which task overhead (tens of ms) starts to show. */
    private static final long MIN_REPLICAS_PER_TASK = 25;

    /**
     * Default partition count: up to 8 tasks per core, for load balance and a smooth progress
     * display, but at least 25 replicas per task and at least one task per core.
     */
    public static int defaultPartitions(JavaSparkContext jsc, long replicas) {
        int cores = jsc.defaultParallelism();
        long byWork = replicas / MIN_REPLICAS_PER_TASK;
        return (int) Math.max(cores, Math.min(8L * cores, byWork));
    }

    /**
     * Up to 64 partial results are combined on the driver as tasks finish (no shuffle stage);
     * more go through one intermediate level on the executors first.
     */
    static int reductionDepth(int partitions) {
        return partitions <= 64 ? 1 : 2;
    }

    public static Result run(JavaSparkContext jsc, Model model, long replicas, int partitions,
                             LongConsumer replicasDone) {
        ReplicaChunks chunks = ReplicaChunks.of(replicas);
        List<ReplicaChunks.Range> ranges = chunks.split(partitions);
        ReplicaProgress progress = new ReplicaProgress(JOB_GROUP, chunks, ranges, replicasDone);
        jsc.sc().addSparkListener(progress);
        long start = System.nanoTime();
        try {
            jsc.setJobGroup(JOB_GROUP, "rdsim ensemble " + model.name(), false);
            AlignedReduction<EnsembleStatistics> all = jsc.parallelize(ranges, ranges.size())
                    .setName("rdsim-replicas")
                    .map(range -> ChunkedEnsemble.runRange(model, chunks, range))
                    .treeReduce(ChunkedEnsemble::combine, reductionDepth(ranges.size()));
            EnsembleStatistics stats = ChunkedEnsemble.finish(all, chunks);
            return new Result(stats, ranges.size(), chunks.chunkSize(), (System.nanoTime() - start) * 1e-9);
        } finally {
            jsc.clearJobGroup();
            jsc.sc().removeSparkListener(progress);
        }
    }
}
