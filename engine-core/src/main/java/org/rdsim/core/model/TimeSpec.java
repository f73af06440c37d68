package org.rdsim.core.model;

import java.io.Serializable;

/** Simulated time span [0, end] and the interval between recorded states. */
public record TimeSpec(double end, double output) implements Serializable {

    /**
     * How many equal steps no longer than {@code maxStep} cover {@code span} (at least one); the
     * tolerance keeps a span that is a whole number of steps from gaining one by rounding.
     */
    public static long steps(double span, double maxStep) {
        return Math.max(1, (long) Math.ceil(span / maxStep * (1 - 1e-12)));
    }

    /** True when {@code span} is a whole number of {@code step}s, up to rounding (1e-9 relative). */
    public static boolean wholeSteps(double span, double step) {
        double steps = span / step;
        return Math.abs(steps - Math.rint(steps)) <= 1e-9 * steps;
    }

    /** How many recording times {@link #outputTimes} has. */
    public int outputCount() {
        long steps = (long) Math.floor(end / output * (1 + 1e-12));
        boolean endOnGrid = Math.abs(steps * output - end) <= 1e-9 * end;
        return (int) (endOnGrid ? steps + 1 : steps + 2);
    }

    /** The recording times 0, output, 2 output, ..., with end always the last one. */
    public double[] outputTimes() {
        int n = outputCount();
        double[] times = new double[n];
        for (int k = 0; k < n; k++) {
            times[k] = k * output; // multiply, never accumulate: no drift over long runs
        }
        times[n - 1] = end;
        return times;
    }
}
