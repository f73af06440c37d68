package org.rdsim.spark.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.rdsim.core.io.EnsembleCsv;
import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.wellmixed.ReplicaRunner;
import org.rdsim.partitioning.BlockRunner;
import org.rdsim.spark.ensemble.EnsembleJob;
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

@Command(name = "ensemble", mixinStandardHelpOptions = true, description = {
    "Simulate N trajectories as a Spark job: ensemble.csv, final.csv, summary.json, plots/.",
    "Runs on the embedded local[*] unless --master or spark-submit say otherwise. The statistics",
    "do not depend on the number of partitions or executors."})
final class EnsembleCommand implements Callable<Integer> {

    /** Final states gathered on the driver for final.csv: 2^27 doubles = 1 GiB. */
    private static final long MAX_FINAL_VALUES = 1L << 27;
    /** Output times x species per statistics object (about 200 bytes each at most). */
    private static final long MAX_CELLS = 2_000_000;

    @Mixin
    ModelOptions model;

    @Mixin
    OutputOptions output;

    @Mixin
    StabilityOption stability;

    @Option(names = "--replicas", paramLabel = "N", required = true, description = "Number of trajectories.")
    long replicas;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long commandStart = System.nanoTime();
        if (replicas < 1 || replicas > Integer.MAX_VALUE) {
            throw new UserInputException("--replicas must be between 1 and " + Integer.MAX_VALUE + ", got " + replicas);
        }
        spark.check();
        long loadStart = System.nanoTime();
        Model m = model.load();
        if (m.checkpoint() != null) {
            throw new UserInputException("checkpoint: applies to `rdsim run` of spatial models so far; an ensemble "
                    + "does not checkpoint (remove the checkpoint block from the model file)");
        }
        checkSize(m);
        stability.check(m);
        OutputDirectory dir = output.prepare(m.name());
        return dir.discardIfFails(() -> simulate(m, dir, loadStart, commandStart));
    }

    private int simulate(Model m, OutputDirectory dir, long loadStart, long commandStart) {
        // Builds the engine once here: a problem shows before Spark starts, and in local mode the
        // executors, which share this JVM, find the generated kernel compiled.
        if (m.method().algorithm().fhd()) {
            new FhdRunner(m);
        } else if (m.spatial()) {
            new BlockRunner(m);
        } else {
            new ReplicaRunner(m);
        }
        double loading = (System.nanoTime() - loadStart) * 1e-9;
        long sparkStart = System.nanoTime();
        JavaSparkContext jsc = spark.start("rdsim ensemble " + m.name());
        double startup = (System.nanoTime() - sparkStart) * 1e-9;
        try {
            int p = spark.partitions != null ? spark.partitions : EnsembleJob.defaultPartitions(jsc, replicas);
            EnsembleJob.Result result;
            try (ProgressDisplay progress = ProgressDisplay.start("replicas", replicas, !output.noProgress,
                    System.err)) {
                result = EnsembleJob.run(jsc, m, replicas, p, progress::stepTo);
                progress.stepTo(replicas);
            }
            write(dir, m, result, jsc.master(), loading, startup, commandStart);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s: %d replicas (%s) in %.2f s on %s, Spark start-up %.2f s -> %s%n", m.name(), replicas,
                    m.method().algorithm().key(), result.seconds(), jsc.master(), startup, dir.location());
            out.flush();
            return 0;
        } finally {
            jsc.stop();
        }
    }

    /** Statistics hold (output times x species) cells per chunk: refuse what cannot fit in memory. */
    private void checkSize(Model m) {
        long cells = (long) m.time().outputCount() * m.speciesCount();
        if (cells > MAX_CELLS) {
            throw new UserInputException(m.time().outputCount() + " output times x " + m.speciesCount()
                    + " species = " + cells + " statistics per replica chunk; an ensemble keeps at most " + MAX_CELLS
                    + ": choose a longer time.output (e.g. --set time.output=...)");
        }
        if (replicas * m.speciesCount() > MAX_FINAL_VALUES) {
            throw new UserInputException("--replicas " + replicas + " with " + m.speciesCount() + " species would keep "
                    + replicas * m.speciesCount() + " final values on the driver (for final.csv); at most "
                    + MAX_FINAL_VALUES + ": run the ensemble in parts with different seeds");
        }
    }

    /** Tables and plots first, summary.json last, with the time each phase took. */
    private static void write(OutputDirectory dir, Model m, EnsembleJob.Result result, String master, double loading,
                              double startup, long commandStart) {
        long writeStart = System.nanoTime();
        EnsembleStatistics stats = result.statistics();
        String[] species = m.speciesNames();
        dir.writeText("ensemble.csv", w -> EnsembleCsv.writeStatistics(stats, species, w));
        dir.writeText("final.csv", w -> EnsembleCsv.writeFinals(stats, species, w));
        double end = m.time().end();
        for (int s = 0; s < species.length; s++) {
            int index = s;
            double[] finals = new double[(int) stats.count()];
            for (int i = 0; i < finals.length; i++) {
                finals[i] = stats.finalValue(i, s);
            }
            dir.write("plots/mean-" + species[s] + ".png", out -> Plots.meanWithBand(stats, index, species[index], out));
            dir.write("plots/final-histogram-" + species[s] + ".png",
                    out -> Plots.histogram(finals, species[index], end, out));
        }
        boolean discrete = m.method().algorithm().discrete();
        double seconds = result.seconds();
        Summary summary = new Summary("ensemble", m)
                .put("replicas", stats.count())
                .put("partitions", result.partitions())
                .put("chunkSize", result.chunkSize())
                .put("master", master)
                .put("loadSeconds", loading)
                .put("sparkStartupSeconds", startup)
                .put("jobSeconds", seconds)
                .put("replicasPerSecond", stats.count() / Math.max(seconds, 1e-9));
        if (!m.method().algorithm().fhd()) {
            summary.reactionWork(m.reactionNames(), stats.extents(), stats.events(), seconds, discrete);
        }
        summary.put("quantiles", stats.quantilesExact() ? "exact"
                : "interpolated within bins where a time point's values spanned more than 4096 bins");
        summary.put("outputSeconds", (System.nanoTime() - writeStart) * 1e-9);
        summary.put("wallTimeSeconds", (System.nanoTime() - commandStart) * 1e-9);
        dir.write("summary.json", summary::write);
    }
}
