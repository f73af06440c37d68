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
