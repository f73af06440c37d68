package org.rdsim.spark.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.spark.api.java.JavaSparkContext;
import org.rdsim.core.fhd.FhdBlocks;
import org.rdsim.core.fhd.FhdLayout;
import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.fhd.FhdScheme;
import org.rdsim.core.fhd.StabilityGuard;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.Model;
import org.rdsim.partitioning.BlockLayout;
import org.rdsim.spark.lattice.FhdJob;
import org.rdsim.spark.output.Checkpoints;
import org.rdsim.spark.output.FieldSnapshots;
import org.rdsim.spark.output.OutputDirectory;
import org.rdsim.spark.output.Summary;
import org.rdsim.spark.output.UserInputException;

/**
 * An FHD model (EMTau ... ImMidSSA): real-valued densities, the whole grid stepped in this JVM
 * (on --threads threads), or with --block cut into blocks with ghost zones, on Spark or
 * (--in-process) in this JVM.
 */
final class FhdRun extends RunPath {

    FhdRun(RunCommand command) {
        super(command);
    }

    @Override
    int simulate(Model m, OutputDirectory dir, StabilityGuard.Check check) {
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
        checkHeap(m, !onSpark || sparkIsLocal(), FHD_BYTES);
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
            Checkpoints.Writer writer = checkpointing.writer();
            int count = cut == null ? 1 : cut.blocks();
            for (int b = 0; b < count; b++) {
                files.add(writer.write(step, b, cut == null ? n : cut.own(n, b)));
            }
            checkpointing.commit(step, time, negative, files);
        };
        Map<String, Object> execution = new LinkedHashMap<>();
        JavaSparkContext jsc = null;
        if (onSpark) {
            jsc = startSpark(m, execution);
        }
        double seconds;
        try {
            FhdJob job = jsc == null ? null : new FhdJob(jsc, m, layout, spark.partitions != null ? spark.partitions
                    : FhdJob.defaultPartitions(jsc, layout));
            int team = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            // On Spark the executors build the blocks; the driver builds none.
            FhdScheme scheme = job != null ? null
                    : layout == null ? FhdRunner.scheme(m, replica, team) : new FhdBlocks(m, replica, layout);
            if (job == null && layout == null) {
                execution.put("threads", team);
            }
            seconds = writeTimeSeries(dir, species, plot, "steps", runner.steps(), (recorder, steps) -> {
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
            recordMode(execution, jsc, job == null ? 0 : job.partitions());
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

    /**
     * Blocks per axis for an FHD grid cut into blocks of at most {@code size} cells per axis (one side
     * for every axis, or one per axis); refused when a block's ghost zone would reach around an axis.
     */
    static int[] blocksPerAxis(Model m, int[] size) {
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
}
