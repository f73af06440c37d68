package org.rdsim.core.wellmixed;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Gillespie's direct method with a dependency graph: after a firing only the propensities that
 * depend on a changed species are recomputed, and the total a0 is updated by their differences.
 *
 * <p>The incremental a0 accumulates rounding of the order of 1e-16 times the largest a0 seen
 * since it was last summed, so it is re-summed exactly every 2^16 events and whenever it falls
 * below 1e-6 of that peak; otherwise, after a burst, the leftover of an a0 that is truly zero (or
 * tiny) would be taken for real propensity.
 * Waiting times come from the ziggurat exponential sampler (no logarithm per event).
 */
public final class DirectMethod extends WellMixedSimulator {

    static final int RESUM_EVERY = 1 << 16;
    static final double RESUM_DROP = 1e-6;

    private final double[] a;

    public DirectMethod(ReactionNetwork net) {
        super(net);
        this.a = new double[net.reactions()];
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public void simulate(double[] x, double[] times, UniformRandomProvider rng, StateRecorder recorder) {
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
        final ReactionNetwork n = net;
        final double[] prop = a;
        final long[] fired = firings;
        final int reactions = n.reactions;
        final int[] depStart = n.dependentStart;
        final int[] deps = n.dependents;
        final int[] chStart = n.changeStart;
        final int[] chSpecies = n.changeSpecies;
        final double[] chAmount = n.changeAmount;

        double t = times[0];
        int next = 0;
        double a0 = n.propensities(x, prop);
        double a0Peak = a0;
        int sinceResum = 0;
        while (next < times.length) {
            if (sinceResum >= RESUM_EVERY || a0 < RESUM_DROP * a0Peak) {
                a0 = sum(prop, reactions);
                a0Peak = a0;
                sinceResum = 0;
            }
            if (!(a0 > 0)) {
                break; // nothing can fire any more
            }
            double tNext = t + exponential.sample() / a0;
            while (next < times.length && times[next] < tNext) {
                recorder.record(next, times[next], x);
                next++;
            }
            if (next == times.length) {
                break;
            }
            t = tNext;

            double r = rng.nextDouble() * a0;
            int j = -1;
            double acc = 0;
            for (int i = 0; i < reactions; i++) {
                acc += prop[i];
                if (acc > r) {
                    j = i;
                    break;
                }
            }
            if (j < 0) {
                j = lastPositive(prop, reactions); // r beyond the rounded sum
            }
            fired[j]++;
            for (int q = chStart[j]; q < chStart[j + 1]; q++) {
                x[chSpecies[q]] += chAmount[q];
            }
            for (int d = depStart[j]; d < depStart[j + 1]; d++) {
                int i = deps[d];
                double ai = n.propensity(i, x);
                a0 += ai - prop[i];
                prop[i] = ai;
            }
            if (a0 > a0Peak) {
                a0Peak = a0;
            }
            sinceResum++;
        }
        for (; next < times.length; next++) {
            recorder.record(next, times[next], x);
        }
    }

    private static double sum(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s;
    }

    private static int lastPositive(double[] v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            if (v[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("no reaction with positive propensity");
    }
}
