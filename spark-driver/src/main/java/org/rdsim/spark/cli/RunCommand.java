package org.rdsim.spark.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.rdsim.core.io.TimeSeriesCsv;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.Model;
import org.rdsim.core.rdme.LatticeEvents;
import org.rdsim.core.wellmixed.ReplicaRunner;
import org.rdsim.core.wellmixed.StateRecorder;
import org.rdsim.core.wellmixed.WellMixedSimulator;
import org.rdsim.partitioning.BlockRunner;
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
    "A model with a domain runs the Next Subvolume Method on the lattice (totals in timeseries.csv)."})
final class RunCommand implements Callable<Integer> {

    /** Points kept in memory for the trajectory figure; the CSV has every point. */
    private static final int PLOT_POINTS = 20_000;

    @Mixin
    ModelOptions model;

    @Mixin
    OutputOptions output;

    @Option(names = "--replica", paramLabel = "R", defaultValue = "0",
            description = "Which replica of the seed to simulate (default ${DEFAULT-VALUE}).")
    long replica;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (replica < 0) {
            throw new UserInputException("--replica must be 0 or more, got " + replica);
        }
        Model m = model.load();
        OutputDirectory dir = output.prepare(m.name());
        return dir.discardIfFails(() -> simulate(m, dir));
    }

    private int simulate(Model m, OutputDirectory dir) {
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

    /** A spatial model, block by block (nsm or split-mn). */
    private int simulateLattice(Model m, OutputDirectory dir) {
        String[] species = m.speciesNames();
        BlockRunner runner = new BlockRunner(m);
        PlotPoints plot = new PlotPoints(m.time().outputCount());
        LatticeEvents[] engine = new LatticeEvents[1];
        long[] finalTotals = new long[species.length];
        double seconds = writeTimeSeries(dir, species, plot, recorder -> {
            double[] totals = new double[species.length];
            engine[0] = runner.run(replica, (k, t, counts, total) -> {
                for (int s = 0; s < total.length; s++) {
                    totals[s] = total[s];
                }
                System.arraycopy(total, 0, finalTotals, 0, total.length);
                recorder.record(k, t, totals);
            });
        });
        LatticeEvents nsm = engine[0];
        String algorithm = m.method().algorithm().key();
        Domain domain = m.domain();
        Summary summary = new Summary("run", m).put("algorithm", algorithm).put("replica", replica)
                .put("domain", Map.of("cells", domain.cells(), "dx", domain.dx(), "A", domain.depth(),
                        "voxels", domain.voxels(), "voxelVolume", domain.voxelVolume(),
                        "boundaries", boundaries(domain)))
                .put("macroStep", runner.schedule().maxStep())
                .put("macroSteps", runner.schedule().steps())
                .put("blocks", Map.of("count", runner.layout().blocks(), "size", runner.layout().blockSize(),
                        "layout", runner.layout().describe()))
                .put("eventsPerReaction", Summary.perReaction(m.reactionNames(), nsm.firings()))
                .put("hopsPerSpecies", Summary.perReaction(species, nsm.hops()))
                .put("outflowPerSpecies", Summary.perReaction(species, nsm.outflow()))
                .put("inflowPerSpecies", Summary.perReaction(species, nsm.inflow()))
                .put("totalEvents", nsm.events())
                .put("wallTimeSeconds", seconds)
                .put("eventsPerSecond", nsm.events() / Math.max(seconds, 1e-9));
        Map<String, Object> perVoxel = new LinkedHashMap<>();
        for (int s = 0; s < species.length; s++) {
            perVoxel.put(species[s], finalTotals[s] / (double) domain.voxels());
        }
        summary.put("finalTotals", Summary.perReaction(species, finalTotals)).put("finalMoleculesPerVoxel", perVoxel);
        return finish(dir, summary, plot, species,
                m.name() + " (" + algorithm + ", seed " + m.seed() + ", replica " + replica + ", totals over the domain)",
                String.format("%s: %s on %d voxels, %s, %d events in %.3f s", m.name(), algorithm, domain.voxels(),
                        runner.layout().describe(), nsm.events(), seconds));
    }

    /**
     * Runs the simulation while writing timeseries.csv, the progress bar and the plot points;
     * returns the wall time in seconds.
     */
    private double writeTimeSeries(OutputDirectory dir, String[] species, PlotPoints plot,
            Consumer<StateRecorder> simulation) {
        long[] wall = new long[1];
        try (ProgressDisplay progress = ProgressDisplay.start("outputs", plot.outputs - 1, !output.noProgress,
                System.err)) {
            dir.writeText("timeseries.csv", (Writer w) -> {
                TimeSeriesCsv csv = new TimeSeriesCsv(w, species);
                long start = System.nanoTime();
                simulation.accept((k, t, x) -> {
                    csv.record(k, t, x);
                    plot.offer(k, t, x);
                    progress.stepTo(k);
                });
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

    /** Up to PLOT_POINTS recorded states for the figure, and the last state; the CSV has all of them. */
    private static final class PlotPoints {
        private final int stride;
        final int outputs;
        final double[] t;
        final double[][] x;
        double[] last;

        PlotPoints(int outputs) {
            this.outputs = outputs;
            stride = Math.max(1, (outputs + PLOT_POINTS - 1) / PLOT_POINTS);
            int kept = (outputs + stride - 1) / stride;
            t = new double[kept];
            x = new double[kept][];
        }

        void offer(int k, double time, double[] state) {
            if (k % stride == 0) {
                t[k / stride] = time;
                x[k / stride] = state.clone();
            }
            if (k == outputs - 1) {
                last = state.clone();
            }
        }
    }

    private static Map<String, String> boundaries(Domain domain) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int f = 0; f < domain.boundaries().size(); f++) {
            map.put(Domain.FACES.get(f), domain.boundaries().get(f).toString());
        }
        return map;
    }
}
