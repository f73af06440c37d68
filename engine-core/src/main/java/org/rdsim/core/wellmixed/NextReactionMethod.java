package org.rdsim.core.wellmixed;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The next-reaction method of Gibson and Bruck in Anderson's modified form (J. Chem. Phys. 127,
 * 214107, 2007): each reaction is a unit-rate Poisson process run at internal time
 * T_j = integral of a_j dt; it fires when T_j reaches its next jump P_j. The putative absolute
 * firing times t + (P_j - T_j)/a_j sit in an indexed heap, so an event costs one exponential and
 * O(d log M) work for d affected reactions. Internal times are brought up to date lazily, only
 * when a reaction's propensity changes, which also handles propensities that drop to zero.
 */
public final class NextReactionMethod extends WellMixedSimulator {

    private final double[] a;
    private final double[] internal;   // T_j at lastUpdate[j]
    private final double[] nextJump;   // P_j
    private final double[] lastUpdate; // absolute time of the last change of a_j
    private final double[] putative;
    private final IndexedMinHeap heap;

    public NextReactionMethod(ReactionNetwork net) {
        super(net);
        int m = net.reactions();
        a = new double[m];
        internal = new double[m];
        nextJump = new double[m];
        lastUpdate = new double[m];
        putative = new double[m];
        heap = new IndexedMinHeap(m);
    }

    @Override
    public String name() {
        return "nrm";
    }

    @Override
    public void simulate(double[] x, double[] times, UniformRandomProvider rng, StateRecorder recorder) {
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
        final ReactionNetwork n = net;
        final int m = n.reactions;
        final int[] depStart = n.dependentStart;
        final int[] deps = n.dependents;
        double t = times[0];
        for (int j = 0; j < m; j++) {
            a[j] = n.propensity(j, x);
            internal[j] = 0;
            nextJump[j] = exponential.sample();
            lastUpdate[j] = t;
            putative[j] = a[j] > 0 ? t + nextJump[j] / a[j] : Double.POSITIVE_INFINITY;
        }
        int next = 0;
        if (m > 0) {
            heap.reset(putative);
        }
        while (next < times.length && m > 0) {
            int mu = heap.minItem();
            double tNext = heap.minKey();
            while (next < times.length && times[next] < tNext) {
                recorder.record(next, times[next], x);
                next++;
            }
            if (next == times.length || tNext == Double.POSITIVE_INFINITY) {
                break;
            }
            t = tNext;
            firings[mu]++;
            n.fire(mu, x);
            internal[mu] = nextJump[mu]; // exactly at its jump
            lastUpdate[mu] = t;
            nextJump[mu] += exponential.sample();
            boolean muUpdated = false;
            for (int d = depStart[mu]; d < depStart[mu + 1]; d++) {
                int i = deps[d];
                internal[i] += a[i] * (t - lastUpdate[i]);
                lastUpdate[i] = t;
                a[i] = n.propensity(i, x);
                heap.update(i, a[i] > 0 ? t + (nextJump[i] - internal[i]) / a[i] : Double.POSITIVE_INFINITY);
                muUpdated |= i == mu;
            }
            if (!muUpdated) {
                heap.update(mu, a[mu] > 0 ? t + (nextJump[mu] - internal[mu]) / a[mu] : Double.POSITIVE_INFINITY);
            }
        }
        for (; next < times.length; next++) {
            recorder.record(next, times[next], x);
        }
    }
}
