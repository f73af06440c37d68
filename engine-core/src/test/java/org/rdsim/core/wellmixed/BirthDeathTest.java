package org.rdsim.core.wellmixed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;

/**
 * Birth-death 0 -> X (k_b V), X -> 0 (k_d X) from X(0) = 0 is exactly Poisson with mean
 * (k_b V / k_d)(1 - exp(-k_d t)) at every t (an M/M/infinity queue started empty). The runs end at
 * t = 15 relaxation times, where the law is the stationary Poisson(V k_b / k_d) to 6e-7.
 */
class BirthDeathTest {

    private static final int REPLICAS = 20_000;
    private static final double END = 15.0;

    private static Model model(String algorithm, double birth) {
        return Ensembles.model("""
                name: birth-death
                volume: 2.0
                species: {X: 0}
                reactions: ["0 -> X @ %s", "X -> 0 @ 1.0"]
                time: {end: 15.0, output: 0.5}
                seed: 11
                """.formatted(birth), "method.algorithm=" + algorithm);
    }

    private static double exactMean(double t) {
        return 10.0 * 2.0 * (1 - Math.exp(-t));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "nrm", "tau", "midpoint-tau"})
    void theCountIsPoissonAtEveryTime(String algorithm) {
        EnsembleStatistics stats = Ensembles.run(model(algorithm, 10.0), REPLICAS);
        double[] times = stats.times();
        for (int k = 1; k < times.length; k++) {
            double lambda = exactMean(times[k]);
            Stat.assertAgrees(algorithm + " mean at t=" + times[k], stats.mean(k, 0), lambda,
                    Math.sqrt(lambda / REPLICAS));
        }
        double lambda = exactMean(END);
        double[] finals = Ensembles.finals(stats, 0);
        double[] var = Stat.varianceAndSe(finals);
        Stat.assertAgrees(algorithm + " variance", var[0], lambda, var[1]);
        int size = 60;
        double[] p = new double[size];
        double sum = 0;
        for (int n = 0; n < size - 1; n++) {
            p[n] = Stat.poissonPmf(lambda, n);
            sum += p[n];
        }
        p[size - 1] = 1 - sum;
        Stat.chiSquare(Ensembles.histogram(finals, size), p).assertFits(algorithm + " final histogram");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "nrm"})
    void theTestSeesAFivePercentRateError(String algorithm) {
        EnsembleStatistics stats = Ensembles.run(model(algorithm, 10.5), REPLICAS);
        int last = stats.times().length - 1;
        Stat.assertDiffers("mean with a 5% wrong birth rate", stats.mean(last, 0), exactMean(END),
                Math.sqrt(exactMean(END) / REPLICAS));
    }
}
