package org.rdsim.spark.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.rdsim.core.fhd.FhdBlocks;
import org.rdsim.core.fhd.FhdLayout;
import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.fhd.FhdScheme;
import org.rdsim.core.rdme.BlockState;
import org.rdsim.core.fhd.StabilityGuard;
import org.rdsim.core.io.TimeSeriesCsv;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.MethodSpec;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelException;
import org.rdsim.core.rdme.LatticeEvents;
import org.rdsim.core.wellmixed.ReplicaRunner;
import org.rdsim.core.wellmixed.StateRecorder;
import org.rdsim.core.wellmixed.WellMixedSimulator;
import org.rdsim.partitioning.BlockLayout;
import org.rdsim.partitioning.BlockRunner;
import org.rdsim.partitioning.MacroSchedule;
import org.rdsim.spark.lattice.FhdJob;
import org.rdsim.spark.output.Checkpoints;
import org.rdsim.spark.lattice.SpatialJob;
import org.rdsim.spark.output.FieldSnapshots;
import org.rdsim.spark.output.OutputDirectory;
import org.rdsim.spark.output.Plots;
import org.rdsim.spark.output.ProgressDisplay;
import org.rdsim.spark.output.Summary;
import org.rdsim.spark.output.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One trajectory. A well-mixed trajectory is a single sequential computation, so it runs in the
 * driver JVM without starting Spark.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Simulate one trajectory: timeseries.csv, timeseries.png and summary.json.",
    "Replica r of a seed is the same trajectory as replica r of an ensemble with that seed.",
    "A model with a domain runs on the lattice (nsm or split-mn), its blocks decomposed on Spark",
    "(local mode by default), or with an FHD scheme (EMTau ... ImMidSSA) in this JVM:",
    "totals in timeseries.csv, field snapshots under fields/."})
final class RunCommand implements Callable<Integer> {

    /** Points kept in memory for the trajectory figure; the CSV has every point. */

    @Mixin
    ModelOptions model;

    @Mixin
    OutputOptions output;

    @Option(names = "--replica", paramLabel = "R", defaultValue = "0",
            description = "Which replica of the seed to simulate (default ${DEFAULT-VALUE}).")
    long replica;

    @Mixin
    SparkOptions spark;

    @Option(names = "--in-process",
            description = "Spatial models: run the blocks in this JVM without Spark (same numbers as on Spark). "
                    + "A single-block run does so unless --master or --partitions is given.")
    boolean inProcess;

    @Option(names = "--block", paramLabel = "NX[,NY[,NZ]]", split = ",",
            description = "Spatial models: block size in voxels per axis (default: method.block, else the whole "
                    + "grid up to 64^3 voxels and blocks of 64 per axis beyond; FHD schemes: the whole grid, one "
                    + "block, unless given).")
    int[] block;

    @Option(names = "--threads", paramLabel = "N",
            description = "FHD schemes on one box in this JVM: threads that share each step (default: the "
                    + "machine's cores). Any count gives the same numbers.")
    Integer threads;

    @Option(names = "--macro-step", paramLabel = "T",
            description = "nsm: time between halo exchanges (default: method.macroStep, else one that keeps 0.25%% "
                    + "of molecules in transit between blocks).")
    Double macroStep;

    @Option(names = "--restart", paramLabel = "DIR",
            description = "Spatial models: continue the run whose results are in DIR from its newest complete "
                    + "checkpoint (the model file, --set overrides, --replica, --block and Spark or --in-process must be "
                    + "the run's own); "
                    + "the results are completed in DIR. The continuation equals an uninterrupted run.")
    String restart;

