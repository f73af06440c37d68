package org.rdsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsim.spark.CliTest.MODELS;
import static org.rdsim.spark.CliTest.concat;
import static org.rdsim.spark.CliTest.rdsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsim.core.io.NpyFile;
import org.rdsim.spark.CliTest.Outcome;

/** `rdsim run` and `rdsim ensemble` on lattice models end to end: fields, decomposition on Spark, compartments. */
class LatticeCliTest {

    @TempDir
    Path tmp;

    @Test
    void aSpatialModelRunsOnTheLatticeAndAsAnEnsemble() throws IOException {
        Path out = tmp.resolve("lattice");
        Outcome o = rdsim("run", MODELS.resolve("morphogen-gradient-1d.yaml"), "--out", out, "--no-progress",
                "--set", "time.end=20 s");
        assertEquals(0, o.code(), o.err());
        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals("t,M", csv.get(0));
        assertEquals("0,0", csv.get(1));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("nsm", summary.get("algorithm").asText());
        assertEquals(50, summary.get("domain").get("voxels").asLong());
        long in = summary.get("inflowPerSpecies").get("M").asLong();
        long gone = summary.get("outflowPerSpecies").get("M").asLong() + summary.get("eventsPerReaction").get("decay").asLong();
        assertEquals(in - gone, Long.parseLong(csv.get(csv.size() - 1).split(",")[1]), "molecules in - out = present");
        assertEquals("in-process", summary.get("execution").get("mode").asText(), "one block stays in this JVM");
        Path ens = tmp.resolve("lattice-ensemble");
        Outcome e = rdsim("ensemble", MODELS.resolve("morphogen-gradient-1d.yaml"), "--replicas", 3, "--out", ens,
                "--master", "local[2]", "--no-progress", "--set", "time.end=20 s");
        assertEquals(0, e.code(), e.err());
        assertEquals(csv.get(csv.size() - 1).split(",")[1], Files.readAllLines(ens.resolve("final.csv")).get(1).split(",")[1],
                "replica 0 of the ensemble is the run's trajectory");
    }

    /**
     * A decomposed run on Spark and the same run in process write the same time series and the
     * same fields (.npy compared value by value; .pvti with one .vti per block; PNG slices).
     */
    @Test
    void aDecomposedRunOnSparkWritesTheSameFieldsAsTheInProcessRun() throws IOException {
        Path spark = tmp.resolve("decomposed-spark");
        Path local = tmp.resolve("decomposed-local");
        Object[] common = {MODELS.resolve("binding-3d.yaml"), "--no-progress", "--block", "16,16,32",
            "--set", "domain.cells=[32, 32, 4]", "--set", "time.end=0.2", "--set", "time.output=0.1",
            "--set", "output={fields: {every: 0.2, format: [vti, npy, png]}}"};
        Outcome a = rdsim(concat(new Object[] {"run", "--master", "local[2]", "--out", spark}, common));
        assertEquals(0, a.code(), a.err());
        Outcome b = rdsim(concat(new Object[] {"run", "--in-process", "--out", local}, common));
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readAllLines(local.resolve("timeseries.csv")), Files.readAllLines(spark.resolve("timeseries.csv")));
        JsonNode summary = new ObjectMapper().readTree(spark.resolve("summary.json").toFile());
        assertEquals("spark", summary.get("execution").get("mode").asText());
        assertEquals(4, summary.get("blocks").get("count").asInt());
        long step = summary.get("macroSteps").asLong();
        for (String name : new String[] {"step-000000.npy", String.format("step-%06d.npy", step)}) {
            NpyFile.Int32 x = NpyFile.readInt32(Files.newInputStream(spark.resolve("fields").resolve(name)));
            NpyFile.Int32 y = NpyFile.readInt32(Files.newInputStream(local.resolve("fields").resolve(name)));
            assertArrayEquals(new int[] {3, 4, 32, 32}, x.shape());
            assertArrayEquals(y.data(), x.data(), name);
        }
        String last = String.format("step-%06d", step);
        assertTrue(Files.exists(spark.resolve("fields").resolve(last + ".pvti")));
        for (int block = 0; block < 4; block++) {
            assertTrue(Files.exists(spark.resolve("fields").resolve(last).resolve(String.format("block-%04d.vti", block))));
        }
        assertTrue(Files.size(spark.resolve("fields").resolve(last + "-C.png")) > 1000);
    }

    /** A model with regions writes compartments.csv, whose molecules add up to the time series' totals. */
    @Test
    void compartmentTotalsAddUpToTheDomainTotals() throws IOException {
        Path model = tmp.resolve("cell.yaml");
        Files.writeString(model, """
                name: cell
                domain:
                  cells: [16, 16]
                  dx: 1.0
                  A: 1.0
                  boundary: reflecting
                  regions:
                    - {name: nucleus, sphere: {center: [8, 8], radius: 4}}
                    - {name: post, kind: obstacle, box: {from: [0, 0], to: [3, 3]}}
                species:
                  M: {D: {default: 1.0, nucleus: 0.2}, initial: {regions: {nucleus: 2.0}}}
                reactions:
                  - {reaction: "transcribe: 0 -> M @ 0.5", in: [nucleus]}
                  - "decay: M -> 0 @ 0.1"
                time: {end: 4.0, output: 2.0}
                seed: 3
                """);
        Path out = tmp.resolve("cell");
        Outcome o = rdsim("run", model, "--out", out, "--no-progress", "--block", "8,16", "--in-process");
        assertEquals(0, o.code(), o.err());
        List<String> rows = Files.readAllLines(out.resolve("compartments.csv"));
        assertEquals("t,compartment,species,molecules,density", rows.get(0));
        List<String> series = Files.readAllLines(out.resolve("timeseries.csv"));
        for (int k = 0; k < 3; k++) {
            String[] dflt = rows.get(1 + 2 * k).split(",");
            String[] nucleus = rows.get(2 + 2 * k).split(",");
            assertEquals("default", dflt[1]);
            assertEquals("nucleus", nucleus[1]);
            assertEquals(Long.parseLong(series.get(1 + k).split(",")[1]),
                    Long.parseLong(dflt[3]) + Long.parseLong(nucleus[3]), "output " + k);
        }
        assertEquals("0", rows.get(1).split(",")[3], "nothing starts outside the nucleus");
    }
}
