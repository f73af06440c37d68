package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A node of the composed YAML tree together with the key path that leads to it.
 *
 * <p>The tree is only composed, never constructed into objects, so no input can instantiate
 * anything. Every accessor that rejects its input throws a {@link ModelException} naming the
 * file (or {@code --set} option), the line, the key path, what is wrong and what is allowed.
 */
public final class ModelNode {

    private final Node node;
    private final String path;
    private final String fallbackSource;

    ModelNode(Node node, String path, String fallbackSource) {
        this.node = node;
        this.path = path;
        this.fallbackSource = fallbackSource;
    }

    public String path() {
        return path;
    }

    Node raw() {
        return node;
    }

    /** 1-based line in the file, or 0 for values that came from a {@code --set} option. */
    public int line() {
        if (source().startsWith(ModelOverrides.PREFIX)) {
            return 0;
        }
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public String source() {
        return node.getStartMark().map(Mark::getName).orElse(fallbackSource);
    }

    public ModelException error(String problem, String allowed) {
        return new ModelException(source(), line(), path, problem, allowed);
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** True for an empty value ({@code key:} with nothing after it, or {@code ~}/{@code null}). */
    public boolean isNull() {
        return node.getTag().equals(Tag.NULL) && node instanceof ScalarNode s
                && s.getScalarStyle() == ScalarStyle.PLAIN;
    }

    private String kind() {
        if (isNull()) {
            return "nothing";
        }
        if (isMapping()) {
            return "a mapping";
        }
        if (isSequence()) {
            return "a list";
        }
        return ModelText.quote(((ScalarNode) node).getValue());
    }

    /** The text of a scalar value. */
    public String text(String expected) {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw error("expected " + expected + ", found " + kind(), null);
        }
        return s.getValue();
    }

    /** A plain number (no units). */
    public double number(String expected) {
        String t = text(expected).strip();
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw error(ModelText.quote(t) + " is not a finite number", "expected " + expected);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(ModelText.quote(t) + " is not a number", "expected " + expected);
        }
    }

    /** A whole number. */
    public long integer(String expected) {
        String t = text(expected).strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            String problem = t.matches("[+-]?\\d+") ? " is out of range" : " is not a whole number";
            throw error(ModelText.quote(t) + problem, "expected " + expected);
        }
    }

    public boolean bool(String expected) {
        String t = text(expected).strip();
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw error(ModelText.quote(t) + " is not true or false", "expected " + expected);
    }

    /** The items of a list. */
    public List<ModelNode> items(String expected) {
        if (!(node instanceof SequenceNode seq)) {
            throw error("expected " + expected + ", found " + kind(), null);
        }
        List<ModelNode> out = new ArrayList<>();
        List<Node> values = seq.getValue();
        for (int i = 0; i < values.size(); i++) {
            out.add(new ModelNode(values.get(i), path + "[" + (i + 1) + "]", fallbackSource));
        }
        return out;
    }

    /**
     * The entries of a mapping, in file order, refusing duplicate keys and keys outside
     * {@code allowed} (null allows any key, as for names of species or parameters).
     */
    public Map<String, ModelNode> entries(String expected, String... allowed) {
        if (!(node instanceof MappingNode map)) {
            throw error("expected " + expected + ", found " + kind(), null);
        }
        Map<String, ModelNode> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            ModelNode keyNode = new ModelNode(t.getKeyNode(), path, fallbackSource);
            String key = keyNode.text("a key");
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (out.containsKey(key)) {
                throw new ModelNode(t.getKeyNode(), childPath, fallbackSource)
                        .error("duplicate key '" + key + "'", "each key may appear once");
            }
            if (allowed != null && allowed.length > 0 && !Arrays.asList(allowed).contains(key)) {
                throw new ModelNode(t.getKeyNode(), childPath, fallbackSource)
                        .error("unknown key '" + key + "'" + Suggest.didYouMean(key, Arrays.asList(allowed)),
                                "allowed keys here are " + String.join(", ", allowed));
            }
            out.put(key, new ModelNode(t.getValueNode(), childPath, fallbackSource));
        }
        return out;
    }

    /** A required entry of a mapping previously read with {@link #entries}. */
    public ModelNode required(Map<String, ModelNode> entries, String key, String what) {
        ModelNode n = entries.get(key);
        if (n == null) {
            throw error("missing required key '" + key + "'", what);
        }
        return n;
    }

    public static Optional<ModelNode> optional(Map<String, ModelNode> entries, String key) {
        return Optional.ofNullable(entries.get(key));
    }
}
