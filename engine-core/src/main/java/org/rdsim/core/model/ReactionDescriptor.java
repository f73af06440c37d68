package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of a reaction descriptor string, before names are resolved:
 *
 * <pre>
 *   [name:] side -&gt; side @ rate
 *   side  := 0 | term (+ term)*          (the reactant side may use "+(radius)" once)
 *   term  := [count] Species             ("2 X", "2X", "X")
 *   rate  := number | parameter | number unit
 * </pre>
 *
 * Examples: {@code "autocatalysis: 2 X -> 3 X @ k1"}, {@code "0 -> X @ 0.08"},
 * {@code "A +(2.0) B -> C @ 1e-3"}, {@code "bind: A + B -> C @ 1e6 /M/s"}.
 */
public record ReactionDescriptor(String name, List<Side> reactants, List<Side> products, String radius,
                                 String rate) {

    /** A term as written: a count and a species name. */
    public record Side(int count, String species) {
    }

    public static final String SYNTAX = "a descriptor reads \"[name:] 2 X + Y -> Z @ rate\", "
            + "with 0 for no species, \"+(radius)\" between two reactants, and a number, "
            + "a parameter name or a number with units as rate";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TERM = Pattern.compile("(\\d+)?\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern RADIUS = Pattern.compile("\\+\\s*\\(([^)]*)\\)");

    /** Parses a descriptor; throws IllegalArgumentException saying what is wrong. */
    public static ReactionDescriptor parse(String text) {
        String s = text.strip();
        int arrow = s.indexOf("->");
        if (s.contains("<->") || s.contains("<-")) {
            throw new IllegalArgumentException("reversible arrows are not part of the syntax; "
                    + "write the forward and backward reactions as two descriptors");
        }
        if (arrow < 0) {
            throw new IllegalArgumentException("missing '->' between reactants and products");
        }
        if (s.indexOf("->", arrow + 2) >= 0) {
            throw new IllegalArgumentException("more than one '->'");
        }
        String name = null;
        int colon = s.indexOf(':');
        if (colon >= 0 && colon < arrow) {
            name = s.substring(0, colon).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("reaction name '" + name
                        + "' must be one word of letters, digits, '_', '.' or '-', starting with a letter");
            }
            s = s.substring(colon + 1).strip();
            arrow = s.indexOf("->");
        }
        int at = s.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("missing '@ rate' after the products");
        }
        if (at < arrow) {
            throw new IllegalArgumentException("'@ rate' must come after the products");
        }
        if (s.indexOf('@', at + 1) >= 0) {
            throw new IllegalArgumentException("more than one '@'");
        }
        String left = s.substring(0, arrow).strip();
        String right = s.substring(arrow + 2, at).strip();
        String rate = s.substring(at + 1).strip();
        if (rate.isEmpty()) {
            throw new IllegalArgumentException("missing rate after '@'");
        }

        String radius = null;
        Matcher m = RADIUS.matcher(left);
        if (m.find()) {
            radius = m.group(1).strip();
            if (radius.isEmpty()) {
                throw new IllegalArgumentException("empty reaction radius in '+()'");
            }
            if (m.find()) {
                throw new IllegalArgumentException("more than one '+(radius)'");
            }
            left = RADIUS.matcher(left).replaceFirst("+");
        }
        if (RADIUS.matcher(right).find()) {
            throw new IllegalArgumentException("a reaction radius '+(r)' belongs between two reactants, not among products");
        }
        List<Side> reactants = side(left, "reactant");
        List<Side> products = side(right, "product");
        if (radius != null) {
            int molecules = reactants.stream().mapToInt(Side::count).sum();
            if (molecules != 2) {
                throw new IllegalArgumentException("a reaction radius '+(r)' needs exactly two reactant molecules, found "
                        + molecules);
            }
        }
        return new ReactionDescriptor(name, reactants, products, radius, rate);
    }

    /** True when the rate text names a parameter rather than giving a number. */
    public boolean rateIsParameter() {
        return IDENT.matcher(rate).matches();
    }

    private static List<Side> side(String text, String what) {
        List<Side> out = new ArrayList<>();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty " + what + " side; write 0 for no species");
        }
        if (text.equals("0") || text.equals("\u2205")) {
            return out;
        }
        for (String part : text.split("\\+", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("a '+' without a " + what + " next to it in \"" + text + "\"");
            }
            if (p.equals("0")) {
                throw new IllegalArgumentException("0 stands for 'no species' and cannot be combined with "
                        + what + "s");
            }
            Matcher m = TERM.matcher(p);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + p + "' is not a " + what
                        + " term; a term is an optional whole count and a species name, e.g. '2 X'");
            }
            int count = 1;
            if (m.group(1) != null) {
                try {
                    count = Integer.parseInt(m.group(1));
                } catch (NumberFormatException e) {
                    count = Integer.MAX_VALUE;
                }
                if (count == 0) {
                    throw new IllegalArgumentException("count 0 in '" + p + "'; leave the term out instead");
                }
            }
            out.add(new Side(count, m.group(2)));
        }
        return out;
    }
}
