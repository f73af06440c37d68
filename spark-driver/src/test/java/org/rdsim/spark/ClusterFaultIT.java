package org.rdsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a real Spark standalone cluster: a master and two workers of one core, each its own
 * JVM on 127.0.0.1, started by deploy/bin/rdsim-cluster from the Maven-resolved jars; runs
 * submitted by deploy/bin/rdsim-submit (SparkSubmit). An FHD run cut into 4 blocks (45 steps,
 * checkpoints after steps 15 and 30) is run once undisturbed; then (1) an executor is killed
 * with SIGKILL after the first checkpoint and the run completes with the same files, and (2) the
 * driver is killed with SIGKILL after the second checkpoint and {@code --restart} completes the
 * run with the same files. (3) An ensemble of the bistable Schlogl model is run undisturbed and
 * again with an executor killed once its first task has finished, while others are running and
 * waiting: the statistics and final values are the same bytes. (4) A lattice run (nsm on 8
 * blocks) loses an executor after its first checkpoint and ends with the same files. Runs in the
 * integration-test phase, after the application jar is built.
 */
class ClusterFaultIT {

    private static final Path DEPLOY = Path.of("..", "deploy", "bin").toAbsolutePath().normalize();
    private static final Path MODEL = Path.of("..", "conf", "models", "schlogl-equilibrium-64.yaml").toAbsolutePath()
            .normalize();
    private static final Path LATTICE_MODEL = Path.of("..", "conf", "models", "abc-3d.yaml").toAbsolutePath().normalize();
    private static final Path ENSEMBLE_MODEL = Path.of("..", "conf", "models", "schlogl-bistable.yaml")
            .toAbsolutePath().normalize();

    @TempDir
    static Path base;

    private static String master;
    private static Path cluster;
    private static Path undisturbed;

    @BeforeAll
    static void startClusterAndRunUndisturbed() throws Exception {
        cluster = base.resolve("cluster");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process start = new ProcessBuilder(DEPLOY.resolve("rdsim-cluster").toString(), "start", "--dir",
                cluster.toString(), "--port", String.valueOf(port), "--workers", "2", "--cores", "1", "--memory", "1g")
                .redirectErrorStream(true).start();
        String out = new String(start.getInputStream().readAllBytes()).strip();
        assertTrue(start.waitFor(180, TimeUnit.SECONDS) && start.exitValue() == 0, out);
        master = out.lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("spark://127.0.0.1:" + port, master);
        undisturbed = base.resolve("undisturbed");
        Process run = submit(undisturbed, "--out", undisturbed.toString());
        finish(run, undisturbed);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        new ProcessBuilder(DEPLOY.resolve("rdsim-cluster").toString(), "stop", "--dir", cluster.toString())
                .redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
    }

    @Test
    void anExecutorKilledMidRunLeavesTheResultsUnchanged() throws Exception {
        Path out = base.resolve("executor-killed");
        Process run = submit(out, "--out", out.toString());
        awaitFile(out.resolve("checkpoints/step-0000000015/manifest.json"), run);
        ProcessHandle victim = executor();
        killAndFinish(victim, run, out);
        assertSameResults(out);
    }

