package org.rdsim.core.testing;

/**
 * Batch means for a correlated stationary series: split it into B batches, average each, and
 * take the standard error from the spread of the batch averages. Valid when a batch is much
 * longer than the correlation time.
 */
public final class BatchMeans {

    private final long perBatch;
    private final double[] batchSums;
    private long seen;

    public BatchMeans(int batches, long samples) {
        this.perBatch = samples / batches;
        this.batchSums = new double[batches];
    }

    public void add(double value) {
        long b = seen / perBatch;
        if (b < batchSums.length) {
            batchSums[(int) b] += value;
        }
        seen++;
    }

    public double mean() {
        double s = 0;
        for (double v : batchSums) {
            s += v;
        }
        return s / (perBatch * batchSums.length);
    }

    public double se() {
        int b = batchSums.length;
        double mean = mean();
        double ss = 0;
        for (double v : batchSums) {
            double d = v / perBatch - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (b - 1) / b);
    }
}
