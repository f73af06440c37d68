package org.rdsim.core.wellmixed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.rdsim.core.model.TimeSpec;

/**
 * The chemical Langevin equation dX = sum_j nu_j (a_j(X) dt + sqrt(a_j(X)) dW_j), integrated by
 * Euler-Maruyama. Each output interval is cut into equal steps no longer than dt, so outputs
 * fall exactly on steps. Propensities are evaluated at the state clamped at zero; the state
 * itself may dip below zero, and steps that leave a negative count are counted.
 */
public final class ChemicalLangevin extends ContinuousSimulator {

    private final double dt;
    private final double[] increment;
    private long steps;
    private long negativeSteps;

    public ChemicalLangevin(ReactionNetwork net, double dt) {
        super(net);
        this.dt = dt;
        this.increment = new double[net.reactions()];
    }

    @Override
    public String name() {
        return "cle";
    }

    @Override
    public void simulate(double[] x, double[] times, UniformRandomProvider rng, StateRecorder recorder) {
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        final ReactionNetwork n = net;
        final int m = n.reactions;
        recorder.record(0, times[0], x);
        for (int next = 1; next < times.length; next++) {
            double span = times[next] - times[next - 1];
            long count = TimeSpec.steps(span, dt);
            double h = span / count;
            double sqrtH = Math.sqrt(h);
            for (long step = 0; step < count; step++) {
                // All increments from the state at the start of the step.
                double[] incr = increment;
                for (int j = 0; j < m; j++) {
                    double aj = n.propensityClamped(j, x);
                    incr[j] = aj * h + Math.sqrt(aj) * sqrtH * normal.sample();
                }
                boolean negative = false;
                for (int j = 0; j < m; j++) {
                    n.fire(j, x, incr[j]);
                    extent[j] += incr[j];
                }
                for (double v : x) {
                    negative |= v < 0;
                }
                negativeSteps += negative ? 1 : 0;
                steps++;
            }
            recorder.record(next, times[next], x);
        }
    }

    @Override
    public Map<String, Long> diagnostics() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("steps", steps);
        d.put("stepsWithNegativeCounts", negativeSteps);
        return d;
    }

    @Override
    public void resetCounters() {
        super.resetCounters();
        steps = 0;
        negativeSteps = 0;
    }
}
