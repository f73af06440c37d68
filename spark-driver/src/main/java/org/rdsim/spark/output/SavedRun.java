package org.rdsim.spark.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rdsim.core.io.NpyFile;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelException;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.model.TimeSpec;

/**
 * A spatial run's result directory read back, on any Hadoop FileSystem: its summary.json, the
 * model it ran (model.yaml with the run's overrides, FHD runs), and its field snapshots
 * fields/step-NNNNNN.npy as species-major densities with their times.
 *
 * <p>Times: an FHD snapshot's step number times the summary's dt. A lattice snapshot is named by
 * the macro steps done when it was taken; each full output interval has
 * ceil(outputInterval / macroStep) of them (MacroSchedule), so step s is output time
 * (s / steps per interval) x outputInterval, and the run's last step is its end time. Lattice
 * snapshots hold '&lt;i4' whole counts N, read as densities N / voxelVolume.
 */
public final class SavedRun {

    private static final Pattern SNAPSHOT = Pattern.compile("step-(\\d+)\\.npy");

    /** One snapshot file: its step number and time. */
    public record Snapshot(long step, double time, Path path) {
    }

    private final String location;
    private final FileSystem fs;
    private final Path dir;
    private final JsonNode summary;
    private final boolean fhd;
    private final int[] cells;
    private final double dx;
    private final double voxelVolume;
    private final boolean[] periodic;