    @Test
    void aKilledDriverRestartsFromItsCheckpointWithTheSameResults() throws Exception {
        Path out = base.resolve("driver-killed");
        Process run = submit(out, "--out", out.toString());
        awaitFile(out.resolve("checkpoints/step-0000000030/manifest.json"), run);
        run.destroyForcibly(); // rdsim-submit execs the driver JVM: this is SIGKILL to the driver
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(out.resolve("summary.json")), "the driver died before finishing");
        Process restart = submit(base.resolve("driver-restarted"), "--restart", out.toString());
        finish(restart, base.resolve("driver-restarted"));
        assertSameResults(out);
    }

    @Test
    void anEnsembleSurvivesAnExecutorKillWithTheSameStatistics() throws Exception {
        Path calm = base.resolve("ensemble-undisturbed");
        finish(ensemble(calm), calm);
        Path out = base.resolve("ensemble-executor-killed");
        Process run = ensemble(out);
        // The first finished task in an executor's log: the job is under way, most tasks still to run.
        ProcessHandle victim = null;
        for (int i = 0; i < 2400 && victim == null; i++) {
            assertTrue(run.isAlive(), "the ensemble ended before any executor finished a task:\n"
                    + Files.readString(Path.of(out + ".log")));
            for (int w = 1; w <= 2 && victim == null; w++) {
                if (executorLogSays(cluster.resolve("worker-" + w), "Finished task")) {
                    long worker = Long.parseLong(Files.readString(cluster.resolve("worker-" + w + ".pid")).strip());
                    victim = ProcessHandle.of(worker).flatMap(h -> h.children().findFirst()).orElse(null);
                }
            }
            Thread.sleep(50);
        }
        assertTrue(victim != null, "no executor finished a task in 2 minutes");
        killAndFinish(victim, run, out);
        for (String name : List.of("ensemble.csv", "final.csv")) {
            assertArrayEquals(Files.readAllBytes(calm.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
    }

    /** 16 tasks of 100 replicas to t = 4000, about a second each on a core of this machine. */
    private static Process ensemble(Path out) throws IOException {
        return new ProcessBuilder(DEPLOY.resolve("rdsim-submit").toString(), "--master", master,
                "--executor-memory", "700m", "--", "ensemble", ENSEMBLE_MODEL.toString(), "--no-progress",
                "--replicas", "1600", "--partitions", "16", "--set", "time={end: 4000.0, output: 100.0}",
                "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(Path.of(out + ".log").toFile()).start();
    }

    /** True when the log of an executor of the newest application under a worker's directory contains text. */
    private static boolean executorLogSays(Path workerDir, String text) throws IOException {
        if (!Files.isDirectory(workerDir)) {
            return false;
        }
        Path newest;
        try (var apps = Files.list(workerDir)) {
            newest = apps.filter(Files::isDirectory).max(java.util.Comparator.comparing(Path::getFileName))
                    .orElse(null);
        }
        if (newest == null) {
            return false;
        }
        try (var executors = Files.list(newest)) {
            for (Path e : (Iterable<Path>) executors::iterator) {
                Path err = e.resolve("stderr");
                if (Files.isRegularFile(err) && Files.readString(err).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The lattice path (nsm on 8 blocks of abc-3d, co-grouped halos every macro step, 80 macro
     * steps with checkpoints every 20): an executor killed after the first checkpoint, and the
     * run's time series, compartment totals, snapshots and later checkpoints are the same bytes.
     */
    @Test
    void aLatticeRunSurvivesAnExecutorKillWithTheSameResults() throws Exception {
        Path calm = base.resolve("lattice-undisturbed");
        finish(lattice(calm), calm);
        Path out = base.resolve("lattice-executor-killed");
        Process run = lattice(out);
        awaitFile(out.resolve("checkpoints/step-0000000020/manifest.json"), run);
        ProcessHandle victim = executor();
        killAndFinish(victim, run, out);
        List<String> compared = new ArrayList<>(List.of("timeseries.csv", "compartments.csv"));
        for (String dir : List.of("fields", "checkpoints")) { // the two kept checkpoints, after the kill
            try (var files = Files.walk(calm.resolve(dir))) {
                files.filter(Files::isRegularFile).forEach(f -> compared.add(calm.relativize(f).toString()));
            }
        }
        assertTrue(compared.size() > 20, "snapshots and block states to compare: " + compared);
        for (String name : compared) {
            assertArrayEquals(Files.readAllBytes(calm.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
    }

    /** SIGKILLs the executor, waits for the run to succeed, and checks that the driver saw the loss. */
    private static void killAndFinish(ProcessHandle victim, Process run, Path out) throws Exception {
        assertTrue(victim.destroyForcibly(), "SIGKILL to executor " + victim.pid());
        finish(run, out);
        String log = Files.readString(Path.of(out + ".log"));
        assertTrue(log.contains("Lost executor"), "the driver saw no executor die:\n" + log);
    }

    /** An executor process of the cluster (a child of worker 1, else of worker 2). */
    private static ProcessHandle executor() throws IOException {
        for (String pidFile : List.of("worker-1.pid", "worker-2.pid")) {
            long worker = Long.parseLong(Files.readString(cluster.resolve(pidFile)).strip());
            var child = ProcessHandle.of(worker).flatMap(w -> w.children().findFirst());
            if (child.isPresent()) {
                return child.get();
            }
        }
        throw new AssertionError("no executor process found under the workers");
    }

    /** abc-3d (nsm, 8 blocks of 16^3) to t = 4 in 80 macro steps, snapshots every 1.0, checkpoints every 20 steps. */
    private static Process lattice(Path out) throws IOException {
        return new ProcessBuilder(DEPLOY.resolve("rdsim-submit").toString(), "--master", master,
                "--conf", "spark.checkpoint.dir=" + base.resolve("lineage").toUri(), "--executor-memory", "700m",
                "--", "run", LATTICE_MODEL.toString(), "--no-progress", "--set", "time={end: 4.0, output: 0.2}",
                "--set", "output={fields: {every: 1.0, format: [npy]}}", "--set", "checkpoint={every: 20, keep: 2}",
                "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(Path.of(out + ".log").toFile()).start();
    }

    private static Process submit(Path log, String... where) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(DEPLOY.resolve("rdsim-submit").toString(), "--master", master,
                "--conf", "spark.checkpoint.dir=" + base.resolve("lineage").toUri(), "--executor-memory", "700m",
                "--", "run", MODEL.toString(), "--no-progress", "--set", "time={end: 45.0, output: 5.0}",
                "--set", "checkpoint={every: 15}", "--block", "16"));
        cmd.addAll(List.of(where));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(Path.of(log + ".log").toFile()).start();
    }

    private static void finish(Process run, Path log) throws Exception {
        boolean done = run.waitFor(600, TimeUnit.SECONDS);
        String output = Files.readString(Path.of(log + ".log"));
        assertTrue(done && run.exitValue() == 0, output);
    }

    private static void awaitFile(Path file, Process run) throws Exception {
        for (int i = 0; i < 1200 && !Files.exists(file); i++) {
            assertTrue(run.isAlive(), "the run ended before " + file);
            Thread.sleep(250);
        }
        assertTrue(Files.exists(file), file + " did not appear in 5 minutes");
    }

    private static void assertSameResults(Path out) throws IOException {
        for (String name : List.of("timeseries.csv", "fields/step-000045.npy", "fields/step-000000.npy",
                "checkpoints/step-0000000030/manifest.json", "checkpoints/step-0000000030/block-0002.f64")) {
            assertArrayEquals(Files.readAllBytes(undisturbed.resolve(name)), Files.readAllBytes(out.resolve(name)),
                    name);
        }
    }
}
