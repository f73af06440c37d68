package org.rdsim.core.rng;

/** log(k!) from a table for small k and the Stirling series beyond it (relative error &lt; 1e-15). */
public final class LogFactorial {

    private static final int TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE];
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    static {
        double sum = 0;
        for (int k = 1; k < TABLE; k++) {
            sum += Math.log(k);
            LOG_FACTORIAL[k] = sum;
        }
    }

    private LogFactorial() {
    }

    /** log(k!) for k &ge; 0. */
    public static double of(long k) {
        if (k < TABLE) {
            return LOG_FACTORIAL[(int) k];
        }
        double n = k + 1.0; // log k! = log Gamma(k + 1)
        double inv = 1.0 / n;
        double inv2 = inv * inv;
        // Stirling: (n - 1/2) log n - n + log(2 pi)/2 + 1/(12 n) - 1/(360 n^3) + 1/(1260 n^5)
        return (n - 0.5) * Math.log(n) - n + HALF_LOG_2PI
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }
}
