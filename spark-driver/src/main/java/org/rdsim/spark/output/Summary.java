package org.rdsim.spark.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsim.core.lattice.VoxelSizeCheck;
import org.rdsim.core.model.Model;

/** The {@code summary.json} of a run: what was simulated, how, and how fast. */
public final class Summary {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** The fields every summary has, from the model. */
    public Summary(String command, Model model) {
        fields.put("rdsimVersion", version());
        fields.put("command", command);
        fields.put("model", model.name());
        fields.put("modelFile", model.source());
        fields.put("method", model.method().algorithm().key());
        fields.put("methodDetails", model.method().describe());
        fields.put("seed", model.seed());
        fields.put("seedGiven", model.seedGiven());
        fields.put("units", model.units().toString());
        fields.put("volume", model.volume());
        fields.put("endTime", model.time().end());
        fields.put("outputInterval", model.time().output());
        List<String> warnings = VoxelSizeCheck.warnings(model);
        if (!warnings.isEmpty()) {
            fields.put("warnings", warnings);
        }
        fields.put("outputPoints", model.time().outputCount());
        fields.put("createdAt", Instant.now().toString());
    }

    /** The version in the jar manifest, or "dev" for a build that has none (classes run from target/). */
    public static String version() {
        String v = Summary.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public Summary put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Counts keyed by reaction or species name. */
    public static Map<String, Object> perReaction(String[] names, long[] values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            m.put(names[j], values[j]);
        }
        return m;
    }

    /**
     * What the reactions did: for a discrete method the firings per reaction, their total and the
     * events per second of {@code seconds}; for a continuous one the reaction extents.
     */
    public Summary reactionWork(String[] reactions, double[] extents, long events, double seconds,
            boolean discrete) {
        if (discrete) {
            return put("eventsPerReaction", perReaction(reactions, extents, true))
                    .put("totalEvents", events)
                    .put("eventsPerSecond", events / Math.max(seconds, 1e-9));
        }
        return put("reactionExtents", perReaction(reactions, extents, false));
    }

    /** Per-reaction values keyed by reaction name; whole ones as integers. */
    public static Map<String, Object> perReaction(String[] names, double[] values, boolean whole) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            m.put(names[j], whole ? (Object) Math.round(values[j]) : values[j]);
        }
        return m;
    }

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, fields);
        out.write('\n');
    }
}
