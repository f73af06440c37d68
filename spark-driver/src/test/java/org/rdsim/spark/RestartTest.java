package org.rdsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsim.spark.CliTest.MODELS;
import static org.rdsim.spark.CliTest.concat;
import static org.rdsim.spark.CliTest.rdsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsim.spark.CliTest.Outcome;
import org.rdsim.spark.cli.Rdsim;

/**
 * Checkpoint and restart of FHD runs through the command line: a run cut short after a
 * checkpoint (its later results removed, its newest checkpoint left without a manifest, as a
 * kill while writing it leaves it) and restarted with --restart ends with the same files, bit
 * for bit, as a run that was never interrupted; in one JVM and on Spark blocks. Restarts that
 * cannot continue the run are refused without touching the directory.
 */
class RestartTest {

    @TempDir
    Path tmp;

    /** 60 steps of dt = 1, outputs and snapshots every 10, checkpoints after steps 15, 30 and 45, two kept. */
    private static final Object[] RUN = {"run", MODELS.resolve("schlogl-equilibrium-64.yaml"), "--no-progress",
        "--set", "time={end: 60.0, output: 10.0}", "--set", "checkpoint={every: 15, keep: 2}"};

    /** The lattice example cut to 8 macro steps of 0.05, snapshots at steps 0, 4 and 8, checkpoints after 3 and 6. */
    private static final Object[] LATTICE = {"run", MODELS.resolve("abc-3d.yaml"), "--no-progress",
        "--set", "time={end: 0.4, output: 0.1}", "--set", "output={fields: {every: 0.2, format: [npy]}}",
        "--set", "checkpoint={every: 3}"};

    @Test
    void aRestartedRunEqualsAnUninterruptedOne() throws IOException {
        continuesBitForBit(RUN, new Object[] {}, 15, 45, 40, false);
    }

    @Test
    void aDamagedManifestIsSkippedForTheOlderCheckpoint() throws IOException {
        continuesBitForBit(RUN, new Object[] {}, 15, 45, 40, true);
    }

    @Test
    void aRestartedRunOnSparkBlocksEqualsAnUninterruptedOne() throws IOException {
        continuesBitForBit(RUN, new Object[] {"--block", "16", "--master", "local[2]"}, 15, 45, 40, false);
    }

    @Test
    void aRestartedRunOnBlocksInThisJvmEqualsAnUninterruptedOne() throws IOException {
        continuesBitForBit(RUN, new Object[] {"--block", "16", "--in-process"}, 15, 45, 40, false);
    }

    @Test
    void aRestartedLatticeRunEqualsAnUninterruptedOne() throws IOException {
        continuesBitForBit(LATTICE, new Object[] {"--in-process"}, 3, 6, 4, false);
        continuesBitForBit(LATTICE, new Object[] {"--in-process", "--set", "method={algorithm: split-mn, dt: 0.05}",
            "--block", "16,16,16"}, 3, 6, 4, false);
    }

    @Test
    void aRestartedLatticeRunOnSparkEqualsAnUninterruptedOne() throws IOException {
        continuesBitForBit(LATTICE, new Object[] {"--master", "local[2]"}, 3, 6, 4, false);
    }

