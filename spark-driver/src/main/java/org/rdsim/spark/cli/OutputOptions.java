package org.rdsim.spark.cli;

import java.io.File;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.rdsim.spark.output.OutputDirectory;
import picocli.CommandLine.Option;

/** Where results go and how progress is shown. */
final class OutputOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (local path or Hadoop URI). Default: runs/<model>-<timestamp>.")
    String out;

    @Option(names = "--overwrite", description = "Allow writing into a directory that already holds results.")
    boolean overwrite;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    OutputDirectory prepare(String modelName) {
        String location = out != null ? out : defaultLocation(modelName);
        return OutputDirectory.prepare(location, overwrite, HadoopConf.fromSparkProperties());
    }

    private static String defaultLocation(String modelName) {
        String stem = "runs/" + modelName.replaceAll("[^A-Za-z0-9._-]+", "_") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String candidate = stem;
        for (int i = 2; new File(candidate).exists(); i++) {
            candidate = stem + "-" + i;
        }
        return candidate;
    }
}
