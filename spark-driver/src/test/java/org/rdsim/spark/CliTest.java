package org.rdsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdsim.core.io.NpyFile;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.spark.cli.Rdsim;

/** The command line end to end: files, exit codes, messages, determinism. */
class CliTest {

    static final Path MODELS = Path.of("..", "conf", "models");
    static final Path MALFORMED = Path.of("src", "test", "resources", "malformed");

    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one command. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome rdsim(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] argv = Stream.of(args).map(Object::toString).toArray(String[]::new);
        int code = Rdsim.execute(new PrintWriter(out, true), new PrintWriter(err, true), argv);
        return new Outcome(code, out.toString(), err.toString());
    }

    static Stream<Path> malformedFiles() throws IOException {
        return Files.list(MALFORMED).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void everyMalformedModelGetsOneLineNamingFileLineAndKeyAndExitCode2(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String line = lines.get(0).replace("# expect-line:", "").strip();
        String phrase = lines.get(1).replace("# expect:", "").strip();
        Outcome[] outcomes = {rdsim("inspect", file), rdsim("run", file, "--out", tmp.resolve("run"), "--no-progress")};
        for (Outcome o : outcomes) {
            String command = o == outcomes[0] ? "inspect" : "run";
            assertEquals(Rdsim.BAD_INPUT, o.code(), command + " " + file + ": " + o.err());
            String[] errLines = o.err().strip().split("\n");
            assertEquals(1, errLines.length, "one line: " + o.err());
            assertTrue(errLines[0].startsWith("rdsim: error: " + file + ":" + line + ": "), o.err());
            assertTrue(errLines[0].contains(phrase), "expected '" + phrase + "' in " + o.err());
            assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        }
        assertFalse(Files.exists(tmp.resolve("run").resolve("timeseries.csv")), "nothing written for a bad model");
    }

    @Test
    void runWritesTheTrajectoryAndItsSummary() throws IOException {
        Path out = tmp.resolve("bd");
        Outcome o = rdsim("run", MODELS.resolve("birth-death.yaml"), "--out", out, "--no-progress");
        assertEquals(0, o.code(), o.err());
        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals("t,X", csv.get(0));
        assertEquals("0,0", csv.get(1));
        assertEquals(122, csv.size()); // header + t = 0, 0.5, ..., 60
        assertTrue(csv.get(121).startsWith("60,"));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("birth-death", summary.get("model").asText());
        assertEquals("direct", summary.get("algorithm").asText());
        assertEquals(1, summary.get("seed").asLong());
        long birth = summary.get("eventsPerReaction").get("birth").asLong();
        long death = summary.get("eventsPerReaction").get("death").asLong();
        assertEquals(birth + death, summary.get("totalEvents").asLong());
        assertEquals(birth - death, Long.parseLong(csv.get(121).split(",")[1]), "X(60) = births - deaths");
        assertTrue(summary.get("eventsPerSecond").asDouble() > 0);
        assertTrue(summary.get("wallTimeSeconds").asDouble() > 0);
        assertPng(out.resolve("timeseries.png"));
    }

    @Test
    void sameSeedGivesIdenticalFilesAndSetChangesIt() throws IOException {
        Path model = MODELS.resolve("schlogl-bistable.yaml");
        assertEquals(0, rdsim("run", model, "--out", tmp.resolve("a"), "--no-progress").code());
        assertEquals(0, rdsim("run", model, "--out", tmp.resolve("b"), "--no-progress").code());
        assertEquals(0, rdsim("run", model, "--out", tmp.resolve("c"), "--set", "seed=43", "--no-progress").code());
        byte[] a = Files.readAllBytes(tmp.resolve("a/timeseries.csv"));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b/timeseries.csv")));
        assertFalse(Arrays.equals(a, Files.readAllBytes(tmp.resolve("c/timeseries.csv"))));
        JsonNode c = new ObjectMapper().readTree(tmp.resolve("c/summary.json").toFile());
        assertEquals(43, c.get("seed").asLong());
    }

    @Test
    void ensembleWritesStatisticsFinalsPlotsAndIsReproducibleAcrossPartitionings() throws IOException {
        Path model = MODELS.resolve("schlogl-bistable.yaml");
        Path a = tmp.resolve("ens-a");
        Path b = tmp.resolve("ens-b");
        Outcome first = rdsim("ensemble", model, "--replicas", 150, "--master", "local[2]", "--partitions", 3,
                "--set", "time.end=50", "--out", a, "--no-progress");
        assertEquals(0, first.code(), first.err());
        Outcome second = rdsim("ensemble", model, "--replicas", 150, "--master", "local[2]", "--partitions", 11,
                "--set", "time.end=50", "--out", b, "--no-progress");
        assertEquals(0, second.code(), second.err());
        for (String f : new String[] {"ensemble.csv", "final.csv"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        List<String> stats = Files.readAllLines(a.resolve("ensemble.csv"));
        assertEquals("t,species,mean,sd,min,q05,q50,q95,max", stats.get(0));
        assertEquals(1 + 51, stats.size());
        assertEquals("0,X,100,0,100,100,100,100,100", stats.get(1));
        List<String> finals = Files.readAllLines(a.resolve("final.csv"));
        assertEquals("replica,X", finals.get(0));
        assertEquals(151, finals.size());
        assertTrue(finals.get(150).startsWith("149,"));
        JsonNode summary = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
        assertEquals(150, summary.get("replicas").asLong());
        assertEquals(3, summary.get("partitions").asInt());
        assertEquals("exact", summary.get("quantiles").asText());
        assertPng(a.resolve("plots/mean-X.png"));
        assertPng(a.resolve("plots/final-histogram-X.png"));

        // Replica r of the ensemble is the trajectory `run --replica r` writes.
        Path single = tmp.resolve("replica-17");
        assertEquals(0, rdsim("run", model, "--replica", 17, "--set", "time.end=50", "--out", single,
                "--no-progress").code());
        List<String> ts = Files.readAllLines(single.resolve("timeseries.csv"));
        assertEquals(ts.get(ts.size() - 1).split(",")[1], finals.get(18).split(",")[1]);
    }

    @Test
    void existingResultsAreNotOverwrittenWithoutPermission() throws IOException {
        Path model = MODELS.resolve("birth-death.yaml");
        Path out = tmp.resolve("keep");
        assertEquals(0, rdsim("run", model, "--out", out, "--no-progress").code());
        byte[] before = Files.readAllBytes(out.resolve("timeseries.csv"));
        Outcome refused = rdsim("run", model, "--out", out, "--set", "seed=9", "--no-progress");
        assertEquals(Rdsim.BAD_INPUT, refused.code());
        assertTrue(refused.err().contains("already holds") && refused.err().contains("--overwrite"), refused.err());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("timeseries.csv")));
        assertEquals(0, rdsim("run", model, "--out", out, "--set", "seed=9", "--overwrite", "--no-progress").code());
        assertFalse(Arrays.equals(before, Files.readAllBytes(out.resolve("timeseries.csv"))));
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("partial")), "no temporary files left");
        }
    }

    @Test
    void badCommandLinesAndPathsAreRefusedWithExitCode2() throws IOException {
        Path model = MODELS.resolve("birth-death.yaml");
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(rdsim("ensemble", model));                                   // --replicas missing
        outcomes.add(rdsim("ensemble", model, "--replicas", 0, "--out", tmp.resolve("z")));
        outcomes.add(rdsim("ensemble", model, "--replicas", "many"));
        outcomes.add(rdsim("run", model, "--frobnicate"));
        outcomes.add(rdsim("simulate", model));
        outcomes.add(rdsim("run", tmp.resolve("missing.yaml")));
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        outcomes.add(rdsim("run", model, "--out", file));
        outcomes.add(rdsim("run", model, "--out", file.resolve("below-a-file")));
        outcomes.add(rdsim("run", model, "--set", "nonsense"));
        outcomes.add(rdsim("ensemble", model, "--replicas", 2_000_000_000, "--out", tmp.resolve("huge")));
        for (Outcome o : outcomes) {
            assertEquals(Rdsim.BAD_INPUT, o.code(), o.err());
            assertFalse(o.err().contains("\tat "), o.err());
            assertTrue(o.err().startsWith("rdsim: "), o.err());
        }
        assertTrue(outcomes.get(5).err().contains("missing.yaml: cannot be read"), outcomes.get(5).err());
        assertTrue(outcomes.get(6).err().contains("is a file, not a directory"), outcomes.get(6).err());
        assertTrue(outcomes.get(9).err().contains("final values on the driver"), outcomes.get(9).err());
    }

    @Test
    void inspectPrintsPropensitiesAndConservationLaws() {
        Outcome o = rdsim("inspect", MODELS.resolve("toggle-switch.yaml"));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("a = k/V * A*(A-1) = 0.05 * A*(A-1)"), o.out());
        assertTrue(o.out().contains("PA + PA_B2 = 1"), o.out());
        assertTrue(o.out().contains("PB + PB_A2 = 1"), o.out());
        assertTrue(o.out().contains("rank 6"), o.out());
    }

    @Test
    void inspectShowsRegionsCompartmentDiffusionAndRestrictedReactions() {
        Outcome o = rdsim("inspect", MODELS.resolve("abc-3d.yaml"));
        assertEquals(0, o.code(), o.err());
        for (String s : new String[] {"Regions: default (compartment, 31856 voxels), nucleus (compartment, 912 voxels)",
            "D = 1, 0.1 in nucleus", "k = 1, in default", "k = 10, in nucleus", "block [16, 16, 16]"}) {
            assertTrue(o.out().contains(s), s + " in " + o.out());
        }
    }

    /**
     * Every example model is read and inspected, and runs: the FHD examples for four steps (their
     * full runs are long; the 3-D fronts beyond 64^3 cells are only inspected, a step of 256^3
     * needs gigabytes).
     */
    @Test
    void everyExampleModelRuns() throws IOException {
        try (Stream<Path> models = Files.list(MODELS)) {
            for (Path m : models.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Outcome inspect = rdsim("inspect", m);
                assertEquals(0, inspect.code(), m + ": " + inspect.err());
                Model model = ModelLoader.load(m, List.of());
                List<Object> argv = new ArrayList<>(List.of("run", m, "--out", tmp.resolve(m.getFileName().toString()),
                        "--no-progress"));
                if (model.method().algorithm().fhd()) {
                    assertTrue(inspect.out().contains("largest stable dt"), inspect.out());
                    if (model.domain().voxels() > 64 * 64 * 64) {
                        continue;
                    }
                    double span = 4 * model.method().dt();
                    argv.addAll(List.of("--set", "time={end: " + span + ", output: " + span + "}", "--set",
                            "output={fields: {every: " + span + ", format: [npy]}}"));
                }
                Outcome o = rdsim(argv.toArray());
                assertEquals(0, o.code(), m + ": " + o.err());
            }
        }
    }

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

    static void assertPng(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', p + " is not a PNG");
    }

    @Test
    void aBadMasterIsRefusedBeforeAnythingIsCreated() {
        Path out = tmp.resolve("never");
        Outcome o = rdsim("ensemble", MODELS.resolve("birth-death.yaml"), "--replicas", 5, "--master", "local[0]",
                "--out", out);
        assertEquals(Rdsim.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().split("\n").length, o.err());
        assertTrue(o.err().contains("is not a Spark master URL"), o.err());
        assertFalse(Files.exists(out), "no directory is left behind");
    }

    @Test
    void overwriteReplacesOnlyRdsimsOwnResultsAndLeftoversOfAKilledRunAreIgnored() throws IOException {
        Path model = MODELS.resolve("birth-death.yaml");
        Path out = tmp.resolve("mixed");
        assertEquals(0, rdsim("run", model, "--out", out, "--no-progress").code());
        Files.writeString(out.resolve("notes.txt"), "mine");
        Outcome ens = rdsim("ensemble", model, "--replicas", 10, "--master", "local[2]", "--out", out, "--overwrite",
                "--no-progress");
        assertEquals(0, ens.code(), ens.err());
        assertFalse(Files.exists(out.resolve("timeseries.csv")), "the earlier run's results are gone");
        assertTrue(Files.exists(out.resolve("ensemble.csv")));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "other files are left alone");

        Path killed = tmp.resolve("killed");
        Files.createDirectories(killed);
        Files.writeString(killed.resolve(".timeseries.csv.partial-1234"), "half");
        Outcome again = rdsim("run", model, "--out", killed, "--no-progress");
        assertEquals(0, again.code(), again.err());
        assertFalse(Files.exists(killed.resolve(".timeseries.csv.partial-1234")), "the leftover was cleaned up");
    }

    @Test
    void localPathsThatLookLikeUrisAndOtherOddInputs() throws IOException {
        Path odd = tmp.resolve("my:model.yaml");
        Files.copy(MODELS.resolve("birth-death.yaml"), odd);
        Outcome o = rdsim("inspect", odd);
        assertEquals(0, o.code(), o.err());
        for (Object[] argv : new Object[][] {
            {"run", MODELS.resolve("birth-death.yaml"), "--replica", -1},
            {"run", MODELS.resolve("birth-death.yaml"), "--out", ""},
            {"inspect", ""},
            {"ensemble", MODELS.resolve("birth-death.yaml"), "--replicas", 2, "--set", "time.end=1e7",
                "--set", "time.output=1"}}) {
            Outcome bad = rdsim(argv);
            assertEquals(Rdsim.BAD_INPUT, bad.code(), Arrays.toString(argv) + ": " + bad.err());
            assertEquals(1, bad.err().strip().split("\n").length, bad.err());
        }
        assertEquals(0, rdsim("run", "--help").code());
        assertEquals(0, rdsim("ensemble", "-h").code());
    }

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

    static Object[] concat(Object[]... parts) {
        Object[] all = new Object[0];
        for (Object[] b : parts) {
            int at = all.length;
            all = Arrays.copyOf(all, at + b.length);
            System.arraycopy(b, 0, all, at, b.length);
        }
        return all;
    }
}
