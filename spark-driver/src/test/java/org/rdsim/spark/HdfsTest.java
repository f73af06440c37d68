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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsim.core.io.NpyFile;
import org.rdsim.spark.CliTest.Outcome;

/**
 * Results, snapshots and checkpoints on a real HDFS (a MiniDFSCluster with one DataNode in this
 * JVM): an FHD run on Spark blocks writes them to hdfs://, where they read back equal to the same
 * run's on the local disk; cut short there and restarted from hdfs://, it ends equal too.
 */
class HdfsTest {

    private static MiniDFSCluster cluster;
    private static FileSystem hdfs;

    @TempDir
    static Path base;

    private static final Object[] RUN = {"run", MODELS.resolve("schlogl-equilibrium-64.yaml"), "--no-progress",
        "--set", "time={end: 40.0, output: 10.0}", "--set", "checkpoint={every: 15}",
        "--block", "16", "--master", "local[2]"};

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void resultsSnapshotsAndCheckpointsGoToHdfsAndARestartReadsThem() throws IOException {
        String uri = cluster.getURI() + "/runs/fhd";
        Path local = base.resolve("local");
        Outcome o = rdsim(concat(RUN, new Object[] {"--out", uri}));
        assertEquals(0, o.code(), o.err());
        assertEquals(0, rdsim(concat(RUN, new Object[] {"--out", local})).code());
        for (String name : new String[] {"fields/step-000040.npy", "timeseries.csv",
            "checkpoints/step-0000000030/block-0003.f64", "checkpoints/step-0000000030/manifest.json"}) {
            assertArrayEquals(Files.readAllBytes(local.resolve(name)), read(uri + "/" + name), name);
        }
        JsonNode summary = new ObjectMapper().readTree(read(uri + "/summary.json"));
        assertEquals(4, summary.get("execution").get("blocks").asInt());

        // Cut short after the checkpoint at step 15 (the one at 30 left without its manifest), restarted from hdfs://.
        hdfs.delete(new org.apache.hadoop.fs.Path(uri + "/checkpoints/step-0000000030/manifest.json"), false);
        hdfs.delete(new org.apache.hadoop.fs.Path(uri + "/fields/step-000040.npy"), false);
        hdfs.delete(new org.apache.hadoop.fs.Path(uri + "/timeseries.csv"), false);
        Outcome r = rdsim(concat(RUN, new Object[] {"--restart", uri}));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("step-0000000030: no manifest"), r.err());
        double[] expected = NpyFile.readFloat64(Files.newInputStream(local.resolve("fields/step-000040.npy"))).data();
        try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(uri + "/fields/step-000040.npy"))) {
            assertArrayEquals(expected, NpyFile.readFloat64(in).data());
        }
        assertArrayEquals(Files.readAllBytes(local.resolve("timeseries.csv")), read(uri + "/timeseries.csv"));
    }

    private static byte[] read(String uri) throws IOException {
        try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(uri))) {
            return in.readAllBytes();
        }
    }
}
