package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Command-line overrides {@code --set key.path=value}, grafted onto the composed YAML tree
 * before validation so that an override is checked exactly like the file and its errors name
 * the option. Paths are dotted keys; list items are addressed as {@code key[n]}, counting from 1
 * as the error messages do. The value is YAML: {@code 7}, {@code tau}, {@code [1, 2]},
 * {@code "{algorithm: tau, epsilon: 0.01}"}.
 */
final class ModelOverrides {

    /** Source name of values given on the command line. */
    static final String PREFIX = "--set ";

    /** Mappings whose keys are the model's own names, not fixed keys. */
    private static final List<String> NAMED = List.of("parameters", "species");

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)(?:\\[(\\d+)])?");

    private ModelOverrides() {
    }

    static void apply(ModelNode root, List<String> overrides) {
        for (String o : overrides) {
            apply(root, o);
        }
    }

    private static void apply(ModelNode root, String override) {
        String label = PREFIX + override;
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ModelException(label, 0, null, "an override reads key=value",
                    "e.g. --set seed=7, --set time.end=50, --set parameters.k1=0.2");
        }
        String path = override.substring(0, eq).strip();
        String valueText = override.substring(eq + 1);
        if (valueText.isBlank()) {
            throw new ModelException(label, 0, path, "the value is empty", "give a value after '='");
        }
        Node value = ModelLoader.compose(valueText, label).raw();
        if (!(root.raw() instanceof MappingNode)) {
            return; // the loader reports the malformed file itself
        }
        String[] segments = path.split("\\.", -1);
        Node current = root.raw();
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            Matcher m = SEGMENT.matcher(segments[i]);
            if (!m.matches()) {
                throw new ModelException(label, 0, path, "'" + segments[i] + "' is not a key",
                        "paths are dotted keys such as time.end or species.X.initial, list items key[n]");
            }
            String key = m.group(1).strip();
            String parent = walked.toString();
            walked.append(walked.length() == 0 ? "" : ".").append(key);
            if (!(current instanceof MappingNode map)) {
                throw new ModelException(label, 0, path, "'" + parent + "' is not a mapping, so it has no key '"
                        + key + "'", null);
            }
            boolean last = i == segments.length - 1;
            boolean indexed = m.group(2) != null;
            Node next = (last && !indexed) ? value : null;
            Node child = find(map, key);
            if (child == null) {
                if (indexed) {
                    throw new ModelException(label, 0, path, "there is no list '" + walked + "' to index", null);
                }
                if (NAMED.contains(parent)) { // a new name there is a typo far more often than an intent
                    List<String> names = keys(map);
                    throw new ModelException(label, 0, path, "the model has no "
                            + (parent.equals("parameters") ? "parameter" : "species") + " '"
                            + key + "'" + Suggest.didYouMean(key, names), names.isEmpty() ? null
                            : "the model's " + parent + " are " + String.join(", ", names)
                                    + "; new ones are declared in the model file");
                }
                // Nodes made here carry the option's position, so errors name the option.
                child = last ? value : new MappingNode(Tag.MAP, true, new ArrayList<>(), FlowStyle.BLOCK,
                        value.getStartMark(), value.getStartMark());
                put(map, key, child);
            } else if (next != null) {
                put(map, key, next);
                child = next;
            }
            if (indexed) {
                if (!(child instanceof SequenceNode seq)) {
                    throw new ModelException(label, 0, path, "'" + walked + "' is not a list", null);
                }
                int index = Integer.parseInt(m.group(2));
                if (index < 1 || index > seq.getValue().size()) {
                    throw new ModelException(label, 0, path, "'" + walked + "' has " + seq.getValue().size()
                            + " items, no item " + index, "items count from 1");
                }
                if (last) {
                    List<Node> items = new ArrayList<>(seq.getValue());
                    items.set(index - 1, value);
                    replaceItems(seq, items);
                    return;
                }
                child = seq.getValue().get(index - 1);
                walked.append('[').append(index).append(']');
            }
            current = child;
        }
    }

    private static List<String> keys(MappingNode map) {
        List<String> out = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s) {
                out.add(s.getValue());
            }
        }
        return out;
    }

    private static Node find(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static void put(MappingNode map, String key, Node value) {
        List<NodeTuple> tuples = new ArrayList<>(map.getValue());
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple t = tuples.get(i);
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                tuples.set(i, new NodeTuple(t.getKeyNode(), value));
                map.setValue(tuples);
                return;
            }
        }
        Node keyNode = new ScalarNode(Tag.STR, true, key, ScalarStyle.PLAIN, value.getStartMark(), Optional.empty());
        tuples.add(new NodeTuple(keyNode, value));
        map.setValue(tuples);
    }

    private static void replaceItems(SequenceNode seq, List<Node> items) {
        seq.getValue().clear();
        seq.getValue().addAll(items);
    }
}
