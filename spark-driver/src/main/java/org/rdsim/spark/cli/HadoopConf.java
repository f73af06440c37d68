package org.rdsim.spark.cli;

import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/** A Hadoop configuration that also honours spark.hadoop.* properties (set by spark-submit --conf). */
final class HadoopConf {

    private HadoopConf() {
    }

    static Configuration fromSparkProperties() {
        Configuration conf = new Configuration();
        settings().forEach(conf::set);
        return conf;
    }

    /** The spark.hadoop.* system properties as Hadoop keys and values (shipped to tasks that open files). */
    static Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("spark.hadoop.")) {
                settings.put(key.substring("spark.hadoop.".length()), System.getProperty(key));
            }
        }
        return settings;
    }
}
