package org.rdsim.spark.lattice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.rdsim.core.io.GridAssembler;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.CheckpointSpec;
import org.rdsim.core.model.Model;
import org.rdsim.core.rdme.BlockState;
import org.rdsim.core.rdme.BlockStepper;
import org.rdsim.core.rdme.LatticeEvents;
import org.rdsim.partitioning.BlockLayout;
import org.rdsim.partitioning.BlockRunner;
import org.rdsim.partitioning.MacroSchedule;
import org.rdsim.spark.output.Checkpoints;
import org.rdsim.spark.output.UserInputException;
import scala.Tuple2;

/**
 * A lattice run decomposed on Spark (ARCHITECTURE.md, spark-driver): the blocks are a pair RDD
 * (block, state) under a {@link BlockPartitioner}. One macro step: each block emits the halos it
 * owes keyed by the receiving block, the halos are shuffled and co-grouped with the states under
 * the same partitioner (the states never move), and each block takes its halos in and advances.
 * The operations and their order per block are those of {@link BlockRunner}, so the results are
 * the same bit for bit.
 *
 * <p>Every {@link #LINEAGE_STEPS} steps the state is checkpointed (reliably, to
 * spark.checkpoint.dir, or to a temporary directory in local mode) so the lineage that each task
 * carries stays short.
 */
public final class SpatialJob {

    /** Macro steps between lineage-truncating checkpoints. */
    public static final int LINEAGE_STEPS = 50;

    private final JavaSparkContext jsc;
    private final Model model;
    private final BlockLayout layout;
    private final MacroSchedule schedule;
    private final int partitions;

    public SpatialJob(JavaSparkContext jsc, Model model, BlockLayout layout, int partitions) {
        this.jsc = jsc;
        this.model = model;
        this.layout = layout;
        this.schedule = new MacroSchedule(model, layout);
        this.partitions = Math.max(1, Math.min(partitions, layout.blocks()));
    }

    /** Partitions for the layout: every block in its own task up to twice the cores Spark offers. */
    public static int defaultPartitions(JavaSparkContext jsc, BlockLayout layout) {
        return Math.min(layout.blocks(), 2 * jsc.defaultParallelism());
    }

    /**
     * Simulates replica r. At output k the observer gets the totals, and the whole field when
     * {@code fieldAt.test(k)} (else null: fields are collected to the driver only when wanted).
     * {@code progress} hears the number of macro steps done.
     */
    public LatticeEvents run(long replica, IntPredicate fieldAt, BlockRunner.FieldObserver observer,
            LongConsumer progress) {
        return run(replica, fieldAt, observer, null, progress);
    }

    /** As above, also handing the totals per compartment to {@code zones} (may be null). */
    public LatticeEvents run(long replica, IntPredicate fieldAt, BlockRunner.FieldObserver observer,
            BlockRunner.ZoneObserver zones, LongConsumer progress) {
        return run(replica, fieldAt, observer, zones, progress, null, 0, null);
    }

