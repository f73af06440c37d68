package org.rdsim.spark.lattice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.fhd.FhdBlocks;
import org.rdsim.core.fhd.FhdLayout;
import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.spark.ensemble.SparkContexts;

/**
 * An FHD run cut into blocks on a real local[2] Spark: the same numbers as the same blocks in
 * this JVM bit for bit, the same as the single box for the explicit schemes, and within the
 * implicit solves' tolerance of it for the implicit ones; the same negative-density tally.
 */
class FhdJobTest {

    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        jsc = SparkContexts.getOrCreate(SparkContexts.conf("rdsim-fhd-test", "local[2]"));
    }

    @AfterAll
    static void stop() {
        jsc.stop();
    }

    /** The front model of models.md on 12 x 10 x 8 cells with mixed walls, 6 steps in 3 outputs. */
    private static Model front(String algorithm, double dt) {
        return Ensembles.model("""
                name: fhd-spark
                species:
                  A: {D: 1.0,  initial: {sphere-tanh: {radius: 6, width: 4, inside: 2.16245, outside: 0.0}}}
                  B: {D: 10.0, initial: {sphere-tanh: {radius: 6, width: 4, inside: 1.35018, outside: 10.0}}}
                reactions: ["A -> 0 @ 0.4", "2 A + B -> 3 A @ 0.137", "B -> 0 @ 0.1", "0 -> B @ 1.0"]
                domain:
                  cells: [12, 10, 8]
                  dx: 2.0
                  A: 1000.0
                  boundary: {default: periodic, x-: reflecting, x+: {reservoir: {A: 0.0, B: 10.0}}}
                method: {algorithm: %s, dt: %s}
                time: {end: %s, output: %s}
                seed: 4
                """.formatted(algorithm, dt, 6 * dt, 2 * dt));
    }

    private record Run(List<double[]> fields, List<double[]> molecules, FhdRunner.Result result) {
    }

    private static Run collect(Model m, boolean spark, FhdLayout layout) {
        return collect(m, spark, layout, 3);
    }

    private static Run collect(Model m, boolean spark, FhdLayout layout, int partitions) {
        List<double[]> fields = new ArrayList<>();
        List<double[]> molecules = new ArrayList<>();
        FhdRunner.Observer observer = (k, t, field, mol) -> {
            fields.add(field);
            molecules.add(mol.clone());
        };
        FhdRunner.Result r;
        if (spark) {
            r = new FhdJob(jsc, m, layout, partitions).run(2, k -> true, observer, done -> { });
        } else {
            FhdRunner runner = new FhdRunner(m);
            r = runner.run(2, layout == null ? FhdRunner.scheme(m, 2) : new FhdBlocks(m, 2, layout), k -> true,
                    observer, done -> { });
        }
        return new Run(fields, molecules, r);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ExMidTau, 0.02, 0", "EM-SSA, 0.02, 0", "ImMidTau, 0.05, 1e-9"})
    void theSparkRunEqualsTheBlocksAndTheSingleBox(String algorithm, double dt, double tolerance) {
        Model m = front(algorithm, dt);
        FhdLayout layout = new FhdLayout(m, new int[] {2, 2, 2});
        Run spark = collect(m, true, layout);
        Run blocks = collect(m, false, layout);
        Run box = collect(m, false, null);
        assertEquals(4, spark.fields().size());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(blocks.fields().get(k), spark.fields().get(k), "output " + k + ": Spark vs blocks");
            double[] a = spark.fields().get(k);
            double[] b = box.fields().get(k);
            if (tolerance == 0) {
                assertArrayEquals(b, a, "output " + k + ": blocks vs the single box");
            } else {
                double largest = 0;
                double diff = 0;
                for (int i = 0; i < a.length; i++) {
                    largest = Math.max(largest, Math.abs(b[i]));
                    diff = Math.max(diff, Math.abs(a[i] - b[i]));
                }
                assertTrue(diff < tolerance * largest, "output " + k + ": " + diff / largest);
            }
            for (int s = 0; s < 2; s++) {
                double want = box.molecules().get(k)[s];
                assertEquals(want, spark.molecules().get(k)[s], 1e-9 * want, "molecules, output " + k);
            }
        }
        assertEquals(6, spark.result().steps());
        assertArrayEquals(blocks.result().negative(), spark.result().negative());
        assertArrayEquals(box.result().negative(), spark.result().negative());
    }

    /**
     * A run that goes negative often (one molecule per cell, EMTau near its limit, 40 steps on 4
     * blocks of 8 cells): on 2 and on 3 partitions the fields, the molecules and the negative
     * tallies equal the in-process blocks' bit for bit (the molecules are summed in block order,
     * whatever order the tasks finish in), and the tallies equal the single box's.
     */
    @org.junit.jupiter.api.Test
    void theTotalsAndTalliesDoNotDependOnThePartitioning() {
        Model m = Ensembles.model(Ensembles.SPARSE_FHD, "time={end: 16.0, output: 4.0}");
        FhdLayout layout = new FhdLayout(m, new int[] {4, 1, 1});
        Run blocks = collect(m, false, layout);
        Run box = collect(m, false, null);
        assertTrue(box.result().negative()[0] > 0, "the run goes negative");
        assertArrayEquals(box.result().negative(), blocks.result().negative());
        for (int partitions : new int[] {2, 3}) {
            Run spark = collect(m, true, layout, partitions);
            for (int k = 0; k < blocks.fields().size(); k++) {
                assertArrayEquals(blocks.fields().get(k), spark.fields().get(k), "field, output " + k);
                assertArrayEquals(blocks.molecules().get(k), spark.molecules().get(k), "molecules, output " + k);
            }
            assertArrayEquals(blocks.result().negative(), spark.result().negative(), partitions + " partitions");
        }
    }
}
