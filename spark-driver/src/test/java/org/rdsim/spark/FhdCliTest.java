package org.rdsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsim.spark.CliTest.MODELS;
import static org.rdsim.spark.CliTest.assertPng;
import static org.rdsim.spark.CliTest.concat;
import static org.rdsim.spark.CliTest.rdsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsim.core.io.NpyFile;
import org.rdsim.spark.CliTest.Outcome;
import org.rdsim.spark.cli.Rdsim;

/** `rdsim run` and `rdsim analyze` on FHD models end to end: densities, tallies, the stability guard, blocks, threads. */
class FhdCliTest {

    @TempDir
    Path tmp;

    /**
     * An FHD run: float64 density snapshots, the molecules in timeseries.csv, the stability
     * numbers and the negative-density tally in summary.json; replica r of an ensemble is the
     * run of replica r.
     */
    @Test
    void anFhdRunWritesDensitiesAndItsTallies() throws IOException {
        Path out = tmp.resolve("fhd");
        Object[] shorter = {"--set", "time={end: 20.0, output: 10.0}", "--no-progress"};
        Outcome o = rdsim(concat(new Object[] {"run", MODELS.resolve("schlogl-equilibrium-64.yaml"), "--out", out,
            "--replica", 2}, shorter));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("ImMidTau on 64 cells, dt 1.0, 20 steps"), o.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("ImMidTau", summary.get("algorithm").asText());
        assertEquals(20, summary.get("steps").asLong());
        assertTrue(summary.get("stability").get("stable").asBoolean());
        assertEquals(10.0, summary.get("stability").get("largestStableDt").asDouble(), 1e-6); // 2 / r, r = 0.2
        assertEquals(0, summary.get("negativeDensityEvents").get("X").get("cellSteps").asLong());
        assertTrue(summary.get("timeSplitSeconds").has("solves"));
        NpyFile.Float64 last = NpyFile.readFloat64(Files.newInputStream(out.resolve("fields/step-000020.npy")));
        assertArrayEquals(new int[] {1, 1, 1, 64}, last.shape());
        double molecules = Arrays.stream(last.data()).sum() * 10; // dV = A dx = 10
        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals("t,X", csv.get(0));
        assertEquals(molecules, Double.parseDouble(csv.get(3).split(",")[1]), 1e-9 * molecules);

        Path ens = tmp.resolve("fhd-ensemble");
        Outcome e = rdsim(concat(new Object[] {"ensemble", MODELS.resolve("schlogl-equilibrium-64.yaml"), "--out", ens,
            "--replicas", 4, "--master", "local[2]"}, shorter));
        assertEquals(0, e.code(), e.err());
        List<String> finals = Files.readAllLines(ens.resolve("final.csv"));
        assertEquals(csv.get(3).split(",")[1], finals.get(3).split(",")[1], "replica 2 of the ensemble is the run");
    }

    /**
     * The stability guard refuses a dt beyond the scheme's limit before anything is written,
     * naming the limit and the largest stable dt; --force runs anyway and says so in summary.json.
     */
    @Test
    void theFhdStabilityGuardRefusesAnUnstableDtUnlessForced() throws IOException {
        Path out = tmp.resolve("unstable");
        Object[] argv = {"run", MODELS.resolve("schlogl-equilibrium-64.yaml"), "--out", out, "--no-progress",
            "--set", "method={algorithm: EMTau, dt: 0.5}", "--set", "time={end: 5.0, output: 5.0}",
            "--set", "output={fields: {every: 5.0, format: [npy]}}"};
        Outcome refused = rdsim(argv);
        assertEquals(Rdsim.BAD_INPUT, refused.code(), refused.err());
        assertEquals(1, refused.err().strip().split("\n").length, refused.err());
        assertTrue(refused.err().contains("beyond the stability limit of EMTau: beta + alpha/(4d) <= 1/(2d) (paper "
                + "eq. 27, d = 1)"), refused.err());
        assertTrue(refused.err().contains("the largest stable dt is 0.476190"), refused.err()); // 1 / (2 + 0.1)
        assertFalse(Files.exists(out), "nothing is written");
        Outcome forced = rdsim(concat(argv, new Object[] {"--force"}));
        assertEquals(0, forced.code(), forced.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("stability").get("forced").asBoolean());
        Outcome wrongPlace = rdsim("run", MODELS.resolve("birth-death.yaml"), "--force", "--out", tmp.resolve("bd"));
        assertEquals(Rdsim.BAD_INPUT, wrongPlace.code());
        assertTrue(wrongPlace.err().contains("--force applies to the FHD schemes"), wrongPlace.err());
        Outcome macro = rdsim("run", MODELS.resolve("front-3d-64.yaml"), "--macro-step", "1.0", "--out",
                tmp.resolve("f"));
        assertEquals(Rdsim.BAD_INPUT, macro.code());
        assertTrue(macro.err().contains("ImMidTau exchanges halos every step of dt"), macro.err());
    }

