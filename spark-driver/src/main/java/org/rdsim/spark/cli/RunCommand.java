package org.rdsim.spark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rdsim.core.fhd.StabilityGuard;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.MethodSpec;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelException;
import org.rdsim.spark.output.OutputDirectory;
import org.rdsim.spark.output.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One trajectory: the options of `rdsim run` and the checks that need no simulation. The
 * simulation itself is a {@link WellMixedRun}, a {@link LatticeRun} or an {@link FhdRun}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Simulate one trajectory: timeseries.csv, timeseries.png and summary.json.",
    "Replica r of a seed is the same trajectory as replica r of an ensemble with that seed.",
    "A model with a domain runs on the lattice (nsm or split-mn), its blocks decomposed on Spark",
    "(local mode by default), or with an FHD scheme (EMTau ... ImMidSSA) in this JVM:",
    "totals in timeseries.csv, field snapshots under fields/."})
final class RunCommand implements Callable<Integer> {

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
        if (threads != null && (block != null || spark.master != null || spark.partitions != null)) {
            throw new UserInputException("--threads shares the steps of one box in this JVM; with --block, --master "
                    + "or --partitions the blocks are the units of work (one per task), so leave out --threads");
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
            FhdRun.blocksPerAxis(m, block); // a bad --block is refused before anything is written
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
        RunPath path = m.method().algorithm().fhd() ? new FhdRun(this)
                : m.spatial() ? new LatticeRun(this) : new WellMixedRun(this);
        return path.simulate(m, dir, check);
    }
}
