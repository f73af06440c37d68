package org.rdsim.spark.ensemble;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.rdsim.partitioning.ReplicaChunks;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts replicas done from the tasks of the ensemble job's first stage (one task per range of
 * chunks). A retried or speculative task is counted once.
 */
final class ReplicaProgress extends SparkListener {

    private final String jobGroup;
    private final ReplicaChunks chunks;
    private final List<ReplicaChunks.Range> ranges;
    private final LongConsumer replicasDone;
    private final Set<Integer> finished = new HashSet<>();
    private volatile int stage = -1;
    private long done;

    ReplicaProgress(String jobGroup, ReplicaChunks chunks, List<ReplicaChunks.Range> ranges, LongConsumer replicasDone) {
        this.jobGroup = jobGroup;
        this.chunks = chunks;
        this.ranges = ranges;
        this.replicasDone = replicasDone;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (stage < 0 && jobStart.properties() != null
                && jobGroup.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
            int first = Integer.MAX_VALUE;
            for (Object id : CollectionConverters.asJava(jobStart.stageIds())) {
                first = Math.min(first, (Integer) id);
            }
            stage = first;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.stageId() != stage || !taskEnd.taskInfo().successful()) {
            return;
        }
        int index = taskEnd.taskInfo().index();
        if (index < ranges.size() && finished.add(index)) {
            done += chunks.replicasIn(ranges.get(index));
            if (replicasDone != null) {
                replicasDone.accept(done);
            }
        }
    }
}
