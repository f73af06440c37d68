package org.rdsim.spark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.rdsim.core.lattice.VoxelSizeCheck;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelException;
import org.rdsim.core.model.ModelLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The model file argument and its {@code --set} overrides, shared by every command. */
final class ModelOptions {

    /** A URI scheme of two or more letters (one letter is a Windows drive). */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):");

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "Model file (YAML): a local path, or a URI on any Hadoop file system (hdfs://...).")
    String location;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a model value; repeatable. E.g. --set seed=7 --set time.end=50 "
                    + "--set parameters.k1=0.2 --set method.algorithm=tau")
    List<String> overrides = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The model, with its warnings (such as voxels too small for a reaction radius) on stderr. */
    Model load() {
        Model m = read();
        for (String warning : VoxelSizeCheck.warnings(m)) {
            command.commandLine().getErr().println("rdsim: warning: " + warning);
        }
        command.commandLine().getErr().flush();
        return m;
    }

    /** The model, silently (for a first look before overrides are added). */
    Model read() {
        if (local()) {
            return ModelLoader.load(localPath(), overrides);
        }
        return ModelLoader.parse(text(), location, overrides);
    }

    /** The model file's text as given (a run keeps a copy next to its results). */
    String text() {
        try {
            if (local()) {
                return Files.readString(localPath());
            }
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
            FileSystem fs = path.getFileSystem(HadoopConf.fromSparkProperties());
            try (InputStream in = fs.open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException(location, 0, null, "cannot be read (" + e.getMessage() + ")",
                    "give the path or URI of a readable YAML model file");
        }
    }

    private boolean local() {
        Matcher scheme = SCHEME.matcher(location);
        return !scheme.lookingAt() || scheme.group(1).equalsIgnoreCase("file") || Files.exists(Path.of(location));
    }

    private Path localPath() {
        return Path.of(location.replaceFirst("^file:(//)?", ""));
    }
}
