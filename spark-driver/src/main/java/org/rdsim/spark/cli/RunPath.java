package org.rdsim.spark.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.rdsim.core.fhd.StabilityGuard;
import org.rdsim.core.io.TimeSeriesCsv;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.Model;
import org.rdsim.core.wellmixed.StateRecorder;
import org.rdsim.spark.output.FieldSnapshots;
import org.rdsim.spark.output.OutputDirectory;
import org.rdsim.spark.output.Plots;
import org.rdsim.spark.output.ProgressDisplay;
import org.rdsim.spark.output.Summary;

/**
 * One of the ways `rdsim run` simulates a model (well-mixed, lattice, FHD), with what they share:
 * the command line's settings, the time series and progress bar, the checkpoints, the summary's
 * domain and the closing line.
 */
abstract class RunPath {

    final ModelOptions model;
    final long replica;
    final SparkOptions spark;
    final boolean inProcess;
    final int[] block;
    final Integer threads;
    final String restart;
    private final boolean noProgress;
    private final PrintWriter out;
    private final PrintWriter err;

    RunPath(RunCommand command) {
        this.model = command.model;
        this.replica = command.replica;
        this.spark = command.spark;
        this.inProcess = command.inProcess;
        this.block = command.block;
        this.threads = command.threads;
        this.restart = command.restart;
        this.noProgress = command.output.noProgress;
        this.out = command.spec.commandLine().getOut();
        this.err = command.spec.commandLine().getErr();
    }

    /** Simulates the model into dir; returns the exit code. */
    abstract int simulate(Model m, OutputDirectory dir, StabilityGuard.Check check);

    /** The run's checkpoints: of this kind of run, the model text with its overrides, the replica and the layout. */
    final RunCheckpoints checkpoints(Model m, OutputDirectory dir, String kind, int[] blocksPerAxis,
            FieldSnapshots snapshots) {
        String text = model.text() + "\n# --set " + String.join("\n# --set ", model.overrides);
        return new RunCheckpoints(m, dir, kind, blocksPerAxis, text, replica, restart != null, snapshots,
                err);
    }

    /**
     * Runs the simulation while writing timeseries.csv, the progress bar and the plot points;
     * returns the wall time in seconds.
     */
    final double writeTimeSeries(OutputDirectory dir, String[] species, PlotPoints plot,
            Consumer<StateRecorder> simulation) {
        return writeTimeSeries(dir, species, plot, null, 0, (recorder, steps) -> simulation.accept(recorder));
    }

    /**
     * The same; with {@code macroSteps} &gt; 0 the progress bar counts the steps (called
     * {@code stepName}: an FHD step of dt, a lattice macro step), which the simulation reports to
     * the LongConsumer it is given (a spatial run has few outputs and many steps).
     */
    final double writeTimeSeries(OutputDirectory dir, String[] species, PlotPoints plot, String stepName,
            long macroSteps, BiConsumer<StateRecorder, LongConsumer> simulation) {
        long[] wall = new long[1];
        boolean bySteps = macroSteps > 0;
        try (ProgressDisplay progress = ProgressDisplay.start(bySteps ? stepName : "outputs",
                bySteps ? macroSteps : plot.outputs - 1, !noProgress, System.err)) {
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

    /** Writes summary.json and timeseries.png, and prints the run's closing line. */
    final int finish(OutputDirectory dir, Summary summary, PlotPoints plot, String[] species, String title,
            String line) {
        dir.write("summary.json", summary::write);
        dir.write("timeseries.png", png -> Plots.trajectory(plot.t, plot.x, species, title, png));
        out.println(line + " -> " + dir.location());
        out.flush();
        return 0;
    }

    /**
     * Heap a spatial run holds per cell and species while its blocks live in this JVM, and for
     * the JVM (and an embedded Spark) itself: the largest heap after a collection, measured with
     * -Xlog:gc (docs/PERFORMANCE.md section 5): abc-3d (nsm, 3 species) 31 MB at 32^3 and 430 MB
     * at 128^3 on local[2] with a snapshot, 63 B; the front (ImMidTau, 2 species) 46 MB at 64^3
     * and 264 MB at 128^3 in one box, 59 B.
     */
    static final double LATTICE_BYTES = 63;
    static final double FHD_BYTES = 59;
    private static final long JVM_BYTES = 32L << 20;

    /**
     * Refuses, before anything is built or written, a run whose blocks would live in this JVM
     * (in process, or on an embedded local Spark) and which cannot fit in its heap: an
     * OutOfMemoryError inside a Spark task ends the JVM with Spark's own stack traces instead of
     * one line. On a cluster the executors hold the blocks, and nothing is checked here.
     */
    static void checkHeap(Model m, boolean blocksHere, double bytesPerValue) {
        if (!blocksHere) {
            return;
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        long voxels = m.domain().voxels();
        double need = JVM_BYTES + voxels * (double) m.speciesCount() * bytesPerValue;
        if (need > maxHeap) {
            throw new org.rdsim.spark.output.UserInputException(String.format(java.util.Locale.ROOT,
                    "%s: %d cells x %d species need about %d MB of heap in this JVM, which has at most %d MB; "
                            + "give it more with RDSIM_MEMORY (for example RDSIM_MEMORY=%dg), or run on a cluster "
                            + "(README, 'Running on a cluster')", m.name(), voxels, m.speciesCount(),
                    (long) (need / (1 << 20)), maxHeap >> 20, (long) Math.ceil(1.25 * need / (1L << 30))));
        }
    }

    /** True when Spark, started for this run, would run its tasks in this JVM. */
    final boolean sparkIsLocal() {
        String master = spark.master != null ? spark.master : System.getProperty("spark.master", "local[*]");
        return master.startsWith("local");
    }

    /** Starts Spark for this run and records its start-up time in summary.json's execution. */
    final JavaSparkContext startSpark(Model m, Map<String, Object> execution) {
        long start = System.nanoTime();
        JavaSparkContext jsc = spark.start("rdsim run " + m.name());
        execution.put("sparkStartSeconds", (System.nanoTime() - start) * 1e-9);
        return jsc;
    }

    /** How the run went, for summary.json: in this JVM (jsc null), or on Spark's master with its partitions. */
    static void recordMode(Map<String, Object> execution, JavaSparkContext jsc, int partitions) {
        execution.put("mode", jsc == null ? "in-process" : "spark");
        if (jsc != null) {
            execution.put("master", jsc.master());
            execution.put("partitions", partitions);
        }
    }

    /** The domain as summary.json records it. */
    static Map<String, Object> domainSummary(Domain domain) {
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