    private SavedRun(String location, FileSystem fs, Path dir, JsonNode summary) {
        this.location = location;
        this.fs = fs;
        this.dir = dir;
        this.summary = summary;
        JsonNode domain = summary.get("domain");
        if (domain == null || !domain.has("cells") || !domain.has("dx") || !domain.has("voxelVolume")) {
            throw new UserInputException(location + "/summary.json has no domain (cells, dx, voxelVolume): "
                    + "analyze reads spatial runs (rdsim run of a model with a domain)");
        }
        fhd = summary.has("dt");
        if (!fhd && !summary.has("macroStep")) {
            throw new UserInputException(location + "/summary.json has neither dt (FHD) nor macroStep (lattice); "
                    + "it is not a spatial run of rdsim run");
        }
        JsonNode c = domain.get("cells");
        cells = new int[c.size()];
        for (int a = 0; a < cells.length; a++) {
            cells[a] = c.get(a).asInt();
        }
        dx = domain.get("dx").asDouble();
        voxelVolume = domain.get("voxelVolume").asDouble();
        periodic = new boolean[cells.length];
        JsonNode faces = domain.get("boundaries");
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < cells.length; a++) {
            periodic[a] = faces != null && "periodic".equals(faces.path(axes[a] + "-").asText())
                    && "periodic".equals(faces.path(axes[a] + "+").asText());
        }
    }

    /**
     * Opens a run directory (local path or Hadoop URI); UserInputException when it is missing or
     * has no readable summary.json.
     */
    public static SavedRun open(String location, Configuration conf) {
        FileSystem fs = OutputDirectory.fileSystem(location, conf, "run directory"); // a bad location fails here, named
        Path dir = new Path(location);
        JsonNode summary;
        try {
            if (!fs.exists(dir)) {
                throw new UserInputException("run directory '" + location + "' does not exist");
            }
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw new UserInputException("'" + location + "' is a file; give the directory of a run");
            }
            Path file = new Path(dir, "summary.json");
            if (!fs.exists(file)) {
                throw new UserInputException("'" + location + "' has no summary.json; give the --out directory of "
                        + "an rdsim run");
            }
            try (InputStream in = fs.open(file)) {
                summary = new ObjectMapper().readTree(in);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read " + location + "/summary.json: " + ErrorText.firstLine(e));
        }
        if (summary == null || !summary.isObject()) {
            throw new UserInputException(location + "/summary.json is not a JSON object");
        }
        return new SavedRun(location, fs, fs.makeQualified(dir), summary);
    }

    public String location() {
        return location;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public Path dir() {
        return dir;
    }

    public JsonNode summary() {
        return summary;
    }

    /** True for an FHD run (real-valued densities), false for a lattice run (whole counts). */
    public boolean fhd() {
        return fhd;
    }

    public int[] cells() {
        return cells.clone();
    }

    public double dx() {
        return dx;
    }

    /** The cell volume A dx^d. */
    public double voxelVolume() {
        return voxelVolume;
    }

    /** Per axis: periodic on both faces. */
    public boolean[] periodic() {
        return periodic.clone();
    }

    /**
     * The model of an FHD run (model.yaml with the overrides in summary.json), null when the run
     * has no model.yaml (lattice runs); UserInputException when it no longer loads.
     */
    public Model model() {
        Path file = new Path(dir, "model.yaml");
        String text;
        try {
            if (!fs.exists(file)) {
                return null;
            }
            try (InputStream in = fs.open(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read " + location + "/model.yaml: " + ErrorText.firstLine(e));
        }
        List<String> overrides = new ArrayList<>();
        summary.path("overrides").forEach(o -> overrides.add(o.asText()));
        try {
            return ModelLoader.parse(text, location + "/model.yaml", overrides);
        } catch (ModelException e) {
            throw new UserInputException("the run's model no longer loads (" + e.getMessage() + "); analyze needs it "
                    + "for the species and eq. (14)");
        }
    }

    /**
     * Species names: the model's when given, else the columns of timeseries.csv after t, else
     * "species 1", ...; {@code count} is the number of species the snapshots hold.
     */
    public String[] species(Model model, int count) {
        if (model != null && model.speciesCount() == count) {
            return model.speciesNames();
        }
        Path csv = new Path(dir, "timeseries.csv");
        try {
            if (fs.exists(csv)) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(csv),
                        StandardCharsets.UTF_8))) {
                    String header = r.readLine();
                    if (header != null) {
                        String[] columns = header.split(",");
                        if (columns.length == count + 1) {
                            return Arrays.copyOfRange(columns, 1, columns.length);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // fall through to generic names
        }
        String[] names = new String[count];
        for (int s = 0; s < count; s++) {
            names[s] = "species" + (s + 1);
        }
        return names;
    }

    /** The field snapshots, in time order; UserInputException when there are none. */
    public List<Snapshot> snapshots() {
        Path fields = new Path(dir, "fields");
        List<Snapshot> out = new ArrayList<>();
        try {
            if (fs.exists(fields)) {
                for (FileStatus f : fs.listStatus(fields)) {
                    Matcher m = SNAPSHOT.matcher(f.getPath().getName());
                    if (f.isFile() && m.matches()) {
                        long step = Long.parseLong(m.group(1));
                        out.add(new Snapshot(step, time(step), f.getPath()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UserInputException("cannot list " + location + "/fields: " + ErrorText.firstLine(e));
        }
        if (out.isEmpty()) {
            throw new UserInputException(location + " has no fields/step-*.npy snapshots; run the model with "
                    + "output: {fields: {every: ..., format: [npy]}}");
        }
        out.sort(Comparator.comparingLong(Snapshot::step));
        return out;
    }

    private double time(long step) {
        if (fhd) {
            return step * summary.get("dt").asDouble();
        }
        double output = summary.path("outputInterval").asDouble();
        double end = summary.path("endTime").asDouble();
        long total = summary.path("macroSteps").asLong();
        long perInterval = TimeSpec.steps(output, summary.get("macroStep").asDouble());
        if (step >= total) {
            return end;
        }
        return Math.min(end, (step / perInterval) * output);
    }

    /**
     * Reads a snapshot as species-major densities ([species][z][y][x], x fastest), checking its
     * shape against the domain; its species count is {@code shape[0]} of the first one read.
     */
    public NpyField read(Snapshot snapshot) {
        String name = location + "/fields/" + snapshot.path().getName();
        try (InputStream in = fs.open(snapshot.path())) {
            int[] shape;
            double[] values;
            if (fhd) {
                NpyFile.Float64 f = NpyFile.readFloat64(in);
                shape = f.shape();
                values = f.data();
            } else {
                NpyFile.Int32 f = NpyFile.readInt32(in);
                shape = f.shape();
                int[] counts = f.data();
                values = new double[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    values[i] = counts[i] / voxelVolume;
                }
            }
            int[] expected = {-1, cells.length > 2 ? cells[2] : 1, cells.length > 1 ? cells[1] : 1, cells[0]};
            if (shape.length != 4 || shape[0] < 1 || shape[1] != expected[1] || shape[2] != expected[2]
                    || shape[3] != expected[3]) {
                throw new UserInputException(name + " has shape " + Arrays.toString(shape) + "; the run's domain "
                        + "needs [species, " + expected[1] + ", " + expected[2] + ", " + expected[3] + "]");
            }
            return new NpyField(shape[0], values);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserInputException("cannot read " + name + ": " + ErrorText.firstLine(e));
        }
    }

    /** A snapshot's densities, species-major, and its species count. */
    public record NpyField(int species, double[] densities) {
    }
}
