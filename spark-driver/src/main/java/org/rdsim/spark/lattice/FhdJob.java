package org.rdsim.spark.lattice;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.rdsim.core.fhd.FhdBlock;
import org.rdsim.core.fhd.FhdLayout;
import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.CheckpointSpec;
import org.rdsim.core.model.Model;
import org.rdsim.spark.output.Checkpoints;
import scala.Tuple2;

/**
 * An FHD run decomposed on Spark: the blocks of an {@link FhdLayout} are a pair RDD (block,
 * state) under a {@link BlockPartitioner}. One step: each block sends every block whose window
 * holds some of its cells those cells (one exchange per step: the ghost zone is as wide as both
 * stages need), the messages are co-grouped with the states under the same partitioner, and each
 * block fills its window, steps it and keeps its own cells. The blocks are those of
 * {@link org.rdsim.core.fhd.FhdBlocks}, so the fields, molecules and tallies equal the in-process run
 * on the same layout bit for bit; against the single box they are equal for the explicit schemes and within the
 * implicit solves' tolerance for the implicit ones.
 *
 * <p>The action that materialises each step also collects, per block and species, the molecules
 * (summed on the driver in block order, so the totals do not depend on the partitioning and equal
 * the in-process blocks'), the largest |n| and the negative cells counted so far. A step's
 * negative densities are counted against the grid's largest |n| after that step, as the single
 * box counts them ({@link FhdRunner#countNegative}): each block counts its incoming cells at the
 * start of the next step, with the scale the previous action found, and a last pass counts the
 * final state. Every {@link SpatialJob#LINEAGE_STEPS} steps the state is checkpointed.
 */
public final class FhdJob {

    private final JavaSparkContext jsc;
    private final Model model;
    private final FhdLayout layout;
    private final int partitions;

    public FhdJob(JavaSparkContext jsc, Model model, FhdLayout layout, int partitions) {
        this.jsc = jsc;
        this.model = model;
        this.layout = layout;
        this.partitions = Math.max(1, Math.min(partitions, layout.blocks()));
    }

    /** Partitions for the layout: every block in its own task up to twice the cores Spark offers. */
    public static int defaultPartitions(JavaSparkContext jsc, FhdLayout layout) {
        return Math.min(layout.blocks(), 2 * jsc.defaultParallelism());
    }

    public int partitions() {
        return partitions;
    }

    /** One block's cells after a step, and what it has counted so far. */
    public record State(int block, double[] own, long[] negative, long[] phaseNanos) implements Serializable {
    }

    /** Cells one block sends another before a step. */
    public record Cells(int from, double[] values) implements Serializable {
    }

    /** Per species, over the whole grid: molecules, largest |n|, negative cells counted so far; and the phase times. */
    public record Totals(double[] molecules, double[] largest, long[] negative, long[] phaseNanos)
            implements Serializable {
    }

    /** A run from the initial field without checkpoints. */
    public FhdRunner.Result run(long replica, IntPredicate fieldAt, FhdRunner.Observer observer, LongConsumer progress) {
        return run(replica, fieldAt, observer, progress, null, null);
    }

