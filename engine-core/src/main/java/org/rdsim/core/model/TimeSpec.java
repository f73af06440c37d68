package org.rdsim.core.model;

import java.io.Serializable;

/** Simulated time span [0, end] and the interval between recorded states. */
public record TimeSpec(double end, double output) implements Serializable {

    /** The recording times 0, output, 2 output, ..., with end always the last one. */
    public double[] outputTimes() {
        long steps = (long) Math.floor(end / output * (1 + 1e-12));
        boolean endOnGrid = Math.abs(steps * output - end) <= 1e-9 * end;
        int n = (int) (endOnGrid ? steps + 1 : steps + 2);
        double[] times = new double[n];
        for (int k = 0; k < n; k++) {
            times[k] = k * output; // multiply, never accumulate: no drift over long runs
        }
        times[n - 1] = end;
        return times;
    }
}
