package org.rdsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rdsim.core.model.Model;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;
import org.rdsim.partitioning.ChunkedEnsemble;
import org.rdsim.spark.ensemble.EnsembleJob;
import org.rdsim.spark.ensemble.SparkContexts;

/** The ensemble job on a real local Spark with two executor threads and Kryo registration required. */
class EnsembleJobTest {

    private static JavaSparkContext jsc;

    @BeforeAll
    static void startSpark() {
        jsc = SparkContexts.getOrCreate(SparkContexts.conf("rdsim-test", "local[2]"));
    }

    @AfterAll
    static void stopSpark() {
        jsc.stop();
    }

    private static Model model(String method, double end) {
        return Ensembles.model("""
                name: birth-death
                volume: 1.0
                species: {X: 0}
                reactions: ["0 -> X @ 30", "X -> 0 @ 1.5"]
                time: {end: %s, output: 0.25}
                seed: 2718
                """.formatted(end), "method=" + method);
    }

    @Test
    void statisticsAreBitIdenticalForAnyPartitioningAndEqualTheInProcessReference() {
        for (String method : new String[] {"direct", "{algorithm: tau, epsilon: 0.05}"}) {
            Model m = model(method, 2.0);
            EnsembleStatistics one = EnsembleJob.run(jsc, m, 500, 1, null).statistics();
            EnsembleStatistics four = EnsembleJob.run(jsc, m, 500, 4, null).statistics();
            EnsembleStatistics many = EnsembleJob.run(jsc, m, 500, 37, null).statistics();
            assertTrue(one.sameAs(four), method + ": 1 vs 4 partitions");
            assertTrue(one.sameAs(many), method + ": 1 vs 37 partitions");
            assertTrue(one.sameAs(ChunkedEnsemble.runInProcess(m, 500, 3)), method + ": Spark vs in-process");
        }
    }

    @Test
    void theEnsembleThroughSparkHasThePoissonLaw() {
        int replicas = 8000;
        AtomicLong progress = new AtomicLong();
        EnsembleJob.Result r = EnsembleJob.run(jsc, model("ssa", 4.0), replicas, 16, progress::set);
        EnsembleStatistics s = r.statistics();
        assertEquals(replicas, s.count());
        assertEquals(replicas, progress.get(), "progress reached every replica");
        double[] t = s.times();
        for (int k = 1; k < t.length; k++) {
            double lambda = 20 * (1 - Math.exp(-1.5 * t[k]));
            Stat.assertAgrees("mean at t=" + t[k], s.mean(k, 0), lambda, Math.sqrt(lambda / replicas));
            // sd of the sample variance of a Poisson sample: sqrt((lambda + 2 lambda^2)/n)
            double var = s.sd(k, 0) * s.sd(k, 0);
            Stat.assertAgrees("variance at t=" + t[k], var, lambda, Math.sqrt((lambda + 2 * lambda * lambda) / replicas));
        }
    }
}