    /**
     * Simulates replica r as {@link FhdRunner#run} does: the observer gets the molecules at every
     * output and the whole field (voxel-major) where {@code fieldAt} says; {@code progress} hears
     * the steps done. With {@code resume} it continues from that state (outputs up to its step
     * are not observed again); with {@code checkpointing} each block writes its own cells after
     * the steps the model's checkpoint block names, and the driver commits them.
     */
    public FhdRunner.Result run(long replica, IntPredicate fieldAt, FhdRunner.Observer observer, LongConsumer progress,
                                FhdRunner.Resume resume, Checkpoints.Sink checkpointing) {
        SpatialJob.prepareCheckpointDir(jsc);
        FhdRunner runner = new FhdRunner(model);
        int species = model.speciesCount();
        double cellVolume = model.domain().voxelVolume();
        Broadcast<Model> bm = jsc.broadcast(model);
        Blocks blocks = new Blocks(UUID.randomUUID().toString(), bm, layout, replica);
        BlockPartitioner part = new BlockPartitioner(partitions);
        // The initial field is drawn here, as the single-box run draws it, and cut into blocks.
        double[] initial = resume == null ? runner.initial(replica) : resume.n();
        List<Tuple2<Integer, State>> cut = new ArrayList<>();
        for (int b = 0; b < layout.blocks(); b++) {
            cut.add(new Tuple2<>(b, new State(b, layout.own(initial, b), new long[species], new long[4])));
        }
        JavaPairRDD<Integer, State> state = jsc.parallelizePairs(cut, partitions).partitionBy(part);
        Totals[] totals = new Totals[1];
        state = keep(state, null, false, totals, cellVolume);
        double[] times = model.time().outputTimes();
        long[] end = runner.outputSteps();
        long total = end[end.length - 1];
        CheckpointSpec every = model.checkpoint();
        long first = resume == null ? 0 : resume.step();
        long[] before = resume == null ? new long[species] : resume.negative(); // counted before this run's first step
        try {
            if (resume == null) {
                observe(0, times[0], state, totals[0], fieldAt, observer);
            }
            int k = 1;
            while (k < end.length && end[k] <= first) {
                k++;
            }
            long step = first;
            while (step < total) {
                // The incoming state's scale, after its step; the first state is counted already (or is the initial field).
                double[] scale = step == first ? null : totals[0].largest();
                state = keep(step(state, part, blocks, step++, scale), state, step % SpatialJob.LINEAGE_STEPS == 0,
                        totals, cellVolume);
                progress.accept(step);
                if (step == end[k]) {
                    observe(k, times[k], state, totals[0], fieldAt, observer);
                    k++;
                }
                if (checkpointing != null && every != null && every.at(step, total)) {
                    Checkpoints.Writer writer = checkpointing.writer();
                    long at = step;
                    List<Checkpoints.BlockFile> files = state.values().map(st -> writer.write(at, st.block(), st.own()))
                            .collect();
                    checkpointing.commit(step, runner.timeOf(step), sum(before, counted(state, totals[0])), files);
                }
            }
            long[] negative = step > first ? sum(before, counted(state, totals[0])) : before.clone();
            Algorithm a = model.method().algorithm();
            long[] phases = a == Algorithm.IMMID_TAU || a == Algorithm.IMMID_SSA ? totals[0].phaseNanos() : null;
            return new FhdRunner.Result(step, negative, model.domain().voxels(), phases);
        } finally {
            state.unpersist(false);
            bm.destroy();
        }
    }

    /** The negative cells counted so far, with those of the current state (which the blocks count only at their next step). */
    private static long[] counted(JavaPairRDD<Integer, State> state, Totals totals) {
        double[] scale = totals.largest();
        long[] last = state.values().map(st -> {
            long[] n = new long[scale.length];
            FhdRunner.countNegative(st.own(), scale.length, scale, n);
            return n;
        }).reduce(FhdJob::sum);
        return sum(totals.negative(), last);
    }

