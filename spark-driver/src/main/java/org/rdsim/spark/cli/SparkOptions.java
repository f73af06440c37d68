package org.rdsim.spark.cli;

import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.rdsim.spark.ensemble.SparkContexts;
import org.rdsim.spark.output.ErrorText;
import org.rdsim.spark.output.UserInputException;
import picocli.CommandLine.Option;

/** Where a Spark job runs and in how many tasks; shared by the commands that start Spark. */
final class SparkOptions {

    /** The master URLs Spark 4 accepts. */
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?"
            + "|local-cluster\\[[1-9]\\d*,[1-9]\\d*,[1-9]\\d*]|spark://[^\\s/,]+(,[^\\s/,]+)*|yarn|k8s://\\S+");

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[4] or spark://host:7077 (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Spark partitions (default: chosen from the work and the cores). Changes speed, never results.")
    Integer partitions;

    /** Refuses a malformed master URL or partition count before anything is loaded. */
    void check() {
        if (partitions != null && partitions < 1) {
            throw new UserInputException("--partitions must be at least 1, got " + partitions);
        }
        if (master != null && !MASTER.matcher(master).matches()) {
            throw new UserInputException("--master '" + master + "' is not a Spark master URL; use local, local[N], "
                    + "local[*], spark://host:port, yarn or k8s://https://host:port");
        }
    }

    JavaSparkContext start(String appName) {
        try {
            return SparkContexts.getOrCreate(SparkContexts.conf(appName, master));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Spark did not start" + (master != null ? " on " + master : "") + ": "
                    + ErrorText.firstLine(e), e);
        }
    }
}