    @Mixin
    StabilityOption stability;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (replica < 0) {
            throw new UserInputException("--replica must be 0 or more, got " + replica);
        }
        spark.check();
        Model first = model.read();
        if (!first.spatial() && (block != null || macroStep != null || inProcess)) {
            throw new UserInputException("--block, --macro-step and --in-process apply to spatial models; '"
                    + first.name() + "' has no domain");
        }
        boolean fhd = first.method().algorithm().fhd();
        if (threads != null && (!fhd || threads < 1)) {
            throw new UserInputException(!fhd ? "--threads applies to FHD schemes; '" + first.name() + "' uses "
                    + first.method().algorithm().key() : "--threads must be 1 or more, got " + threads);
        }
        if (fhd && macroStep != null) {
            throw new UserInputException(first.method().algorithm().key() + " exchanges halos every step of dt; "
                    + "--macro-step applies to nsm");
        }
        String fromOptions = null;
        if (!fhd && (block != null || macroStep != null)) {
            fromOptions = "method=" + methodWith(first.method());
            model.overrides.add(fromOptions);
        }
        Model m = load(fromOptions);
        if (fhd && block != null) {
            blocksPerAxis(m, block); // a bad --block is refused before anything is written
        }
        if (!m.spatial() && (restart != null || m.checkpoint() != null)) {
            throw new UserInputException((restart != null ? "--restart" : "checkpoint:") + " applies to spatial runs "
                    + "(lattice and FHD) so far; '" + m.name() + "' is well-mixed");
        }
        StabilityGuard.Check check = stability.check(m);
        if (restart != null) {
            if (output.out != null && !output.out.equals(restart)) {
                throw new UserInputException("--restart continues the run in " + restart + "; leave out --out (or give "
                        + "the same directory)");
            }
            OutputDirectory dir = OutputDirectory.resume(restart, HadoopConf.fromSparkProperties());
            return simulate(m, dir, check);
        }
        OutputDirectory dir = output.prepare(m.name());
        return dir.discardIfFails(() -> simulate(m, dir, check));
    }

    /**
     * The model; a problem with the method that --block or --macro-step made ({@code fromOptions},
     * an override the user did not type) is reported as theirs.
     */
    private Model load(String fromOptions) {
        try {
            return model.load();
        } catch (ModelException e) {
            String label = "--set " + fromOptions;
            if (fromOptions == null || !label.equals(e.source())) {
                throw e;
            }
            List<String> given = new ArrayList<>();
            if (block != null) {
                given.add("--block " + java.util.Arrays.stream(block).mapToObj(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")));
            }
            if (macroStep != null) {
                given.add("--macro-step " + macroStep);
            }
            throw new UserInputException(String.join(" with ", given) + ": "
                    + e.getMessage().substring(label.length() + 2));
        }
    }

    /** The model's method as a YAML flow mapping, with --block and --macro-step applied. */
    private String methodWith(MethodSpec method) {
        StringBuilder sb = new StringBuilder("{algorithm: ").append(method.algorithm().key());
        if (method.algorithm() == Algorithm.SPLIT_MN) {
            if (macroStep != null) {
                throw new UserInputException("--macro-step applies to nsm; the macro step of split-mn is its dt "
                        + "(--set method.dt=...)");
            }
            sb.append(", dt: ").append(method.dt());
        }
        Double step = macroStep != null ? macroStep : Double.isNaN(method.macroStep()) ? null : method.macroStep();
        if (step != null) {
            sb.append(", macroStep: ").append(step);
        }
        int[] b = block != null ? block : method.block();
        if (b != null) {
            sb.append(", block: ").append(java.util.Arrays.toString(b));
        }
        return sb.append('}').toString();
    }

    private int simulate(Model m, OutputDirectory dir, StabilityGuard.Check check) {
        if (m.method().algorithm().fhd()) {
            return simulateFhd(m, dir, check);
        }
        if (m.spatial()) {
            return simulateLattice(m, dir);
        }
        String[] species = m.speciesNames();
        ReplicaRunner runner = new ReplicaRunner(m);
        PlotPoints plot = new PlotPoints(m.time().outputCount());
        double seconds = writeTimeSeries(dir, species, plot, recorder -> runner.runOne(replica, recorder));
        WellMixedSimulator sim = runner.simulator();
        boolean discrete = m.method().algorithm().discrete();
        Summary summary = new Summary("run", m).put("algorithm", sim.name()).put("replica", replica)
                .reactionWork(m.reactionNames(), sim.extents(), sim.totalFirings(), seconds, discrete)
                .put("wallTimeSeconds", seconds)
                .put("diagnostics", sim.diagnostics())
                .put("finalState", Summary.perReaction(species, plot.last, discrete));
        return finish(dir, summary, plot, species,
                m.name() + " (" + m.method().algorithm().key() + ", seed " + m.seed() + ", replica " + replica + ")",
                String.format("%s: %s, %d events in %.3f s", m.name(), sim.name(), sim.totalFirings(), seconds));
    }

    /**
     * A spatial model, block by block (nsm or split-mn): decomposed on Spark, or with
     * --in-process in this JVM. Both give the same numbers.
     */
    private int simulateLattice(Model m, OutputDirectory dir) {
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
            long start = System.nanoTime();
            jsc = spark.start("rdsim run " + m.name());
            execution.put("sparkStartSeconds", (System.nanoTime() - start) * 1e-9);
        }
        try {
            SpatialJob job = jsc == null ? null : new SpatialJob(jsc, m, layout, spark.partitions != null
                    ? spark.partitions : SpatialJob.defaultPartitions(jsc, layout));
            double seconds = writeTimeSeries(dir, species, plot, schedule.steps(), (recorder, steps) -> {
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
            if (job == null) {
                execution.put("mode", "in-process");
            } else {
                execution.put("mode", "spark");
                execution.put("master", jsc.master());
                execution.put("partitions", job.partitions());
            }
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

    /**
     * An FHD model (EMTau ... ImMidSSA): real-valued densities, the whole grid stepped in this JVM,
     * or with --block cut into blocks with ghost zones, on Spark or (--in-process) in this JVM.
     */
    private int simulateFhd(Model m, OutputDirectory dir, StabilityGuard.Check check) {
        String[] species = m.speciesNames();
        FhdRunner runner = new FhdRunner(m);
        FieldSnapshots snapshots = m.fields() == null ? null : new FieldSnapshots(dir, m, BlockLayout.of(m));
        int outputs = m.time().outputCount();
        IntPredicate fieldAt = k -> snapshots != null && m.fields().at(k, outputs);
        PlotPoints plot = new PlotPoints(outputs);
        double[] finalMolecules = new double[species.length];
        FhdRunner.Result[] result = new FhdRunner.Result[1];
        double dt = m.method().dt();
        FhdLayout layout = block == null ? null : new FhdLayout(m, blocksPerAxis(m, block));
        boolean onSpark = !inProcess && (layout != null && layout.blocks() > 1 || spark.master != null
                || spark.partitions != null);
        if (onSpark && layout == null) {
            layout = new FhdLayout(m, new int[] {1, 1, 1});
        }
        FhdLayout cut = layout;
        RunCheckpoints saved = checkpoints(m, dir, "fhd", cut == null ? new int[] {1, 1, 1} : cut.blocksPerAxis(),
                snapshots);
        Checkpoints.Restored restored = saved.restored();
        // The model as given and its overrides, so `rdsim analyze` can read the run back; written once a
        // restart is known to continue this model's run, so a refused one leaves the directory as it was.
        String text = model.text();
        dir.writeText("model.yaml", w -> w.write(text));
        FhdRunner.Resume resume = restored == null ? null
                : new FhdRunner.Resume(restored.step(), joined(m, cut, restored), restored.negative());
        Checkpoints.Sink checkpointing = saved.sink();
        // In this JVM the runner hands over the whole field; it is written block by block as on Spark.
        FhdRunner.Checkpoints inProcessCheckpoints = checkpointing == null ? null : (step, time, n, negative) -> {
            List<Checkpoints.BlockFile> files = new ArrayList<>();
            int count = cut == null ? 1 : cut.blocks();
            for (int b = 0; b < count; b++) {
                files.add(checkpointing.writer().write(step, b, cut == null ? n : cut.own(n, b)));
            }
            checkpointing.commit(step, time, negative, files);
        };
        Map<String, Object> execution = new LinkedHashMap<>();
        JavaSparkContext jsc = null;
        if (onSpark) {
            long start = System.nanoTime();
            jsc = spark.start("rdsim run " + m.name());
            execution.put("sparkStartSeconds", (System.nanoTime() - start) * 1e-9);
        }
        double seconds;
        try {
            FhdJob job = jsc == null ? null : new FhdJob(jsc, m, layout, spark.partitions != null ? spark.partitions
                    : FhdJob.defaultPartitions(jsc, layout));
            // On Spark the executors build the blocks; the driver builds none.
            int team = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            FhdScheme scheme = job != null ? null
                    : layout == null ? FhdRunner.scheme(m, replica, team) : new FhdBlocks(m, replica, layout);
            if (job == null && layout == null) {
                execution.put("threads", team);
            }
            seconds = writeTimeSeries(dir, species, plot, runner.steps(), (recorder, steps) -> {
                for (Checkpoints.Output o : saved.earlier()) { // the outputs before the checkpoint, as they were recorded
                    System.arraycopy(o.molecules(), 0, finalMolecules, 0, species.length);
                    recorder.record(o.k(), o.time(), o.molecules());
                }
                FhdRunner.Observer observer = (k, t, field, molecules) -> {
                    System.arraycopy(molecules, 0, finalMolecules, 0, molecules.length);
                    recorder.record(k, t, molecules);
                    saved.record(k, t, molecules);
                    if (field != null) {
                        snapshots.write(Math.round(t / dt), t, field);
                    }
                };
                result[0] = job != null ? job.run(replica, fieldAt, observer, steps, resume, checkpointing)
                        : runner.run(replica, scheme, fieldAt, observer, steps, resume, inProcessCheckpoints);
            });
            execution.put("mode", job != null ? "spark" : "in-process");
            if (job != null) {
                execution.put("master", jsc.master());
                execution.put("partitions", job.partitions());
            }
            execution.put("blocks", layout == null ? 1 : layout.blocks());
            if (layout != null && layout.blocks() > 1) {
                int[] per = java.util.Arrays.copyOf(layout.blocksPerAxis(), m.domain().dimensions());
                execution.put("blocksPerAxis", per);
                execution.put("ghostCells", layout.ghost());
            }
        } finally {
            if (jsc != null) {
                jsc.stop();
            }
        }
        FhdRunner.Result r = result[0];
        Domain domain = m.domain();
        Map<String, Object> negative = new LinkedHashMap<>();
        for (int s = 0; s < species.length; s++) {
            negative.put(species[s], Map.of("cellSteps", r.negative()[s], "fraction", r.negativeFraction(s)));
        }
        Map<String, Object> stability = new LinkedHashMap<>();
        stability.put("stable", check.stable());
        stability.put("forced", !check.stable());
        stability.put("beta", check.beta());
        stability.put("alpha", check.alpha());
        stability.put("relaxationRate", check.r());
        stability.put("largestStableDt", Double.isInfinite(check.largestStableDt()) ? "unbounded"
                : check.largestStableDt());
        Map<String, Object> perCell = new LinkedHashMap<>();
        for (int s = 0; s < species.length; s++) {
            perCell.put(species[s], finalMolecules[s] / (domain.voxels() * domain.voxelVolume()));
        }
        String scheme = m.method().fhdName();
        Summary summary = new Summary("run", m).put("algorithm", scheme).put("replica", replica)
                .put("overrides", model.overrides)
                .put("domain", domainSummary(domain))
                .put("dt", dt)
                .put("steps", r.steps())
                .put("stability", stability)
                .put("negativeDensityEvents", negative)
                .put("negativeDensityMeans", "a cell ending a step below -" + FhdRunner.ROUND_OFF
                        + " x its species' largest |n| on the grid after the step (beyond the implicit solves'"
                        + " round-off)")
                .put("execution", execution)
                .put("wallTimeSeconds", seconds)
                .put("secondsPerStep", seconds / Math.max(1, r.steps()))
                .put("cellUpdatesPerSecond", r.steps() * (double) domain.voxels() / Math.max(seconds, 1e-9));
        if (r.phaseNanos() != null) {
            long[] p = r.phaseNanos();
            Map<String, Object> split = new LinkedHashMap<>();
            String[] phases = {"noise", "reactions", "stencils", "solves"};
            for (int i = 0; i < phases.length; i++) {
                split.put(phases[i], p[i] * 1e-9);
            }
            summary.put("timeSplitSeconds", split);
        }
        summary.put("finalMolecules", Summary.perReaction(species, finalMolecules, false))
                .put("finalMeanDensity", perCell);
        if (snapshots != null) {
            summary.put("fieldSnapshots", snapshots.written());
        }
        return finish(dir, summary, plot, species,
                m.name() + " (" + scheme + ", seed " + m.seed() + ", replica " + replica + ", molecules in the domain)",
                String.format("%s: %s on %d cells, dt %s, %d steps in %.3f s", m.name(), scheme, domain.voxels(),
                        dt, r.steps(), seconds));
    }

    /** The whole field (species-major) from a checkpoint's block files, in block order. */
    private static double[] joined(Model m, FhdLayout layout, Checkpoints.Restored restored) {
        if (layout == null) {
            return restored.cells(0);
        }
        double[] n = new double[m.speciesCount() * Math.toIntExact(m.domain().voxels())];
        for (int b = 0; b < layout.blocks(); b++) {
            layout.place(restored.cells(b), b, n);
        }
        return n;
    }

    /** The run's checkpoints: of this kind of run, the model text with its overrides, the replica and the layout. */
    private RunCheckpoints checkpoints(Model m, OutputDirectory dir, String kind, int[] blocksPerAxis,
            FieldSnapshots snapshots) {
        String text = model.text() + "\n# --set " + String.join("\n# --set ", model.overrides);
        return new RunCheckpoints(m, dir, kind, blocksPerAxis, text, replica, restart != null, snapshots,
                spec.commandLine().getErr());
    }

    /**
     * Blocks per axis for an FHD grid cut into blocks of at most {@code size} cells per axis (one side
     * for every axis, or one per axis); refused when a block's ghost zone would reach around an axis.
     */
    private static int[] blocksPerAxis(Model m, int[] size) {
        int[] cells = Box.cells(m.domain());
        int[] blocks = {1, 1, 1};
        for (int side : size) {
            if (side < 1) {
                throw new UserInputException("--block: a block needs at least one cell per axis; got "
                        + java.util.Arrays.toString(size));
            }
        }
        int d = m.domain().dimensions();
        if (size.length != 1 && size.length != d) {
            throw new UserInputException("--block: " + size.length + " sides for a " + d + "-D domain; give one side "
                    + "for every axis or one per axis, e.g. --block " + cells[0]);
        }
        int ghost = FhdBlocks.ghostWidth(m);
        double window = m.speciesCount(); // densities a block steps on: its cells and ghost zones
        for (int a = 0; a < d; a++) {
            int side = size[Math.min(a, size.length - 1)];
            blocks[a] = side >= cells[a] ? 1 : (cells[a] + side - 1) / side;
            window *= blocks[a] == 1 ? cells[a] : side + 2.0 * ghost;
            if (blocks[a] > 1 && ghost > cells[a]) { // the implicit solves reach around the whole axis
                throw new UserInputException("--block: " + m.method().algorithm().key() + "'s ghost zone of " + ghost
                        + " cells per side (the implicit solves' reach at the largest D dt / dx^2) is wider than the "
                        + cells[a] + " cells of axis " + "xyz".charAt(a) + ", so every block would step more than the "
                        + "whole grid; leave out --block, or use a smaller dt");
            }
        }
        if (window > Integer.MAX_VALUE - 8) {
            throw new UserInputException("--block: with " + m.method().algorithm().key() + "'s ghost zone of " + ghost
                    + " cells per side a block's window holds more than 2^31 densities; choose larger blocks");
        }
        return blocks;
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

    /**
     * Runs the simulation while writing timeseries.csv, the progress bar and the plot points;
     * returns the wall time in seconds.
     */
    private double writeTimeSeries(OutputDirectory dir, String[] species, PlotPoints plot,
            Consumer<StateRecorder> simulation) {
        return writeTimeSeries(dir, species, plot, 0, (recorder, steps) -> simulation.accept(recorder));
    }

    /**
     * The same; with {@code macroSteps} &gt; 0 the progress bar counts macro steps, which the
     * simulation reports to the LongConsumer it is given (a lattice run has few outputs and many
     * steps).
     */
    private double writeTimeSeries(OutputDirectory dir, String[] species, PlotPoints plot, long macroSteps,
            BiConsumer<StateRecorder, LongConsumer> simulation) {
        long[] wall = new long[1];
        boolean bySteps = macroSteps > 0;
        try (ProgressDisplay progress = ProgressDisplay.start(bySteps ? "macro steps" : "outputs",
                bySteps ? macroSteps : plot.outputs - 1, !output.noProgress, System.err)) {
            dir.writeText("timeseries.csv", (Writer w) -> {
                TimeSeriesCsv csv = new TimeSeriesCsv(w, species);
                long start = System.nanoTime();
                simulation.accept((k, t, x) -> {
                    csv.record(k, t, x);
                    plot.offer(k, t, x);
                    if (!bySteps) {
                        progress.stepTo(k);
                    }
                }, bySteps ? progress::stepTo : done -> { });
                wall[0] = System.nanoTime() - start;
            });
        }
        return wall[0] * 1e-9;
    }

    private int finish(OutputDirectory dir, Summary summary, PlotPoints plot, String[] species, String title,
            String line) {
        dir.write("summary.json", summary::write);
        dir.write("timeseries.png", out -> Plots.trajectory(plot.t, plot.x, species, title, out));
        PrintWriter out = spec.commandLine().getOut();
        out.println(line + " -> " + dir.location());
        out.flush();
        return 0;
    }

    /** The domain as summary.json records it. */
    private static Map<String, Object> domainSummary(Domain domain) {
        return Map.of("cells", domain.cells(), "dx", domain.dx(), "A", domain.depth(), "voxels", domain.voxels(),
                "voxelVolume", domain.voxelVolume(), "boundaries", boundaries(domain));
    }

    private static Map<String, String> boundaries(Domain domain) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int f = 0; f < domain.boundaries().size(); f++) {
            map.put(Domain.FACES.get(f), domain.boundaries().get(f).toString());
        }
        return map;
    }
}