    /**
     * One step: the exchange, then every block counts the negative densities of its incoming cells
     * against {@code scale} (null for the initial field, which is not counted) and steps its window.
     */
    private static JavaPairRDD<Integer, State> step(JavaPairRDD<Integer, State> state, BlockPartitioner part,
            Blocks blocks, long step, double[] scale) {
        JavaPairRDD<Integer, Cells> sent = state.flatMapToPair(e -> {
            State st = e._2();
            FhdBlock block = blocks.take(st.block());
            int[] to = block.destinations();
            List<Tuple2<Integer, Cells>> out = new ArrayList<>(to.length);
            for (int k = 0; k < to.length; k++) {
                out.add(new Tuple2<>(to[k], new Cells(st.block(), block.outgoing(st.own(), k))));
            }
            blocks.give(block);
            return out.iterator();
        });
        return state.cogroup(sent, part).mapValues(pair -> {
            State st = pair._1().iterator().next();
            FhdBlock block = blocks.take(st.block());
            for (Cells c : pair._2()) {
                block.receive(c.from(), c.values());
            }
            long[] negative = st.negative().clone();
            if (scale != null) {
                FhdRunner.countNegative(st.own(), negative.length, scale, negative);
            }
            long[] p0 = block.phaseNanos();
            double[] own = block.step(step);
            long[] p1 = block.phaseNanos();
            long[] phases = st.phaseNanos().clone();
            if (p0 != null) {
                for (int q = 0; q < phases.length; q++) {
                    phases[q] += p1[q] - p0[q];
                }
            }
            blocks.give(block);
            return new State(st.block(), own, negative, phases);
        });
    }

    /** Persists and materialises the new state (checkpointed when asked), reducing its totals; lets the old one go. */
    private static JavaPairRDD<Integer, State> keep(JavaPairRDD<Integer, State> next, JavaPairRDD<Integer, State> old,
            boolean checkpoint, Totals[] totals, double cellVolume) {
        next.persist(StorageLevel.MEMORY_AND_DISK());
        if (checkpoint) {
            next.checkpoint();
        }
        List<Tuple2<Integer, Totals>> perBlock = next.mapValues(st -> {
            int species = st.negative().length;
            double[] molecules = FhdRunner.molecules(st.own(), species, cellVolume);
            double[] largest = FhdRunner.largest(st.own(), species);
            return new Totals(molecules, largest, st.negative(), st.phaseNanos());
        }).collect();
        Totals sum = null;
        for (Tuple2<Integer, Totals> b : perBlock.stream().sorted(Comparator.comparing(Tuple2::_1)).toList()) {
            sum = sum == null ? b._2() : add(sum, b._2());
        }
        totals[0] = sum;
        if (old != null) {
            old.unpersist(false);
        }
        return next;
    }

    private static long[] sum(long[] a, long[] b) {
        long[] c = a.clone();
        for (int s = 0; s < c.length; s++) {
            c[s] += b[s];
        }
        return c;
    }

    private static Totals add(Totals a, Totals b) {
        int species = a.molecules().length;
        double[] molecules = new double[species];
        double[] largest = new double[species];
        for (int s = 0; s < species; s++) {
            molecules[s] = a.molecules()[s] + b.molecules()[s];
            largest[s] = Math.max(a.largest()[s], b.largest()[s]);
        }
        return new Totals(molecules, largest, sum(a.negative(), b.negative()), sum(a.phaseNanos(), b.phaseNanos()));
    }

    /** Hands output k to the observer, collecting the field to the driver only when it is wanted. */
    private void observe(int k, double t, JavaPairRDD<Integer, State> state, Totals totals, IntPredicate fieldAt,
            FhdRunner.Observer observer) {
        double[] field = null;
        if (fieldAt.test(k)) {
            int cells = Math.toIntExact(model.domain().voxels());
            double[] n = new double[model.speciesCount() * cells];
            for (Tuple2<Integer, State> b : state.collect()) {
                layout.place(b._2().own(), b._1(), n);
            }
            field = FhdRunner.voxelMajor(n, model.speciesCount());
        }
        observer.observe(k, t, field, totals.molecules().clone());
    }

    /** What a task needs to find its block: the run's id, the broadcast model, the layout and the replica. */
    private record Blocks(String run, Broadcast<Model> model, FhdLayout layout, long replica) implements Serializable {
        FhdBlock take(int block) {
            return Steppers.take(run, block, FhdBlock.class, () -> new FhdBlock(model.value(), replica, layout, block));
        }

        void give(FhdBlock block) {
            Steppers.give(run, block.block(), block);
        }
    }
}