    /**
     * As above, continuing from {@code resume} (every block's state after macro step
     * {@code resumeStep}, as this job's checkpoints hold it; null to start from the initial
     * state) without observing the outputs up to it again; with {@code checkpointing} every
     * block writes its state after the macro steps the model's checkpoint block names (after the
     * output's delivery when an output falls there), and the driver commits them.
     */
    public LatticeEvents run(long replica, IntPredicate fieldAt, BlockRunner.FieldObserver observer,
            BlockRunner.ZoneObserver zones, LongConsumer progress, BlockState[] resume, long resumeStep,
            Checkpoints.Sink checkpointing) {
        prepareCheckpointDir(jsc);
        Broadcast<Model> bm = jsc.broadcast(model);
        Blocks blocks = new Blocks(UUID.randomUUID().toString(), bm, layout);
        BlockPartitioner part = new BlockPartitioner(partitions);
        JavaPairRDD<Integer, BlockState> state;
        if (resume == null) {
            List<Integer> ids = new ArrayList<>();
            for (int b = 0; b < layout.blocks(); b++) {
                ids.add(b);
            }
            state = jsc.parallelize(ids, partitions)
                    .mapToPair(b -> new Tuple2<>(b, b))
                    .partitionBy(part)
                    .mapValues(b -> {
                        BlockStepper stepper = blocks.take(b);
                        BlockState st = stepper.initial(replica);
                        blocks.give(stepper);
                        return st;
                    });
        } else {
            List<Tuple2<Integer, BlockState>> restored = new ArrayList<>();
            for (BlockState st : resume) {
                restored.add(new Tuple2<>(st.block(), st));
            }
            state = jsc.parallelizePairs(restored, partitions).partitionBy(part);
        }
        long[][] totals = new long[1][];
        state = keep(state, null, false, totals, blocks);
        boolean split = model.method().algorithm() == Algorithm.SPLIT_MN;
        CheckpointSpec every = model.checkpoint();
        long total = schedule.steps();
        try {
            double[] times = schedule.times();
            if (resume == null) {
                observe(0, times[0], state, totals[0], fieldAt, observer, zones, blocks);
            }
            for (int k = 1; k < times.length; k++) {
                long first = schedule.firstStep(k);
                long last = first + schedule.stepsIn(k);
                if (resume != null && last <= resumeStep) {
                    continue;
                }
                for (long i = Math.max(0, resumeStep - first); i < schedule.stepsIn(k); i++) {
                    long done = first + i + 1;
                    state = keep(step(state, part, blocks, first + i, schedule.start(k, i), schedule.end(k, i)),
                            state, done % LINEAGE_STEPS == 0, totals, blocks);
                    progress.accept(done);
                    if (done == last) {
                        if (split || fieldAt.test(k)) {
                            // Deliver the halos owed (and close a split step) before looking at the field. The
                            // totals of the Next Subvolume Method count molecules in transit and need no delivery.
                            state = keep(step(state, part, blocks, -1, 0, 0), state, false, totals, blocks);
                        }
                        observe(k, times[k], state, totals[0], fieldAt, observer, zones, blocks);
                    }
                    if (checkpointing != null && every != null && every.at(done, total)) {
                        Checkpoints.Writer writer = checkpointing.writer();
                        List<Checkpoints.BlockFile> files = state.values().map(st -> writer.write(done, st.block(), st))
                                .collect();
                        checkpointing.commit(done, schedule.end(k, i), new long[0], files);
                    }
                }
            }
            int reactions = model.reactionCount();
            int species = model.speciesCount();
            return state.values().map(st -> new LatticeEvents(reactions, species).add(st.events()))
                    .reduce(LatticeEvents::add);
        } finally {
            state.unpersist(false);
            bm.destroy();
        }
    }

    /** One macro step, or with step -1 only the delivery of halos owed and the close of a split step. */
    private static JavaPairRDD<Integer, BlockState> step(JavaPairRDD<Integer, BlockState> state, BlockPartitioner part,
            Blocks blocks, long step, double t0, double t1) {
        JavaPairRDD<Integer, Halo> halos = state.flatMapToPair(e -> {
            BlockState st = e._2();
            List<Tuple2<Integer, Halo>> out = new ArrayList<>();
            BlockLayout lay = blocks.layout();
            BlockStepper stepper = blocks.take(st.block());
            for (int f = 0; f < lay.faces(); f++) {
                int[] slab = stepper.outgoing(st, f);
                if (slab != null) {
                    out.add(new Tuple2<>(lay.neighbour(st.block(), f), new Halo(BlockLayout.arrivalFace(f), slab)));
                }
            }
            blocks.give(stepper);
            return out.iterator();
        });
        return state.cogroup(halos, part).mapValues(pair -> {
            BlockState st = pair._1().iterator().next().copy(); // the cached state stays as it was
            BlockStepper stepper = blocks.take(st.block());
            stepper.clearGhosts(st);
            for (Halo h : pair._2()) {
                stepper.deliver(st, h.face, h.counts);
            }
            if (step >= 0) {
                stepper.advance(st, step, t0, t1);
            } else {
                stepper.finish(st);
            }
            blocks.give(stepper);
            return st;
        });
    }

