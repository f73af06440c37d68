package org.rdsim.core.wellmixed;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * One algorithm that advances a well-mixed state through a list of output times.
 *
 * <p>An instance owns its work arrays and counters and is reused across the replicas a task
 * runs (not thread safe). The trajectory is a pure function of the initial state, the output
 * times and the random stream.
 */
public abstract class WellMixedSimulator {

    protected final ReactionNetwork net;
    /** Reaction firings per reaction, accumulated over every call since the last reset. */
    protected final long[] firings;

    protected WellMixedSimulator(ReactionNetwork net) {
        this.net = net;
        this.firings = new long[net.reactions()];
    }

    /**
     * Simulates from state x at time times[0] and records the state at every output time
     * (times[0] included). x is advanced in place.
     */
    public abstract void simulate(double[] x, double[] times, UniformRandomProvider rng, StateRecorder recorder);

    /** The algorithm's name as reported in summaries. */
    public abstract String name();

    public long[] firings() {
        return firings.clone();
    }

    /**
     * How far each reaction has run: firings for the discrete methods, the integrated (CLE:
     * realised) reaction extent in molecules for the continuous ones.
     */
    public double[] extents() {
        double[] e = new double[firings.length];
        for (int j = 0; j < e.length; j++) {
            e[j] = firings[j];
        }
        return e;
    }

    public long totalFirings() {
        long sum = 0;
        for (long f : firings) {
            sum += f;
        }
        return sum;
    }

    /** Algorithm-specific counters (leaps, rejected leaps, right-hand-side evaluations, ...). */
    public Map<String, Long> diagnostics() {
        return new LinkedHashMap<>();
    }

    public void resetCounters() {
        Arrays.fill(firings, 0);
    }
}
