package org.rdsim.core.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.rdsim.core.model.units.Dimension;

/** Reads the {@code output:} block of a spatial model: when and in which formats to take field snapshots. */
final class FieldOutputReader {

    private FieldOutputReader() {
    }

    /** {@code output: {fields: {every: 0.5, format: [vti, npy, png]}}}. */
    static FieldOutput read(ModelNode node, TimeSpec time, ModelLoader loader) {
        Map<String, ModelNode> e = node.entries("{fields: {every: ..., format: [vti, npy, png]}}", "fields");
        ModelNode fieldsNode = node.required(e, "fields", "write output: {fields: {every: 0.5, format: [vti, npy]}}");
        Map<String, ModelNode> f = fieldsNode.entries("{every: ..., format: [...]}", "every", "format");
        int stride = time.outputCount() - 1;
        if (f.containsKey("every")) {
            ModelNode n = f.get("every");
            double every = loader.quantity(n, Dimension.TIME, "the snapshot interval");
            double ratio = every / time.output();
            if (!(every > 0) || !TimeSpec.wholeSteps(every, time.output()) || ratio < 0.5) {
                throw n.error("every " + ModelText.number(every) + " is not a whole number of output intervals of "
                        + ModelText.number(time.output()), "snapshots are taken at output times; e.g. every: "
                        + ModelText.number(time.output() * Math.max(1, Math.rint(ratio))));
            }
            stride = (int) Math.max(1, Math.rint(ratio));
        }
        EnumSet<FieldOutput.Format> formats = EnumSet.of(FieldOutput.Format.NPY,
                FieldOutput.Format.PNG);
        if (f.containsKey("format")) {
            ModelNode n = f.get("format");
            formats = EnumSet.noneOf(FieldOutput.Format.class);
            List<ModelNode> items = n.isScalar() ? List.of(n) : n.items("a list of formats: " + FieldOutput.Format.keys());
            if (items.isEmpty()) {
                throw n.error("format: [] asks for snapshots in no format", "formats are " + FieldOutput.Format.keys()
                        + "; or remove the output block");
            }
            for (ModelNode item : items) {
                String key = item.text("a format name").strip();
                FieldOutput.Format format = FieldOutput.Format.fromKey(key);
                if (format == null) {
                    throw item.error("unknown field format '" + key + "'", "formats are " + FieldOutput.Format.keys());
                }
                formats.add(format);
            }
        }
        return new FieldOutput(Math.max(1, stride), formats);
    }
}
