package org.rdsim.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.special.Gamma;
import org.rdsim.core.rng.LogFactorial;

/**
 * Tolerances for stochastic tests, derived from standard errors (statistical-tests.md).
 *
 * <p>Z = 4.5 gives a two-sided false-alarm rate of 6.8e-6 per check; a suite of a few hundred
 * checks then raises a false alarm about once in 500 full runs, and with fixed seeds a passing
 * run stays passing.
 */
public final class Stat {

    /** Standard errors allowed between an estimate and its exact value. */
    public static final double Z = 4.5;
    /** Smallest accepted chi-square p-value. */
    public static final double P_MIN = 1e-4;

    private Stat() {
    }

    /** Asserts |estimate - exact| &le; Z se, with the numbers in the message. */
    public static void assertAgrees(String what, double estimate, double exact, double se) {
        double z = (estimate - exact) / se;
        assertTrue(Math.abs(z) <= Z, String.format("%s: estimate %.6g vs exact %.6g, se %.3g, z = %.2f (limit %.1f)",
                what, estimate, exact, se, z, Z));
    }

    /** Asserts |estimate - exact| &gt; Z se: a bias the test must be able to see. */
    public static void assertDiffers(String what, double estimate, double exact, double se) {
        double z = (estimate - exact) / se;
        assertTrue(Math.abs(z) > Z, String.format("%s: estimate %.6g vs %.6g, se %.3g, z = %.2f should exceed %.1f",
                what, estimate, exact, se, z, Z));
    }

    public static double poissonPmf(double mean, long k) {
        return Math.exp(-mean + k * Math.log(mean) - LogFactorial.of(k));
    }

    /** Pearson chi-square of observed counts against probabilities (bins merged to expected &ge; 5). */
    public static ChiSquare chiSquare(long[] observed, double[] probabilities) {
        long n = 0;
        for (long o : observed) {
            n += o;
        }
        List<double[]> bins = new ArrayList<>(); // {observed, expected}
        double o = 0;
        double e = 0;
        for (int i = 0; i < observed.length; i++) {
            o += observed[i];
            e += probabilities[i] * n;
            if (e >= 5) {
                bins.add(new double[] {o, e});
                o = 0;
                e = 0;
            }
        }
        if (!bins.isEmpty()) { // the tail goes into the last bin
            double[] last = bins.get(bins.size() - 1);
            last[0] += o;
            last[1] += e;
        }
        double stat = 0;
        for (double[] b : bins) {
            stat += (b[0] - b[1]) * (b[0] - b[1]) / b[1];
        }
        int dof = bins.size() - 1;
        if (dof < 1) {
            throw new AssertionError("a chi-square test needs at least two bins with 5 expected counts each; got "
                    + bins.size() + " from " + n + " samples");
        }
        return new ChiSquare(stat, dof, Gamma.regularizedGammaQ(dof / 2.0, stat / 2.0));
    }

    /** A chi-square statistic, its degrees of freedom and upper-tail p-value. */
    public record ChiSquare(double statistic, int dof, double p) {
        public void assertFits(String what) {
            assertTrue(p > P_MIN, String.format("%s: chi-square %.2f on %d dof, p = %.3g < %.0e", what, statistic,
                    dof, p, P_MIN));
        }
    }

    /** Mean and standard error of an i.i.d. sample. */
    public static double[] meanAndSe(double[] sample) {
        double mean = 0;
        for (double v : sample) {
            mean += v;
        }
        mean /= sample.length;
        double ss = 0;
        for (double v : sample) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (sample.length - 1));
        return new double[] {mean, sd / Math.sqrt(sample.length)};
    }

    /**
     * Sample variance of an i.i.d. sample and its standard error from the fourth central moment:
     * Var(s^2) ~ (m4 - s^4 (n - 3)/(n - 1)) / n.
     */
    public static double[] varianceAndSe(double[] sample) {
        int n = sample.length;
        double mean = 0;
        for (double v : sample) {
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m4 = 0;
        for (double v : sample) {
            double d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        double s2 = m2 / (n - 1);
        m4 /= n;
        double var = (m4 - s2 * s2 * (n - 3.0) / (n - 1.0)) / n;
        return new double[] {s2, Math.sqrt(var)};
    }
}
