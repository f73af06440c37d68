package org.rdsim.spark.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;
import org.rdsim.core.io.TimeSeriesCsv;
import org.rdsim.core.model.Model;
import org.rdsim.core.rdme.NextSubvolume;
import org.rdsim.core.rdme.SpatialRunner;
import org.rdsim.core.wellmixed.ReplicaRunner;
import org.rdsim.core.wellmixed.WellMixedSimulator;
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
        try {
            return simulate(m, dir);
        } catch (RuntimeException e) {
            dir.discardIfUnused();
            throw e;
        }
    }

    private int simulate(Model m, OutputDirectory dir) {
        if (m.spatial()) {
            return simulateLattice(m, dir);
        }
        String[] species = m.speciesNames();
        ReplicaRunner runner = new ReplicaRunner(m);
        double[] times = runner.times();
        PlotPoints plot = new PlotPoints(times.length);
        double[] finalState = new double[species.length];
        long[] wall = new long[1];
        try (ProgressDisplay progress = ProgressDisplay.start("outputs", times.length - 1, !output.noProgress, System.err)) {
            dir.writeText("timeseries.csv", (Writer w) -> {
                TimeSeriesCsv csv = new TimeSeriesCsv(w, species);
                long start = System.nanoTime();
                runner.runOne(replica, (k, t, x) -> {
                    csv.record(k, t, x);
                    plot.offer(k, t, x);
                    if (k == times.length - 1) {
                        System.arraycopy(x, 0, finalState, 0, x.length);
                    }
                    progress.stepTo(k);
                });
                wall[0] = System.nanoTime() - start;
            });
        }
        WellMixedSimulator sim = runner.simulator();
        double seconds = wall[0] * 1e-9;
        boolean discrete = m.method().algorithm().discrete();
        Summary summary = new Summary("run", m).put("algorithm", sim.name()).put("replica", replica);
        if (discrete) {
            summary.put("eventsPerReaction", Summary.perReaction(m.reactionNames(), sim.extents(), true))
                    .put("totalEvents", sim.totalFirings())
                    .put("wallTimeSeconds", seconds)
                    .put("eventsPerSecond", sim.totalFirings() / Math.max(seconds, 1e-9));
        } else {
            summary.put("reactionExtents", Summary.perReaction(m.reactionNames(), sim.extents(), false))
                    .put("wallTimeSeconds", seconds);
        }
        summary.put("diagnostics", sim.diagnostics())
                .put("finalState", Summary.perReaction(species, finalState, discrete));
        dir.write("summary.json", summary::write);
        dir.write("timeseries.png", out -> Plots.trajectory(plot.t, plot.x, species,
                m.name() + " (" + m.method().algorithm().key() + ", seed " + m.seed() + ", replica " + replica + ")",
                out));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %s, %d events in %.3f s -> %s%n", m.name(), sim.name(), sim.totalFirings(), seconds,
                dir.location());
        out.flush();
        return 0;
    }

    /** A spatial model on one block (the whole domain) with the Next Subvolume Method. */
    private int simulateLattice(Model m, OutputDirectory dir) {
        String[] species = m.speciesNames();
        SpatialRunner runner = new SpatialRunner(m);
        double[] times = runner.times();
        PlotPoints plot = new PlotPoints(times.length);
        double[] totals = new double[species.length];
        long[] wall = new long[1];
        NextSubvolume[] engine = new NextSubvolume[1];
        try (ProgressDisplay progress = ProgressDisplay.start("outputs", times.length - 1, !output.noProgress, System.err)) {
            dir.writeText("timeseries.csv", (Writer w) -> {
                TimeSeriesCsv csv = new TimeSeriesCsv(w, species);
                long start = System.nanoTime();
                engine[0] = runner.run(replica, (k, t, counts, total) -> {
                    for (int s = 0; s < total.length; s++) {
                        totals[s] = total[s];
                    }
                    csv.record(k, t, totals);
                    plot.offer(k, t, totals);
                    progress.stepTo(k);
                });
                wall[0] = System.nanoTime() - start;
            });
        }
        NextSubvolume nsm = engine[0];
        double seconds = wall[0] * 1e-9;
        double[] counts = new double[species.length];
        Summary summary = new Summary("run", m).put("algorithm", "nsm").put("replica", replica)
                .put("domain", java.util.Map.of("cells", m.domain().cells(), "dx", m.domain().dx(), "A", m.domain().depth(),
                        "voxels", m.domain().voxels(), "voxelVolume", m.domain().voxelVolume(),
                        "boundaries", boundaries(m)))
                .put("macroStep", Double.isNaN(m.method().macroStep()) ? m.time().output() : m.method().macroStep())
                .put("blocks", 1)
                .put("eventsPerReaction", perReaction(m.reactionNames(), nsm.firings()))
                .put("hopsPerSpecies", perReaction(species, nsm.hops()))
                .put("outflowPerSpecies", perReaction(species, nsm.outflow()))
                .put("inflowPerSpecies", perReaction(species, nsm.inflow()))
                .put("totalEvents", nsm.events())
                .put("wallTimeSeconds", seconds)
                .put("eventsPerSecond", nsm.events() / Math.max(seconds, 1e-9));
        long[] finalTotals = nsm.totals();
        java.util.Map<String, Object> perVoxel = new java.util.LinkedHashMap<>();
        for (int s = 0; s < species.length; s++) {
            counts[s] = finalTotals[s];
            perVoxel.put(species[s], finalTotals[s] / (double) m.domain().voxels());
        }
        summary.put("finalTotals", Summary.perReaction(species, counts, true)).put("finalMoleculesPerVoxel", perVoxel);
        dir.write("summary.json", summary::write);
        dir.write("timeseries.png", out -> Plots.trajectory(plot.t, plot.x, species,
                m.name() + " (nsm, seed " + m.seed() + ", replica " + replica + ", totals over the domain)", out));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: nsm on %d voxels, %d events in %.3f s -> %s%n", m.name(), m.domain().voxels(), nsm.events(),
                seconds, dir.location());
        out.flush();
        return 0;
    }

    /** Up to PLOT_POINTS recorded states for the figure; the CSV has all of them. */
    private static final class PlotPoints {
        private final int stride;
        final double[] t;
        final double[][] x;

        PlotPoints(int outputs) {
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
        }
    }

    private static java.util.Map<String, Object> perReaction(String[] names, long[] values) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }

    private static java.util.Map<String, String> boundaries(Model m) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int f = 0; f < m.domain().boundaries().size(); f++) {
            map.put(org.rdsim.core.model.Domain.FACES.get(f), m.domain().boundaries().get(f).toString());
        }
        return map;
    }
}