    /**
     * Runs twice with checkpoints every {@code every} steps; cuts the second run short as a kill
     * while writing the checkpoint after step {@code lost} leaves it (no manifest there, no results
     * after it, snapshots from step {@code firstLostSnapshot} on gone; with {@code damaged} that
     * manifest is overwritten with garbage instead), restarts it and compares.
     */
    private void continuesBitForBit(Object[] run, Object[] how, long every, long lost, long firstLostSnapshot,
                                    boolean damaged) throws IOException {
        Path whole = Files.createTempDirectory(tmp, "whole");
        Path cut = Files.createTempDirectory(tmp, "cut");
        Outcome o = rdsim(concat(run, how, new Object[] {"--out", whole, "--overwrite"}));
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of(step(lost - every), step(lost)), names(whole.resolve("checkpoints")), "two kept");
        assertEquals(0, rdsim(concat(run, how, new Object[] {"--out", cut, "--overwrite"})).code());
        Path manifest = cut.resolve("checkpoints/" + step(lost) + "/manifest.json");
        if (damaged) {
            Files.writeString(manifest, "{\"format\": 1, \"kind\": [");
        } else {
            Files.delete(manifest);
        }
        for (String name : List.of("summary.json", "timeseries.csv", "timeseries.png", "compartments.csv")) {
            Files.deleteIfExists(cut.resolve(name));
        }
        try (Stream<Path> fields = Files.list(cut.resolve("fields"))) {
            for (Path f : fields.toList()) {
                if (Long.parseLong(f.getFileName().toString().replaceAll("\\D", "")) >= firstLostSnapshot) {
                    Files.delete(f);
                }
            }
        }
        Outcome r = rdsim(concat(run, how, new Object[] {"--restart", cut}));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(step(lost) + (damaged ? ": its manifest cannot be read" : ": no manifest")),
                r.err());
        Map<String, byte[]> expected = files(whole);
        Map<String, byte[]> got = files(cut);
        assertEquals(expected.keySet(), got.keySet());
        for (String name : expected.keySet()) {
            if (!name.equals("summary.json") && !name.endsWith(".png")) {
                assertArrayEquals(expected.get(name), got.get(name), name);
            }
        }
        JsonNode a = new ObjectMapper().readTree(whole.resolve("summary.json").toFile());
        JsonNode b = new ObjectMapper().readTree(cut.resolve("summary.json").toFile());
        for (String key : List.of("steps", "negativeDensityEvents", "finalMolecules", "fieldSnapshots", "macroSteps",
                "eventsPerReaction", "hopsPerSpecies", "hopsAcrossBlocksPerSpecies", "totalEvents", "finalTotals")) {
            assertEquals(a.get(key), b.get(key), key);
        }
    }

    private static String step(long step) {
        return String.format("step-%010d", step);
    }

    @Test
    void aRestartThatCannotContinueTheRunIsRefusedAndTouchesNothing() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, rdsim(concat(RUN, new Object[] {"--block", "32", "--in-process", "--out", dir})).code());
        Map<String, byte[]> before = files(dir);
        refused(concat(RUN, new Object[] {"--set", "seed=7", "--block", "32", "--in-process", "--restart", dir}),
                "belongs to another model");
        refused(concat(RUN, new Object[] {"--block", "16", "--in-process", "--restart", dir}),
                "written on [2, 1, 1] blocks per axis; this run has [4, 1, 1]");
        refused(concat(RUN, new Object[] {"--in-process", "--replica", "3", "--block", "32", "--restart", dir}),
                "replica 0; this run is seed 64, replica 3");
        refused(concat(RUN, new Object[] {"--block", "32", "--restart", dir, "--out", tmp.resolve("elsewhere")}),
                "leave out --out");
        refused(new Object[] {"run", MODELS.resolve("birth-death.yaml"), "--restart", dir}, "applies to spatial runs");
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        refused(concat(RUN, new Object[] {"--restart", empty}), "holds no checkpoints/");
        // Written by an rdsim of the previous checkpoint format (its random streams differ); the
        // format is read from the manifests, so raising it needs no change here.
        int format = 0;
        for (Map.Entry<String, byte[]> f : before.entrySet()) {
            if (f.getKey().endsWith("manifest.json")) {
                format = new ObjectMapper().readTree(f.getValue()).get("format").asInt();
            }
        }
        assertTrue(format > 1, "the checkpoint's manifest must give its format");
        Path older = tmp.resolve("format-" + (format - 1));
        for (Map.Entry<String, byte[]> f : before.entrySet()) {
            Path copy = older.resolve(f.getKey());
            Files.createDirectories(copy.getParent());
            Files.write(copy, f.getKey().endsWith("manifest.json")
                    ? new String(f.getValue(), java.nio.charset.StandardCharsets.UTF_8)
                            .replaceFirst("\"format\"\\s*:\\s*" + format, "\"format\" : " + (format - 1))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : f.getValue());
        }
        refused(concat(RUN, new Object[] {"--block", "32", "--in-process", "--restart", older}),
                "is of format " + (format - 1) + "; this rdsim reads format " + format);
        assertEquals(before.keySet(), files(dir).keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, files(dir).get(name), name));
    }

    private static void refused(Object[] args, String message) {
        Outcome o = rdsim(args);
        assertEquals(Rdsim.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains(message), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file under dir by relative name, with its bytes. */
    private static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }
}
