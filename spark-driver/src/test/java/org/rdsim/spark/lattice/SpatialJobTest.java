package org.rdsim.spark.lattice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.rdme.LatticeEvents;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.partitioning.BlockLayout;
import org.rdsim.partitioning.BlockRunner;
import org.rdsim.spark.ensemble.SparkContexts;

/** A decomposed run on a real local[2] Spark equals the in-process runner bit for bit. */
class SpatialJobTest {

    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        jsc = SparkContexts.getOrCreate(SparkContexts.conf("rdsim-lattice-test", "local[2]"));
    }

    @AfterAll
    static void stop() {
        jsc.stop();
    }

    static final String MODEL = """
            name: spark-binding
            domain:
              cells: [12, 8, 6]
              dx: 1.0
              A: 1.0
              boundary: {default: periodic, x-: {reservoir: {A: 3.0}}, x+: absorbing}
            species:
              A: {D: 1.0, initial: {uniform: 4}}
              B: {D: 0.5, initial: {uniform: 4}}
              C: {D: 0.1, initial: {uniform: 1}}
            reactions: ["A + B -> C @ 1.0", "C -> A + B @ 0.5"]
            method: %s
            time: {end: 0.6, output: 0.2}
            seed: 9
            """;

    @ParameterizedTest(name = "{0} on {1} partitions, layout {2}")
    @CsvSource(delimiter = ';', value = {
        "{algorithm: split-mn, dt: 0.05, block: [4, 4, 3]}; 3; model's",
        "{algorithm: nsm, block: [6, 4, 6]};                2; model's",
        "{algorithm: nsm, block: [12, 8, 6]};               1; model's",
        "{algorithm: nsm, block: [12, 8, 6], macroStep: 0.01}; 2; [6, 8, 3]",
    })
    void theSparkRunEqualsTheInProcessRunner(String method, int partitions, String cut) {
        Model m = Ensembles.model(MODEL.formatted(method));
        BlockLayout layout = cut.equals("model's") ? BlockLayout.of(m)
                : new BlockLayout(m.domain(), java.util.Arrays.stream(cut.replaceAll("[\\[\\] ]", "").split(","))
                        .mapToInt(Integer::parseInt).toArray());
        List<int[]> local = new ArrayList<>();
        List<long[]> localTotals = new ArrayList<>();
        LatticeEvents expected = new BlockRunner(m, layout).run(2, (k, t, counts, totals) -> {
            local.add(counts.clone());
            localTotals.add(totals.clone());
        });
        List<int[]> spark = new ArrayList<>();
        List<long[]> sparkTotals = new ArrayList<>();
        long[] steps = new long[1];
        SpatialJob job = new SpatialJob(jsc, m, layout, partitions);
        LatticeEvents got = job.run(2, k -> k != 1, (k, t, counts, totals) -> {
            spark.add(counts);
            sparkTotals.add(totals.clone());
        }, done -> steps[0] = done);
        assertEquals(job.schedule().steps(), steps[0], "progress hears every macro step");
        assertEquals(local.size(), spark.size());
        for (int k = 0; k < local.size(); k++) {
            assertArrayEquals(localTotals.get(k), sparkTotals.get(k), "totals at output " + k);
            if (k == 1) {
                assertNull(spark.get(k), "no field collected when not asked for");
            } else {
                assertArrayEquals(local.get(k), spark.get(k), "field at output " + k);
            }
        }
        assertArrayEquals(expected.firings(), got.firings());
        assertArrayEquals(expected.hops(), got.hops());
        assertArrayEquals(expected.crossBlock(), got.crossBlock());
        assertEquals(layout.blocks() > 1, java.util.Arrays.stream(got.crossBlock()).sum() > 0,
                "hops across blocks happen exactly when there are several blocks");
        assertArrayEquals(expected.inflow(), got.inflow());
        assertArrayEquals(expected.outflow(), got.outflow());
        assertTrue(got.events() > 1000, "something happened: " + got.events());
    }
}
