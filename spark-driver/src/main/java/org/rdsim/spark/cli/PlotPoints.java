package org.rdsim.spark.cli;

/** Up to PLOT_POINTS recorded states for the figure, and the last state; the CSV has all of them. */
final class PlotPoints {

    private static final int PLOT_POINTS = 20_000;

    private final int stride;
    final int outputs;
    final double[] t;
    final double[][] x;
    double[] last;

    PlotPoints(int outputs) {
        this.outputs = outputs;
        stride = Math.max(1, (outputs + PLOT_POINTS - 1) / PLOT_POINTS);
        int kept = (outputs + stride - 1) / stride;
        t = new double[kept];
        x = new double[kept][];
    }

    void offer(int k, double time, double[] state) {
        if (k % stride == 0) {
            t[k / stride] = time;
            x[k / stride] = state.clone();
        }
        if (k == outputs - 1) {
            last = state.clone();
        }
    }
}
