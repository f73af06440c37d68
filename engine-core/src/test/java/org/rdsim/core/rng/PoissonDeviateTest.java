package org.rdsim.core.rng;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.testing.Stat;

class PoissonDeviateTest {

    private static final int SAMPLES = 200_000;

    private static long[] histogram(double drawMean, double lawMean, long seed) {
        UniformRandomProvider rng = KeyedStreams.stream(seed, 99, (long) (lawMean * 1000));
        int size = (int) (lawMean + 12 * Math.sqrt(lawMean) + 30);
        long[] counts = new long[size];
        PoissonDeviate poisson = new PoissonDeviate(rng);
        for (int i = 0; i < SAMPLES; i++) {
            long k = poisson.sample(drawMean);
            counts[(int) Math.min(k, size - 1)]++;
        }
        return counts;
    }

    private static double[] pmf(double mean, int size) {
        double[] p = new double[size];
        double sum = 0;
        for (int k = 0; k < size - 1; k++) {
            p[k] = Stat.poissonPmf(mean, k);
            sum += p[k];
        }
        p[size - 1] = Math.max(0, 1 - sum); // the tail bin
        return p;
    }

    @ParameterizedTest(name = "mean {0}")
    @ValueSource(doubles = {1e-3, 0.05, 0.7, 3.0, 9.999, 10.0, 37.5, 250.0, 4000.0, 250000.0})
    void samplesFollowThePoissonLaw(double mean) {
        long[] counts = histogram(mean, mean, 1);
        Stat.chiSquare(counts, pmf(mean, counts.length)).assertFits("Poisson(" + mean + ")");
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < counts.length; k++) {
            sum += (double) k * counts[k];
            sumSq += (double) k * k * counts[k];
        }
        double m = sum / SAMPLES;
        double var = sumSq / SAMPLES - m * m;
        Stat.assertAgrees("mean", m, mean, Math.sqrt(mean / SAMPLES));
        // Var(s^2) = (mu4 - sigma^4 (n-3)/(n-1))/n with mu4 = lambda (1 + 3 lambda).
        Stat.assertAgrees("variance", var, mean, Math.sqrt((mean * (1 + 3 * mean) - mean * mean) / SAMPLES));
    }

    @ParameterizedTest(name = "mean {0}")
    @ValueSource(doubles = {3.0, 40.0, 4000.0})
    void theTestRejectsATwoPercentBias(double mean) {
        long[] counts = histogram(mean * 1.02, mean, 2);
        double p = Stat.chiSquare(counts, pmf(mean, counts.length)).p();
        assertTrue(p < Stat.P_MIN, "a 2% biased sampler must fail the chi-square test, p = " + p);
    }

    /**
     * The small-mean squeeze (a uniform below 1 - mean is a 0) is a shortcut of the search, not
     * an approximation: uniforms in the few units in the last place around both 1 - mean and the
     * rounded e^-mean give what the search alone gives. (A squeeze at 1 - mean + 2^-51, two
     * units too high, fails three of the means.) sampleAll decides by the same
     * {@code squeezedToZero}, so this holds for it too.
     */
    @ParameterizedTest(name = "mean {0}")
    @ValueSource(doubles = {1e-300, 1e-17, 3e-16, 1e-12, 2.5e-9, 1e-6, 1e-3, 0.5, 0.999999, 2.0})
    void theSqueezeDecidesAsTheSearch(double mean) {
        double p0 = Math.exp(-mean);
        double[] centres = {1 - mean, p0};
        java.util.List<Double> uniforms = new java.util.ArrayList<>();
        for (double centre : centres) {
            double u = centre;
            for (int k = 0; k < 12; k++) {
                u = Math.nextDown(u);
            }
            for (int k = 0; k < 24; k++, u = Math.nextUp(u)) {
                if (u >= 0 && u < 1) {
                    uniforms.add(u);
                }
            }
        }
        for (double u : uniforms) {
            long expected = 0;
            double rest = u;
            double p = p0;
            while (rest > p) {
                rest -= p;
                expected++;
                p *= mean / expected;
            }
            long got = new PoissonDeviate(fixedUniform(u)).sample(mean);
            assertTrue(got == expected, "u = " + u + ": the squeeze gave " + got + ", the search " + expected);
        }
    }

    /** A provider whose every double is u (nextLong is not used by the small-mean search). */
    private static UniformRandomProvider fixedUniform(double u) {
        return new UniformRandomProvider() {
            @Override
            public long nextLong() {
                throw new AssertionError("the small-mean search draws doubles only");
            }

            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    /** sampleAll draws, cell by cell, exactly what sample gives reaction by reaction. */
    @org.junit.jupiter.api.Test
    void sampleAllIsTheSamplesInTurn() {
        double[] law = {0, 1e-9, 1e-3, 0.4, 3.0, 9.999, 10.0, 11.5, 37.5, 250.0, 1000.0, 4000.0, 250000.0, -0.0};
        KeyedStreams.Generator a = new KeyedStreams.Generator().rekey(5, 6, 7, 8, 9, 10);
        KeyedStreams.Generator b = new KeyedStreams.Generator().rekey(5, 6, 7, 8, 9, 10);
        PoissonDeviate all = new PoissonDeviate(a);
        PoissonDeviate one = new PoissonDeviate(b);
        double[][] means = new double[law.length][3];
        java.util.Random shuffle = new java.util.Random(1);
        for (int round = 0; round < 40_000; round++) {
            for (int r = 0; r < law.length; r++) {
                means[r][1] = law[shuffle.nextInt(law.length)];
            }
            double[] given = new double[law.length];
            for (int r = 0; r < law.length; r++) {
                given[r] = means[r][1];
            }
            all.sampleAll(a, means, law.length, 1);
            for (int r = 0; r < law.length; r++) {
                // Raw bits: a -0.0 mean must come back as the +0.0 that sample gives.
                assertTrue(Double.doubleToRawLongBits(means[r][1]) == Double.doubleToRawLongBits(one.sample(given[r])),
                        "round " + round + ", mean " + given[r] + ": " + means[r][1]);
            }
        }
        assertTrue(a.nextLong() == b.nextLong(), "both streams must stand at the same place");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0})
    void zeroMeanGivesZero(double mean) {
        UniformRandomProvider rng = KeyedStreams.stream(1, 2, 3);
        for (int i = 0; i < 100; i++) {
            assertTrue(new PoissonDeviate(rng).sample(mean) == 0);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, -1.0})
    void meansOutsideTheLawAreRefused(double mean) {
        UniformRandomProvider rng = KeyedStreams.stream(1, 2, 3);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PoissonDeviate(rng).sample(mean));
        KeyedStreams.Generator g = new KeyedStreams.Generator().rekey(1, 2, 3, 4, 5, 6);
        double[][] means = {{3.0}, {mean}};
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PoissonDeviate(g).sampleAll(g, means, 2, 0), "sampleAll");
    }
}
