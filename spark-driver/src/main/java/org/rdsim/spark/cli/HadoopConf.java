package org.rdsim.spark.cli;

import org.apache.hadoop.conf.Configuration;

/** A Hadoop configuration that also honours spark.hadoop.* properties (set by spark-submit --conf). */
final class HadoopConf {

    private HadoopConf() {
    }

    static Configuration fromSparkProperties() {
        Configuration conf = new Configuration();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("spark.hadoop.")) {
                conf.set(key.substring("spark.hadoop.".length()), System.getProperty(key));
            }
        }
        return conf;
    }
}
