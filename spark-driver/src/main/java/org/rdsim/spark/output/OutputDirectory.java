package org.rdsim.spark.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The directory a run writes its results into, on any Hadoop FileSystem (file://, hdfs://,
 * s3a://). A directory that already holds files is refused unless {@code --overwrite} is given,
 * and every file is written under a temporary name and renamed when complete, so a failed run
 * never leaves a truncated file under a final name nor damages what was there before.
 */
public final class OutputDirectory {

    /** What rdsim writes into a result directory; --overwrite replaces these and nothing else. */
    static final List<String> RESULTS = List.of("timeseries.csv", "timeseries.png", "summary.json",
            "ensemble.csv", "final.csv", "plots", "fields", "compartments.csv", "model.yaml", "analysis",
            "checkpoints");

    private final FileSystem fs;
    private final Path dir;
    private final boolean created;

    private OutputDirectory(FileSystem fs, Path dir, boolean created) {
        this.fs = fs;
        this.dir = dir;
        this.created = created;
    }

    /**
     * Creates (or checks) the directory; throws UserInputException with the reason when unusable.
     * Temporary files left by a killed run are removed; with {@code overwrite}, so are the result
     * files of an earlier run (other files are left alone).
     */
    /** The file system of a location (local path or URI); UserInputException naming it when unusable. */
    static FileSystem fileSystem(String location, Configuration conf, String what) {
        try {
            return new Path(location).getFileSystem(conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserInputException(what + " '" + location + "' cannot be used: " + ErrorText.firstLine(e));
        }
    }

    public static OutputDirectory prepare(String location, boolean overwrite, Configuration conf) {
        if (location == null || location.isBlank()) {
            throw new UserInputException("the output location is empty; give a directory with --out");
        }
        FileSystem fs = fileSystem(location, conf, "output location"); // a bad location fails here, named
        Path dir = new Path(location);
        fs.setWriteChecksum(false); // no .crc side files next to the results on the local file system
        boolean created = false;
        try {
            if (fs.exists(dir)) {
                FileStatus status = fs.getFileStatus(dir);
                if (!status.isDirectory()) {
                    throw new UserInputException("output location '" + location + "' is a file, not a directory");
                }
                List<String> held = new ArrayList<>();
                for (FileStatus f : fs.listStatus(dir)) {
                    String name = f.getPath().getName();
                    if (isLeftover(name)) {
                        fs.delete(f.getPath(), true);
                    } else {
                        held.add(name);
                    }
                }
                if (!held.isEmpty() && !overwrite) {
                    throw new UserInputException("output directory '" + location + "' already holds " + held.size()
                            + " entries; pass --overwrite to replace rdsim's results in it, or choose another --out");
                }
                for (String name : held) {
                    if (RESULTS.contains(name)) {
                        fs.delete(new Path(dir, name), true);
                    }
                }
            } else if (fs.mkdirs(dir)) {
                created = true;
            } else {
                throw new UserInputException("cannot create output directory '" + location + "'");
            }
            Path probe = new Path(dir, ".rdsim-write-test-" + UUID.randomUUID());
            fs.create(probe, true).close();
            fs.delete(probe, false);
        } catch (IOException e) {
            throw new UserInputException("cannot write to output directory '" + location + "': " + ErrorText.firstLine(e));
        }
        return new OutputDirectory(fs, fs.makeQualified(dir), created);
    }

    /**
     * An existing result directory a restarted run continues in: it must hold checkpoints; its
     * results stay (each is replaced atomically when the run writes it again), and only the
     * temporary files of an interrupted write are removed.
     */
    public static OutputDirectory resume(String location, Configuration conf) {
        FileSystem fs = fileSystem(location, conf, "restart directory");
        Path dir = new Path(location);
        fs.setWriteChecksum(false);
        try {
            FileStatus status;
            try {
                status = fs.getFileStatus(dir);
            } catch (java.io.FileNotFoundException e) {
                throw new UserInputException("restart directory '" + location + "' does not exist; give the --out "
                        + "directory of the run to continue");
            }
            if (!status.isDirectory()) {
                throw new UserInputException("restart directory '" + location + "' is a file, not a directory; give "
                        + "the --out directory of the run to continue");
            }
            if (!fs.exists(new Path(dir, "checkpoints"))) {
                throw new UserInputException("restart directory '" + location + "' holds no checkpoints/ "
                        + "(a run writes them when its model has checkpoint: {every: N})");
            }
            for (FileStatus f : fs.listStatus(dir)) {
                if (isLeftover(f.getPath().getName())) {
                    fs.delete(f.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read restart directory '" + location + "': " + ErrorText.firstLine(e));
        }
        return new OutputDirectory(fs, fs.makeQualified(dir), false);
    }

    /** The file system the directory is on. */
    FileSystem fileSystem() {
        return fs;
    }

    /** The qualified path of an entry (a relative name, '/' separated). */
    Path path(String name) {
        return new Path(dir, name);
    }

    /** Temporary files of an interrupted write. */
    static boolean isLeftover(String name) {
        return name.startsWith(".") && (name.contains(".partial-") || name.startsWith(".rdsim-write-test-"));
    }

    /**
     * Runs the work of a command that writes here. If it fails, the directory is removed when
     * this run created it and wrote nothing into it, so a failed run leaves no trace; an existing
     * directory is never removed.
     */
    public <T> T discardIfFails(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            discardIfUnused();
            throw e;
        }
    }

    private void discardIfUnused() {
        if (!created) {
            return;
        }
        try {
            for (FileStatus f : fs.listStatus(dir)) {
                if (!isLeftover(f.getPath().getName())) {
                    return;
                }
            }
            fs.delete(dir, true);
        } catch (IOException ignored) {
            // the run's own failure is what gets reported
        }
    }

    /** Writes a file atomically: the content appears under its name only once fully written. */
    public void write(String name, IoConsumer<OutputStream> content) {
        Path target = new Path(dir, name);
        Path temp = new Path(target.getParent(), "." + target.getName() + ".partial-" + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(temp, true)) {
                content.accept(out);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("cannot replace " + target);
            }
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
        } catch (IOException e) {
            discard(temp);
            throw new UncheckedIOException("writing " + target + ": " + ErrorText.firstLine(e), e);
        } catch (RuntimeException | Error e) { // the computation feeding the file failed
            discard(temp);
            throw e;
        }
    }

    private void discard(Path temp) {
        try {
            fs.delete(temp, false);
        } catch (IOException ignored) {
            // a hidden leftover is harmless; the original failure is what gets reported
        }
    }

    /** Writes a UTF-8 text file atomically. */
    public void writeText(String name, IoConsumer<Writer> content) {
        write(name, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            content.accept(w);
            w.flush();
        });
    }

    public String location() {
        return dir.toString();
    }

    /** A consumer that may throw IOException. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