    /**
     * An FHD run cut into 4 blocks of 16 cells: on local[2] Spark it equals the same blocks in this
     * JVM bit for bit and the single box within 1e-9 of the largest density (ImMidTau, whose blocks
     * solve on ghost zones of 23 cells); summary.json says how it ran.
     */
    @Test
    void anFhdRunOnBlocksEqualsTheSingleBox() throws IOException {
        Object[] common = {"run", MODELS.resolve("schlogl-equilibrium-64.yaml"), "--no-progress", "--set",
            "time={end: 10.0, output: 10.0}", "--set", "output={fields: {every: 10.0, format: [npy]}}"};
        Path box = tmp.resolve("fhd-box");
        Path spark = tmp.resolve("fhd-spark");
        Path local = tmp.resolve("fhd-local");
        assertEquals(0, rdsim(concat(common, new Object[] {"--out", box})).code());
        Outcome o = rdsim(concat(common, new Object[] {"--out", spark, "--block", "16", "--master", "local[2]"}));
        assertEquals(0, o.code(), o.err());
        assertEquals(0, rdsim(concat(common, new Object[] {"--out", local, "--block", "16", "--in-process"})).code());
        JsonNode execution = new ObjectMapper().readTree(spark.resolve("summary.json").toFile()).get("execution");
        assertEquals("spark", execution.get("mode").asText());
        assertEquals(4, execution.get("blocks").asInt());
        assertEquals(23, execution.get("ghostCells").asInt()); // 2 + ln(1e12) / acosh(2)
        double[] a = NpyFile.readFloat64(Files.newInputStream(spark.resolve("fields/step-000010.npy"))).data();
        double[] b = NpyFile.readFloat64(Files.newInputStream(local.resolve("fields/step-000010.npy"))).data();
        double[] c = NpyFile.readFloat64(Files.newInputStream(box.resolve("fields/step-000010.npy"))).data();
        assertArrayEquals(b, a, "Spark and in-process blocks");
        double largest = Arrays.stream(c).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < c.length; i++) {
            assertEquals(c[i], a[i], 1e-9 * largest, "cell " + i);
        }
        Path none = tmp.resolve("fhd-bad-block");
        Outcome bad = rdsim(concat(common, new Object[] {"--out", none, "--block", "0"}));
        assertEquals(Rdsim.BAD_INPUT, bad.code(), bad.err());
        assertTrue(bad.err().contains("--block: a block needs at least one cell per axis"), bad.err());
        assertFalse(Files.exists(none), "nothing is written");
        Path whole = tmp.resolve("fhd-huge-block");
        Outcome huge = rdsim(concat(common, new Object[] {"--out", whole, "--block", "2147483647", "--in-process"}));
        assertEquals(0, huge.code(), huge.err()); // one block, not an overflow (found in review)
        assertEquals(1, new ObjectMapper().readTree(whole.resolve("summary.json").toFile()).get("execution")
                .get("blocks").asInt());
    }

    /** A 2-D FHD run on three threads writes the bytes it writes on one; summary.json records the count. */
    @Test
    void anFhdRunOnThreeThreadsEqualsItsRunOnOne() throws IOException {
        Object[] common = {"run", MODELS.resolve("bpm-2d.yaml"), "--no-progress", "--set",
            "time={end: 5.0, output: 5.0}", "--set", "output={fields: {every: 5.0, format: [npy]}}"};
        Path one = tmp.resolve("fhd-one-thread");
        Path three = tmp.resolve("fhd-three-threads");
        assertEquals(0, rdsim(concat(common, new Object[] {"--out", one, "--threads", "1"})).code());
        assertEquals(0, rdsim(concat(common, new Object[] {"--out", three, "--threads", "3"})).code());
        assertArrayEquals(Files.readAllBytes(one.resolve("fields/step-000010.npy")),
                Files.readAllBytes(three.resolve("fields/step-000010.npy")));
        assertArrayEquals(Files.readAllBytes(one.resolve("timeseries.csv")),
                Files.readAllBytes(three.resolve("timeseries.csv")));
        assertEquals(3, new ObjectMapper().readTree(three.resolve("summary.json").toFile()).get("execution")
                .get("threads").asInt());
    }

    /**
     * `analyze` of a shortened equilibrium Schlogl run: the CSV files with their headers, the
     * figures, a mean density near n_eq = 1 and S(k) near eq. (14)'s flat 1 (loose physical bounds;
     * the statistics are tested in engine-core), the analysis replaced on a second run; bad inputs
     * get one line and exit code 2 and leave the previous analysis alone.
     */
    @Test
    void analyzeWritesTheStructureFactorAndCellStatisticsOfAnFhdRun() throws IOException {
        Path out = tmp.resolve("eq64");
        Outcome run = rdsim("run", MODELS.resolve("schlogl-equilibrium-64.yaml"), "--out", out, "--no-progress",
                "--set", "time={end: 400.0, output: 2.0}", "--set", "output={fields: {every: 2.0, format: [npy]}}");
        assertEquals(0, run.code(), run.err());
        Outcome o = rdsim("analyze", out);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("181 snapshots at t = 40 to 400 (burn-in 40; 201 snapshots in all), 64 cells"),
                o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("X: mean density ")
                && l.contains("over 32 k (eq. 14: 1.000)")), o.out());
        Path analysis = out.resolve("analysis");
        List<String> sk = Files.readAllLines(analysis.resolve("structure-factor.csv"));
        assertEquals("species,k,ktilde,S,se,theory", sk.get(0));
        assertEquals(1 + 32, sk.size());
        double sum = 0;
        for (String row : sk.subList(1, sk.size())) {
            String[] f = row.split(",");
            assertEquals("X", f[0]);
            assertEquals(1.0, Double.parseDouble(f[5]), 1e-9, "eq. (14) at equilibrium is flat at n_eq");
            sum += Double.parseDouble(f[3]) / 32;
        }
        assertEquals(1.0, sum, 0.1, "S(k) near n_eq = 1");
        List<String> cells = Files.readAllLines(analysis.resolve("cell-statistics.csv"));
        assertEquals("species,mean,variance,kl,pneg,zeta,snapshots,cells", cells.get(0));
        String[] stats = cells.get(1).split(",");
        assertEquals("X", stats[0]);
        assertEquals(1.0, Double.parseDouble(stats[1]), 0.05, "mean density near n_eq = 1");
        assertEquals(0.1, Double.parseDouble(stats[2]), 0.02, "variance near n_eq / dV = 0.1 (Poisson counts)");
        assertTrue(Double.parseDouble(stats[3]) < 0.02, "KL from Poisson(10) small: " + cells.get(1));
        assertEquals("181", stats[6]);
        assertEquals("64", stats[7]);
        List<String> counts = Files.readAllLines(analysis.resolve("count-distribution-X.csv"));
        assertEquals("N,measured,poisson", counts.get(0));
        for (String png : new String[] {"structure-factor-X.png", "count-distribution-X.png", "space-time-X.png"}) {
            assertPng(analysis.resolve(png));
        }

        // a second analysis replaces the directory; a bad one leaves it as it was
        Files.writeString(analysis.resolve("stale.txt"), "from before");
        Outcome again = rdsim("analyze", out, "--burn-in", 200);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("101 snapshots at t = 200 to 400"), again.out());
        assertFalse(Files.exists(analysis.resolve("stale.txt")));
        assertTrue(Files.exists(analysis.resolve("cell-statistics.csv")));

        Path noFields = tmp.resolve("no-fields");
        Files.createDirectories(noFields);
        Files.copy(out.resolve("summary.json"), noFields.resolve("summary.json"));
        Path broken = tmp.resolve("broken-model");
        Files.createDirectories(broken.resolve("fields"));
        Files.copy(out.resolve("summary.json"), broken.resolve("summary.json"));
        Files.copy(out.resolve("fields/step-000400.npy"), broken.resolve("fields/step-000400.npy"));
        Files.writeString(broken.resolve("model.yaml"), "name: x\nspecies: {X: {D: -1}}\n");
        Path wellMixed = tmp.resolve("well-mixed");
        assertEquals(0, rdsim("run", MODELS.resolve("birth-death.yaml"), "--out", wellMixed, "--no-progress").code());
        Object[][] bad = {
            {"analyze", tmp.resolve("missing")},
            {"analyze", tmp},                       // no summary.json
            {"analyze", noFields},
            {"analyze", out, "--burn-in", 390},     // 6 snapshots left
            {"analyze", broken},
            {"analyze", wellMixed},
            {"analyze", out, "--burn-in", -1},
        };
        String[] expected = {"does not exist", "has no summary.json", "has no fields/step-*.npy snapshots",
            "only 6 of the 201 snapshots (t = 0 to 400) are at t >= 390; the analysis needs at least 20",
            "model no longer loads", "has no domain", "--burn-in must be"};
        for (int i = 0; i < bad.length; i++) {
            Outcome b = rdsim(bad[i]);
            assertEquals(Rdsim.BAD_INPUT, b.code(), Arrays.toString(bad[i]) + ": " + b.err());
            assertEquals(1, b.err().strip().split("\n").length, b.err());
            assertTrue(b.err().startsWith("rdsim: error: ") && b.err().contains(expected[i]), b.err());
            assertFalse(b.err().contains("Exception") || b.err().contains("\tat "), b.err());
        }
        assertTrue(Files.exists(analysis.resolve("cell-statistics.csv")), "a refused analysis keeps the last one");
        try (Stream<Path> leftovers = Files.list(out)) {
            assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().startsWith(".analysis")),
                    "no temporary directory left");
        }
    }
}
