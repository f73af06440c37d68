package org.rdsim.spark.ensemble;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How rdsim starts Spark: embedded local mode unless a master is given on the command line or
 * by spark-submit, Kryo with registration required, and quiet logs.
 */
public final class SparkContexts {

    private SparkContexts() {
    }

    /** The configuration for a job; {@code master} may be null (spark-submit's, else local[*]). */
    public static SparkConf conf(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        boolean local = conf.get("spark.master").startsWith("local");
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", RdsimKryoRegistrator.class.getName());
        conf.setIfMissing("spark.kryo.registrationRequired", "true");
        if (local) {
            // Embedded runs need no web UI and must not bind to the machine's public address.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false"); // rdsim shows its own progress
        // Lattice runs checkpoint their state to cut the lineage; old checkpoints are not needed.
        conf.setIfMissing("spark.cleaner.referenceTracking.cleanCheckpoints", "true");
        return conf;
    }

    /** The active context if there is one (tests, notebooks), else a new one. */
    public static JavaSparkContext getOrCreate(SparkConf conf) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
        jsc.setLogLevel("WARN");
        return jsc;
    }
}
