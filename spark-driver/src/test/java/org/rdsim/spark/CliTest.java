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
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.spark.cli.Rdsim;

/**
 * The command line end to end: files, exit codes, messages, determinism, and the helpers the other
 * end-to-end tests share ({@link #rdsim}); FHD and lattice runs are in FhdCliTest and LatticeCliTest.
 */
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
