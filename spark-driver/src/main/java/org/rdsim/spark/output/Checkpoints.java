package org.rdsim.spark.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rdsim.core.rdme.BlockState;

/**
 * A run's checkpoints under {@code checkpoints/step-NNNNNNNNNN/} of its result directory, through
 * the Hadoop FileSystem API: one file per block ({@code block-BBBB.f64}, an FHD block's own cells
 * species-major as big-endian doubles; {@code block-BBBB.state}, a lattice block's whole state),
 * written by whoever holds the block (a Spark task or this JVM), then {@code manifest.json},
 * written last by the driver: step, time, seed, replica,
 * the model's SHA-256, the layout, each file's size and CRC-32, the negative cells counted so far,
 * the outputs recorded so far and the snapshots written. A step directory without a manifest, or
 * whose files do not match it, is never read. After each manifest the oldest checkpoints beyond
 * {@code keep} are removed.
 */
public final class Checkpoints {

    /**
     * 2 since the keyed streams absorb the cell last (2026-11-23), 3 since the implicit midpoint
     * schemes draw a cell's reaction counts from its noise stream and every normal (FHD noise, PD's
     * Poisson counts of mean 10 and above, hence split-mn and initial fields too) comes from
     * rdsim's own ziggurat (both landed together, 2026-11-23): a run checkpointed with earlier
     * streams and continued with these would be neither run, so it is refused; 4 since the
     * ziggurat's tables are built with StrictMath (2026-11-23), which moved most of their values
     * (by up to a few hundred units in the last place) on x86-64. The engine's
     * StreamFingerprintTest fails when the streams change, as a reminder to raise this.
     */
    private static final int FORMAT = 4;
    private static final String DIR = "checkpoints";
    private static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One block's file as written: its name in the step directory, its size and CRC-32. */
    public record BlockFile(int block, String name, long bytes, long crc32) implements Serializable {
    }

    /**
     * An output recorded before the checkpoint: index, time, molecules per species, and for a
     * lattice run with compartments the molecules per zone and species (else null).
     */
    public record Output(int k, double time, double[] molecules, long[] zones) {
    }

    /** What a restart continues from: the block files' bytes in block order, and what the driver had recorded. */
    public record Restored(long step, double time, List<byte[]> blocks, long[] negative, List<Output> outputs,
                           List<String> snapshots, String location) {
        /** Block b's own cells of an FHD checkpoint. */
        public double[] cells(int b) {
            java.nio.DoubleBuffer in = java.nio.ByteBuffer.wrap(blocks.get(b)).asDoubleBuffer();
            double[] own = new double[in.remaining()];
            in.get(own);
            return own;
        }

        /** Block b's state of a lattice checkpoint. */
        public BlockState state(int b) {
            try {
                return BlockState.readFrom(new DataInputStream(new ByteArrayInputStream(blocks.get(b))));
            } catch (IOException e) {
                throw new UncheckedIOException("reading block " + b + " of checkpoint " + location, e);
            }
        }
    }

    /** Where a run's checkpoints go: the block holders write their files, then the driver commits the manifest. */
    public interface Sink {
        Writer writer();

        /** The manifest of step's checkpoint (negative: an FHD run's tally so far; empty for a lattice run). */
        void commit(long step, double time, long[] negative, List<BlockFile> files);
    }

    /**
     * What a task needs to write its block's file: the step directories' parent as a URI. Each
     * file goes under a temporary name and is renamed when complete, so a retried task rewrites
     * the same bytes and a killed one leaves no file under the final name.
     */
    public record Writer(String root, Map<String, String> hadoop) implements Serializable {
        /** An FHD block's own cells, species-major, as big-endian doubles. */
        public BlockFile write(long step, int block, double[] own) {
            return write(step, block, (String) null, out -> {
                for (double v : own) {
                    out.writeDouble(v);
                }
            });
        }

        /** A lattice block's whole state ({@link BlockState#writeTo}). */
        public BlockFile write(long step, int block, BlockState state) {
            return write(step, block, "state", state::writeTo);
        }

