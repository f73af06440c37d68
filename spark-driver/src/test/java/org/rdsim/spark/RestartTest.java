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

    @Test
    void aRestartedRunEqualsAnUninterruptedOne() throws IOException {
        continuesBitForBit(new Object[] {});
    }

    @Test
    void aRestartedRunOnSparkBlocksEqualsAnUninterruptedOne() throws IOException {
        continuesBitForBit(new Object[] {"--block", "16", "--master", "local[2]"});
    }

    @Test
    void aRestartedRunOnBlocksInThisJvmEqualsAnUninterruptedOne() throws IOException {
        continuesBitForBit(new Object[] {"--block", "16", "--in-process"});
    }

    private void continuesBitForBit(Object[] how) throws IOException {
        Path whole = tmp.resolve("whole");
        Path cut = tmp.resolve("cut");
        Outcome o = rdsim(concat(RUN, how, new Object[] {"--out", whole}));
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of("step-0000000030", "step-0000000045"), names(whole.resolve("checkpoints")), "two kept");
        assertEquals(0, rdsim(concat(RUN, how, new Object[] {"--out", cut})).code());
        // The run as a kill during the checkpoint after step 45 leaves it: no manifest there, nothing after it.
        Files.delete(cut.resolve("checkpoints/step-0000000045/manifest.json"));
        for (String name : List.of("summary.json", "timeseries.csv", "timeseries.png")) {
            Files.delete(cut.resolve(name));
        }
        for (int step = 40; step <= 60; step += 10) {
            Files.delete(cut.resolve(String.format("fields/step-%06d.npy", step)));
        }
        Outcome r = rdsim(concat(RUN, how, new Object[] {"--restart", cut}));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("step-0000000045: no manifest"), r.err());
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
        for (String key : List.of("steps", "negativeDensityEvents", "finalMolecules", "fieldSnapshots")) {
            assertEquals(a.get(key), b.get(key), key);
        }
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
        refused(new Object[] {"run", MODELS.resolve("birth-death.yaml"), "--restart", dir}, "applies to FHD runs");
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        refused(concat(RUN, new Object[] {"--restart", empty}), "holds no checkpoints/");
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
