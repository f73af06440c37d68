package org.rdsim.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.testing.Stat;

class BinomialDeviateTest {

    private static final int SAMPLES = 200_000;

    private static double logPmf(long n, double p, long k) {
        return LogFactorial.of(n) - LogFactorial.of(k) - LogFactorial.of(n - k) + k * Math.log(p)
                + (n - k) * Math.log1p(-p);
    }

    private static long[] histogram(long n, double drawP, long seed) {
        UniformRandomProvider rng = KeyedStreams.stream(seed, 77, n, Double.doubleToLongBits(drawP), 0, 0);
        long[] counts = new long[(int) n + 1];
        for (int i = 0; i < SAMPLES; i++) {
            long k = BinomialDeviate.sample(rng, n, drawP);
            assertTrue(k >= 0 && k <= n);
            counts[(int) k]++;
        }
        return counts;
    }

    private static double[] pmf(long n, double p) {
        double[] f = new double[(int) n + 1];
        for (int k = 0; k <= n; k++) {
            f[k] = Math.exp(logPmf(n, p, k));
        }
        return f;
    }

    @ParameterizedTest(name = "n {0}, p {1}")
    @CsvSource({"5, 0.3", "30, 0.2", "60, 0.16", "100, 0.1", "1000, 0.5", "1000000, 0.001", "50, 0.9", "400, 0.97"})
    void samplesFollowTheBinomialLaw(long n, double p) {
        long[] counts = histogram(n, p, 1);
        Stat.chiSquare(counts, pmf(n, p)).assertFits("Binomial(" + n + ", " + p + ")");
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k <= n; k++) {
            sum += (double) k * counts[k];
            sumSq += (double) k * k * counts[k];
        }
        double mean = sum / SAMPLES;
        double var = sumSq / SAMPLES - mean * mean;
        Stat.assertAgrees("mean", mean, n * p, Math.sqrt(n * p * (1 - p) / SAMPLES));
        double v = n * p * (1 - p);
        double mu4 = v * (1 + 3 * (n - 2) * p * (1 - p)); // fourth central moment
        Stat.assertAgrees("variance", var, v, Math.sqrt((mu4 - v * v) / SAMPLES));
    }

    @ParameterizedTest(name = "n {0}, p {1}")
    @CsvSource({"30, 0.2", "1000, 0.5"})
    void theTestRejectsATwoPercentBias(long n, double p) {
        double pValue = Stat.chiSquare(histogram(n, p * 1.02, 2), pmf(n, p)).p();
        assertTrue(pValue < Stat.P_MIN, "a 2% biased sampler must fail the chi-square test, p = " + pValue);
    }

    @Test
    void edgesAndBadParameters() {
        UniformRandomProvider rng = KeyedStreams.stream(3, 4, 5);
        assertEquals(0, BinomialDeviate.sample(rng, 0, 0.5));
        assertEquals(0, BinomialDeviate.sample(rng, 10, 0));
        assertEquals(10, BinomialDeviate.sample(rng, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> BinomialDeviate.sample(rng, -1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BinomialDeviate.sample(rng, 3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BinomialDeviate.sample(rng, 3, 1.5));
    }
}