    /**
     * What a task needs to find its block's stepper: the run's id, the broadcast model and the
     * layout of this job (not necessarily the model's own). Serializable, so closures carry it.
     */
    private record Blocks(String run, Broadcast<Model> model, BlockLayout layout) implements java.io.Serializable {
        BlockStepper take(int block) {
            return Steppers.take(run, model, layout, block);
        }

        void give(BlockStepper stepper) {
            Steppers.give(run, stepper);
        }
    }

    /**
     * Persists and materialises the new state (checkpointed when asked), then lets the old one go.
     * The action that materialises it sums the molecules per compartment and species (ghost slabs,
     * in transit, included) into totals[0]: one job per macro step serves both.
     */
    private JavaPairRDD<Integer, BlockState> keep(JavaPairRDD<Integer, BlockState> next,
            JavaPairRDD<Integer, BlockState> old, boolean checkpoint, long[][] totals, Blocks blocks) {
        next.persist(StorageLevel.MEMORY_AND_DISK());
        if (checkpoint) {
            next.checkpoint();
        }
        totals[0] = next.values().map(st -> {
            BlockStepper stepper = blocks.take(st.block());
            long[] sum = stepper.zoneTotals(st);
            blocks.give(stepper);
            return sum;
        }).reduce((a, b) -> {
            long[] sum = a.clone();
            for (int s = 0; s < sum.length; s++) {
                sum[s] += b[s];
            }
            return sum;
        });
        if (old != null) {
            old.unpersist(false);
        }
        return next;
    }

    /** Hands output k to the observer, collecting the field to the driver only when it is wanted. */
    private void observe(int k, double t, JavaPairRDD<Integer, BlockState> state, long[] zoneTotals,
            IntPredicate fieldAt, BlockRunner.FieldObserver observer, BlockRunner.ZoneObserver zones, Blocks blocks) {
        long[] totals = new long[model.speciesCount()];
        for (int i = 0; i < zoneTotals.length; i++) {
            totals[i % totals.length] += zoneTotals[i];
        }
        int[] field = null;
        if (fieldAt.test(k)) {
            List<Tuple2<Integer, int[]>> interiors = state.mapValues(st -> {
                BlockStepper stepper = blocks.take(st.block());
                int[] interior = stepper.interior(st);
                blocks.give(stepper);
                return interior;
            }).collect();
            GridAssembler<int[]> grid = GridAssembler.int32(Box.cells(model.domain()), model.speciesCount());
            for (Tuple2<Integer, int[]> b : interiors) {
                Box box = layout.box(b._1());
                grid.add(box.lo(), box.size(), b._2());
            }
            field = grid.whole();
        }
        observer.observe(k, t, field, totals);
        if (zones != null) {
            zones.observe(k, t, zoneTotals.clone());
        }
    }

    /**
     * Reliable checkpoints need a directory: spark.checkpoint.dir, or in local mode a temporary one
     * removed when the JVM exits (Spark's cleaner removes each checkpoint once its RDD is gone).
     */
    static void prepareCheckpointDir(JavaSparkContext jsc) {
        if (jsc.getCheckpointDir().isPresent()) {
            return;
        }
        if (!jsc.master().startsWith("local")) {
            throw new UserInputException("a decomposed run on a cluster needs spark.checkpoint.dir on a file system "
                    + "every executor reaches (e.g. --conf spark.checkpoint.dir=hdfs:///tmp/rdsim)");
        }
        try {
            Path dir = Files.createTempDirectory("rdsim-lineage-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            jsc.setCheckpointDir(dir.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary checkpoint directory", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    public MacroSchedule schedule() {
        return schedule;
    }

    public int partitions() {
        return partitions;
    }
}
