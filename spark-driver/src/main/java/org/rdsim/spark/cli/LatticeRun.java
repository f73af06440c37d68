package org.rdsim.spark.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.spark.api.java.JavaSparkContext;
import org.rdsim.core.fhd.StabilityGuard;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.Model;
import org.rdsim.core.rdme.BlockState;
import org.rdsim.core.rdme.LatticeEvents;
import org.rdsim.partitioning.BlockLayout;
import org.rdsim.partitioning.BlockRunner;
import org.rdsim.partitioning.MacroSchedule;
import org.rdsim.spark.lattice.SpatialJob;
import org.rdsim.spark.output.Checkpoints;
import org.rdsim.spark.output.FieldSnapshots;
import org.rdsim.spark.output.OutputDirectory;
import org.rdsim.spark.output.Summary;

/**
 * A spatial model on the lattice (nsm or split-mn), block by block: decomposed on Spark, or with
 * --in-process (or a single block) in this JVM. Both give the same numbers.
 */
final class LatticeRun extends RunPath {

    LatticeRun(RunCommand command) {
        super(command);
    }

    @Override
    int simulate(Model m, OutputDirectory dir, StabilityGuard.Check check) {
        String[] species = m.speciesNames();
        BlockLayout layout = BlockLayout.of(m);
        MacroSchedule schedule = new MacroSchedule(m, layout);
        FieldSnapshots snapshots = m.fields() == null ? null : new FieldSnapshots(dir, m, layout);
        int outputs = schedule.outputs();
        IntPredicate fieldAt = k -> snapshots != null && m.fields().at(k, outputs);
        PlotPoints plot = new PlotPoints(outputs);
        LatticeEvents[] events = new LatticeEvents[1];
        long[] finalTotals = new long[species.length];
        CompartmentTable compartments = m.domain().regions().isEmpty() ? null : new CompartmentTable(m);
        Map<String, Object> execution = new LinkedHashMap<>();
        JavaSparkContext jsc = null;
        // One block has no halos to exchange: Spark would add its per-step latency and nothing else,
        // so such a run stays in this JVM unless a master or partition count asks for Spark.
        boolean local = inProcess || (layout.blocks() == 1 && spark.master == null && spark.partitions == null);
        checkHeap(m, local || sparkIsLocal(), LATTICE_BYTES);
        // A block's state between macro steps holds its halos delivered in this JVM, still owed on Spark.
        RunCheckpoints saved = checkpoints(m, dir, m.method().algorithm().key() + (local ? " in-process" : " on Spark"),
                layout.blocksPerAxis(), snapshots);
        BlockState[] resumed = null;
        if (saved.restored() != null) {
            resumed = new BlockState[layout.blocks()];
            for (int b = 0; b < resumed.length; b++) {
                resumed[b] = saved.restored().state(b);
            }
        }
        BlockState[] resume = resumed;
        Checkpoints.Sink checkpointing = saved.sink();
        if (!local) {
            jsc = startSpark(m, execution);
        }
        try {
            SpatialJob job = jsc == null ? null : new SpatialJob(jsc, m, layout, spark.partitions != null
                    ? spark.partitions : SpatialJob.defaultPartitions(jsc, layout));
            double seconds = writeTimeSeries(dir, species, plot, "macro steps", schedule.steps(),
                    (recorder, steps) -> {
                for (Checkpoints.Output o : saved.earlier()) { // the outputs before the checkpoint
                    for (int s = 0; s < species.length; s++) {
                        finalTotals[s] = (long) o.molecules()[s];
                    }
                    recorder.record(o.k(), o.time(), o.molecules());
                    if (compartments != null) {
                        compartments.observe(o.k(), o.time(), o.zones());
                    }
                }
                BlockRunner.FieldObserver observer = (k, t, counts, total) -> {
                    double[] totals = new double[species.length];
                    for (int s = 0; s < total.length; s++) {
                        totals[s] = total[s];
                    }
                    System.arraycopy(total, 0, finalTotals, 0, total.length);
                    recorder.record(k, t, totals);
                    saved.record(k, t, totals);
                    if (counts != null && fieldAt.test(k)) {
                        snapshots.write(schedule.firstStep(k + 1), t, counts);
                    }
                };
                BlockRunner.ZoneObserver zones = compartments == null ? null : (k, t, zoneTotals) -> {
                    compartments.observe(k, t, zoneTotals);
                    saved.zones(zoneTotals);
                };
                events[0] = job == null
                        ? new BlockRunner(m, layout).run(replica, fieldAt, observer, zones, steps,
                                resume, saved.step(), checkpointing == null ? null : (step, time, state) -> {
                                    List<Checkpoints.BlockFile> files = new ArrayList<>();
                                    for (BlockState st : state) {
                                        files.add(checkpointing.writer().write(step, st.block(), st));
                                    }
                                    checkpointing.commit(step, time, new long[0], files);
                                })
                        : job.run(replica, fieldAt, observer, zones, steps, resume, saved.step(),
                                checkpointing);
            });
            recordMode(execution, jsc, job == null ? 0 : job.partitions());
            execution.put("secondsPerMacroStep", seconds / Math.max(1, schedule.steps()));
            if (compartments != null) {
                dir.writeText("compartments.csv", compartments::write);
            }
            return summarise(m, dir, layout, schedule, events[0], finalTotals, seconds, execution, snapshots, plot);
        } finally {
            if (jsc != null) {
                jsc.stop();
            }
        }
    }

    private int summarise(Model m, OutputDirectory dir, BlockLayout layout, MacroSchedule schedule,
            LatticeEvents events, long[] finalTotals, double seconds, Map<String, Object> execution,
            FieldSnapshots snapshots, PlotPoints plot) {
        String[] species = m.speciesNames();
        String algorithm = m.method().algorithm().key();
        Domain domain = m.domain();
        Summary summary = new Summary("run", m).put("algorithm", algorithm).put("replica", replica)
                .put("domain", domainSummary(domain))
                .put("macroStep", schedule.maxStep())
                .put("macroSteps", schedule.steps())
                .put("blocks", Map.of("count", layout.blocks(), "size", layout.blockSize(),
                        "layout", layout.describe()))
                .put("execution", execution)
                .put("eventsPerReaction", Summary.perReaction(m.reactionNames(), events.firings()))
                .put("hopsPerSpecies", Summary.perReaction(species, events.hops()))
                .put("hopsAcrossBlocksPerSpecies", Summary.perReaction(species, events.crossBlock()))
                .put("outflowPerSpecies", Summary.perReaction(species, events.outflow()))
                .put("inflowPerSpecies", Summary.perReaction(species, events.inflow()))
                .put("totalEvents", events.events())
                .put("wallTimeSeconds", seconds)
                .put("eventsPerSecond", events.events() / Math.max(seconds, 1e-9));
        Map<String, Object> perVoxel = new LinkedHashMap<>();
        for (int s = 0; s < species.length; s++) {
            perVoxel.put(species[s], finalTotals[s] / (double) domain.voxels());
        }
        summary.put("finalTotals", Summary.perReaction(species, finalTotals)).put("finalMoleculesPerVoxel", perVoxel);
        if (snapshots != null) {
            summary.put("fieldSnapshots", snapshots.written());
        }
        return finish(dir, summary, plot, species,
                m.name() + " (" + algorithm + ", seed " + m.seed() + ", replica " + replica + ", totals over the domain)",
                String.format("%s: %s on %d voxels, %s, %s, %d events in %.3f s", m.name(), algorithm,
                        domain.voxels(), layout.describe(), execution.get("mode"), events.events(), seconds));
    }
}
