package org.rdsim.spark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelException;
import org.rdsim.core.model.ModelLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model file argument and its {@code --set} overrides, shared by every command. */
final class ModelOptions {

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "Model file (YAML): a local path, or a URI on any Hadoop file system (hdfs://...).")
    String location;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a model value; repeatable. E.g. --set seed=7 --set time.end=50 "
                    + "--set parameters.k1=0.2 --set method.algorithm=tau")
    List<String> overrides = new ArrayList<>();

    Model load() {
        URI uri = URI.create(location.replace(" ", "%20"));
        if (uri.getScheme() == null || uri.getScheme().equals("file") || uri.getScheme().length() == 1) {
            return ModelLoader.load(Path.of(location), overrides);
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        try {
            FileSystem fs = path.getFileSystem(HadoopConf.fromSparkProperties());
            try (InputStream in = fs.open(path)) {
                return ModelLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location, overrides);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException(location, 0, null, "cannot be read (" + e.getMessage() + ")",
                    "give the path or URI of a readable YAML model file");
        }
    }

    static Configuration hadoop() {
        return HadoopConf.fromSparkProperties();
    }
}
