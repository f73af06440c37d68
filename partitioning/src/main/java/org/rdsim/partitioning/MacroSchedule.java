package org.rdsim.partitioning;

import java.io.Serializable;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.Species;
import org.rdsim.core.model.TimeSpec;

/**
 * The macro steps of a lattice run: each output interval is cut into equal steps no longer than
 * the macro step, numbered from 0 over the whole run (the step number keys the random streams).
 *
 * <p>The macro step is the split scheme's dt, or for the Next Subvolume Method the model's
 * {@code macroStep}. Left unset, it is the output interval on one block, where it changes nothing
 * but which numbers are drawn. On several blocks a molecule that hops into another block is in
 * transit until the end of the step, unable to react: on average a fraction
 * (shared faces per voxel) (D/dx^2) (step / 2) of the fastest species is. The default step keeps
 * that fraction at {@link #IN_TRANSIT}; rates that depend on it shift by about as much
 * (README, "Blocks and Spark"; measured in docs/PERFORMANCE.md, "The NSM lag on several blocks").
 */
public final class MacroSchedule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Time-average fraction of the fastest species in transit between blocks at the default macro step. */
    public static final double IN_TRANSIT = 0.0025;

    private final double[] times;
    private final long[] firstStep;  // per output interval k (from times[k-1] to times[k]): its first step
    private final double maxStep;

    public MacroSchedule(Model model, BlockLayout layout) {
        times = model.time().outputTimes();
        maxStep = macroStep(model, layout);
        firstStep = new long[times.length + 1];
        for (int k = 1; k < times.length; k++) {
            firstStep[k + 1] = firstStep[k] + TimeSpec.steps(times[k] - times[k - 1], maxStep);
        }
    }

    /** The longest macro step in effect. */
    public static double macroStep(Model model, BlockLayout layout) {
        if (model.method().algorithm() == Algorithm.SPLIT_MN) {
            return model.method().dt();
        }
        if (!Double.isNaN(model.method().macroStep())) {
            return model.method().macroStep();
        }
        double output = model.time().output();
        if (layout.blocks() == 1) {
            return output;
        }
        double dMax = 0;
        for (Species s : model.species()) {
            for (int z = 0; z < model.domain().zones(); z++) {
                dMax = Math.max(dMax, model.domain().obstacle(z) ? 0 : s.diffusion(z));
            }
        }
        double dx = model.domain().dx();
        double crossings = layout.sharedFacesPerVoxel() * dMax / (dx * dx); // per molecule per unit time
        return crossings > 0 ? Math.min(output, 2 * IN_TRANSIT / crossings) : output;
    }

    public double maxStep() {
        return maxStep;
    }

    /** Output times 0 = t_0 &lt; t_1 &lt; ... (the last is the end time). */
    public double[] times() {
        return times.clone();
    }

    public int outputs() {
        return times.length;
    }

    /** Macro steps in the whole run. */
    public long steps() {
        return firstStep[times.length];
    }

    /** The macro steps that lead from output k - 1 to output k: [firstStep(k), firstStep(k + 1)). */
    public long firstStep(int k) {
        return firstStep[k];
    }

    /** Start of step i of output interval k (end of the step before, exactly, so steps tile the interval). */
    public double start(int k, long i) {
        long n = firstStep[k + 1] - firstStep[k];
        double span = times[k] - times[k - 1];
        return i == 0 ? times[k - 1] : times[k - 1] + span * i / n;
    }

    /** End of step i of output interval k. */
    public double end(int k, long i) {
        long n = firstStep[k + 1] - firstStep[k];
        return i == n - 1 ? times[k] : start(k, i + 1);
    }

    /** Steps in output interval k. */
    public long stepsIn(int k) {
        return firstStep[k + 1] - firstStep[k];
    }
}