        private BlockFile write(long step, int block, String kind, OutputDirectory.IoConsumer<DataOutputStream> content) {
            Path dir = new Path(root, stepName(step));
            String name = String.format(kind == null ? "block-%04d.f64" : "block-%04d." + kind, block);
            Path target = new Path(dir, name);
            Path temp = new Path(dir, "." + name + ".partial-" + UUID.randomUUID());
            try {
                Configuration conf = new Configuration(); // on an executor: with the driver's spark.hadoop.* settings
                hadoop.forEach(conf::set);
                FileSystem fs = target.getFileSystem(conf);
                CRC32 crc = new CRC32();
                CheckedOutputStream checked = new CheckedOutputStream(fs.create(temp, true), crc);
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16))) {
                    content.accept(out);
                }
                long bytes = fs.getFileStatus(temp).getLen();
                if (fs.exists(target) && !fs.delete(target, false)) {
                    throw new IOException("cannot replace " + target);
                }
                if (!fs.rename(temp, target)) {
                    throw new IOException("cannot rename " + temp + " to " + target);
                }
                return new BlockFile(block, name, bytes, crc.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException("writing checkpoint file " + target + ": " + ErrorText.firstLine(e), e);
            }
        }
    }

    private final OutputDirectory out;
    private final Map<String, String> hadoop;
    private final String kind;
    private final String modelHash;
    private final long seed;
    private final long replica;
    private final int[] blocksPerAxis;
    private final int keep;

    /**
     * The checkpoints of a run of the given kind ({@code fhd}, or a lattice run's engine and mode,
     * whose block states mean different things in this JVM and on Spark) of the model whose full
     * text (with overrides) is {@code modelText}, of the given seed and replica, on blocks cut
     * {@code blocksPerAxis}, keeping the newest {@code keep}; {@code hadoop} are the Hadoop settings
     * the block files are written with (where a task runs, too).
     */
    public Checkpoints(OutputDirectory out, String kind, String modelText, long seed, long replica,
                       int[] blocksPerAxis, int keep, Map<String, String> hadoop) {
        this.out = out;
        this.hadoop = new TreeMap<>(hadoop);
        this.kind = kind;
        this.modelHash = sha256(modelText);
        this.seed = seed;
        this.replica = replica;
        this.blocksPerAxis = blocksPerAxis.clone();
        this.keep = keep;
    }

    /** The writer tasks use for their blocks' files. */
    public Writer writer() {
        return new Writer(out.path(DIR).toString(), hadoop);
    }

    /** Writes the manifest of step's checkpoint, whose block files are written, then prunes old checkpoints. */
    public void commit(long step, double time, long[] negative, List<BlockFile> files, List<Output> outputs,
                       List<String> snapshots) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("kind", kind);
        m.put("step", step);
        m.put("time", time);
        m.put("seed", seed);
        m.put("replica", replica);
        m.put("modelSha256", modelHash);
        m.put("blocksPerAxis", blocksPerAxis);
        m.put("negative", negative);
        List<Map<String, Object>> f = new ArrayList<>();
        for (BlockFile b : files.stream().sorted((a, c) -> Integer.compare(a.block(), c.block())).toList()) {
            Map<String, Object> file = new LinkedHashMap<>(); // a fixed key order: the same run writes the same bytes
            file.put("block", b.block());
            file.put("name", b.name());
            file.put("bytes", b.bytes());
            file.put("crc32", b.crc32());
            f.add(file);
        }
        m.put("files", f);
        List<Object[]> rows = new ArrayList<>();
        for (Output o : outputs) {
            rows.add(o.zones() == null ? new Object[] {o.k(), o.time(), o.molecules()}
                    : new Object[] {o.k(), o.time(), o.molecules(), o.zones()});
        }
        m.put("outputs", rows);
        m.put("snapshots", snapshots);
        out.write(DIR + "/" + stepName(step) + "/" + MANIFEST, o -> JSON.writeValue(o, m));
        prune();
    }

    /** Removes all but the newest {@code keep} complete checkpoints, and incomplete ones older than the newest complete. */
    private void prune() {
        FileSystem fs = out.fileSystem();
        try {
            int complete = 0;
            for (FileStatus d : steps(fs)) {
                boolean done = fs.exists(new Path(d.getPath(), MANIFEST));
                if (done && complete < keep) {
                    complete++;
                } else if (complete > 0) {
                    fs.delete(d.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("pruning checkpoints in " + out.path(DIR) + ": " + ErrorText.firstLine(e), e);
        }
    }

    /** The step directories, newest first. */
    private List<FileStatus> steps(FileSystem fs) throws IOException {
        Path root = out.path(DIR);
        if (!fs.exists(root)) {
            return List.of();
        }
        List<FileStatus> dirs = new ArrayList<>();
        for (FileStatus d : fs.listStatus(root)) {
            if (d.isDirectory() && d.getPath().getName().matches("step-\\d{10,18}")) {
                dirs.add(d);
            }
        }
        dirs.sort(Comparator.comparingLong((FileStatus d) -> Long.parseLong(d.getPath().getName().substring(5)))
                .reversed());
        return dirs;
    }

    /**
     * The newest complete checkpoint whose files match its manifest. Refuses (UserInputException)
     * a checkpoint of another model, seed, replica or layout, or a directory with none complete;
     * {@code warnings} hears the step directories skipped and why.
     */
    public Restored latest(java.util.function.Consumer<String> warnings) {
        FileSystem fs = out.fileSystem();
        String root = out.path(DIR).toString();
        try {
            for (FileStatus d : steps(fs)) {
                Path manifest = new Path(d.getPath(), MANIFEST);
                if (!fs.exists(manifest)) {
                    warnings.accept("skipping " + d.getPath() + ": no manifest (a checkpoint interrupted while written)");
                    continue;
                }
                JsonNode m;
                try (InputStream in = fs.open(manifest)) {
                    m = JSON.readTree(in);
                } catch (IOException e) { // written whole by a rename, so damaged afterwards: an older one may do
                    warnings.accept("skipping " + d.getPath() + ": its manifest cannot be read (" + ErrorText.firstLine(e)
                            + ")");
                    continue;
                }
                check(m, d.getPath().toString());
                String bad = verify(fs, d.getPath(), m);
                if (bad != null) {
                    warnings.accept("skipping " + d.getPath() + ": " + bad);
                    continue;
                }
                return read(fs, d.getPath(), m);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read the checkpoints in '" + root + "': " + ErrorText.firstLine(e));
        }
        throw new UserInputException("no complete checkpoint in '" + root + "' to restart from");
    }

    /** Refuses a checkpoint this run cannot continue. */
    private void check(JsonNode m, String where) {
        if (m.path("format").asInt() != FORMAT) {
            throw new UserInputException("checkpoint " + where + " is of format " + m.path("format").asInt()
                    + "; this rdsim reads format " + FORMAT + " (other formats come from an rdsim whose random streams"
                    + " or state differ): continue it with the rdsim that wrote it, or start the run again");
        }
        if (!kind.equals(m.path("kind").asText())) {
            throw new UserInputException("checkpoint " + where + " was written by a " + m.path("kind").asText()
                    + " run; this run is " + kind + " (restart as the run was started)");
        }
        if (!modelHash.equals(m.path("modelSha256").asText())) {
            throw new UserInputException("checkpoint " + where + " belongs to another model (or other --set "
                    + "overrides): restart with the model file and overrides of the run that wrote it");
        }
        if (m.path("seed").asLong() != seed || m.path("replica").asLong() != replica) {
            throw new UserInputException("checkpoint " + where + " is of seed " + m.path("seed").asLong() + ", replica "
                    + m.path("replica").asLong() + "; this run is seed " + seed + ", replica " + replica);
        }
        int[] per = new int[blocksPerAxis.length];
        for (int a = 0; a < per.length; a++) {
            per[a] = m.path("blocksPerAxis").path(a).asInt();
        }
        if (!Arrays.equals(per, blocksPerAxis)) {
            throw new UserInputException("checkpoint " + where + " was written on " + Arrays.toString(per)
                    + " blocks per axis; this run has " + Arrays.toString(blocksPerAxis)
                    + ": restart with the --block of the run that wrote it");
        }
    }

    /** Null when every file the manifest lists is there with its size and CRC-32; else what is wrong. */
    private static String verify(FileSystem fs, Path dir, JsonNode m) throws IOException {
        for (JsonNode f : m.path("files")) {
            Path p = new Path(dir, f.path("name").asText());
            if (!fs.exists(p)) {
                return p.getName() + " is missing";
            }
            if (fs.getFileStatus(p).getLen() != f.path("bytes").asLong()) {
                return p.getName() + " has " + fs.getFileStatus(p).getLen() + " bytes, the manifest says "
                        + f.path("bytes").asLong();
            }
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(fs.open(p), crc)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (crc.getValue() != f.path("crc32").asLong()) {
                return p.getName() + " does not match its CRC-32";
            }
        }
        return null;
    }

    private static Restored read(FileSystem fs, Path dir, JsonNode m) throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        for (JsonNode f : m.path("files")) {
            byte[] bytes = new byte[Math.toIntExact(f.path("bytes").asLong())];
            try (DataInputStream in = new DataInputStream(fs.open(new Path(dir, f.path("name").asText())))) {
                in.readFully(bytes);
            }
            blocks.add(bytes);
        }
        long[] negative = new long[m.path("negative").size()];
        for (int s = 0; s < negative.length; s++) {
            negative[s] = m.path("negative").path(s).asLong();
        }
        List<Output> outputs = new ArrayList<>();
        for (JsonNode row : m.path("outputs")) {
            double[] molecules = new double[row.path(2).size()];
            for (int s = 0; s < molecules.length; s++) {
                molecules[s] = row.path(2).path(s).asDouble();
            }
            long[] zones = null;
            if (row.size() > 3) {
                zones = new long[row.path(3).size()];
                for (int i = 0; i < zones.length; i++) {
                    zones[i] = row.path(3).path(i).asLong();
                }
            }
            outputs.add(new Output(row.path(0).asInt(), row.path(1).asDouble(), molecules, zones));
        }
        List<String> snapshots = new ArrayList<>();
        m.path("snapshots").forEach(n -> snapshots.add(n.asText()));
        return new Restored(m.path("step").asLong(), m.path("time").asDouble(), blocks, negative, outputs, snapshots,
                dir.toString());
    }

    private static String stepName(long step) {
        return String.format("step-%010d", step);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
