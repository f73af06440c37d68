package org.rdsim.core.model.units;

/**
 * A value with a dimension, held in base units: metre, second, molecule.
 *
 * <p>Text such as {@code "10 um^2/s"}, {@code "1e6 /M/s"} or {@code "2.5 nM"} is parsed by
 * {@link #parse}: a number, then a unit expression of factors joined by {@code *}, {@code /}
 * or spaces, each factor a unit with an optional SI prefix and an optional integer power.
 */
public record Quantity(double value, Dimension dimension) {

    /** Avogadro's number, molecules per mole (exact by the 2019 SI definition). */
    public static final double AVOGADRO = 6.02214076e23;

    /** Parses "number [unit expression]"; throws IllegalArgumentException with a readable reason. */
    public static Quantity parse(String text) {
        String s = text.strip();
        int end = numberEnd(s);
        if (end == 0) {
            throw new IllegalArgumentException("expected a number at the start of \"" + text + "\"");
        }
        double number;
        try {
            number = Double.parseDouble(s.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + s.substring(0, end) + "\" is not a number");
        }
        Quantity unit = parseUnit(s.substring(end));
        return new Quantity(number * unit.value, unit.dimension);
    }

    /** Parses a unit expression alone (e.g. "um^2/s"); the empty string is dimensionless 1. */
    public static Quantity parseUnit(String expr) {
        double value = 1;
        Dimension dim = Dimension.NONE;
        int i = 0;
        int n = expr.length();
        boolean divide = false;
        boolean any = false;
        while (i < n) {
            char c = expr.charAt(i);
            if (Character.isWhitespace(c) || c == '*' || c == '\u00b7') {
                i++;
                continue;
            }
            if (c == '/') {
                if (divide) {
                    throw new IllegalArgumentException("two '/' in a row in unit \"" + expr.strip() + "\"");
                }
                divide = true;
                i++;
                continue;
            }
            int start = i;
            if (c == '1') {
                i++; // "1/s"
            } else {
                while (i < n && Character.isLetter(expr.charAt(i))) {
                    i++;
                }
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected '" + c + "' in unit \"" + expr.strip() + "\"");
            }
            String name = expr.substring(start, i);
            int power = 1;
            if (i < n && expr.charAt(i) == '^') {
                int p = ++i;
                if (i < n && (expr.charAt(i) == '-' || expr.charAt(i) == '+')) {
                    i++;
                }
                while (i < n && Character.isDigit(expr.charAt(i))) {
                    i++;
                }
                try {
                    power = Integer.parseInt(expr.substring(p, i));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'^' must be followed by an integer power in unit \""
                            + expr.strip() + "\"");
                }
            }
            Quantity u = name.equals("1") ? new Quantity(1, Dimension.NONE) : Units.lookup(name);
            if (divide) {
                power = -power;
                divide = false;
            }
            value *= Math.pow(u.value, power);
            dim = dim.times(u.dimension.pow(power));
            any = true;
        }
        if (divide) {
            throw new IllegalArgumentException("unit \"" + expr.strip() + "\" ends with '/'");
        }
        return any ? new Quantity(value, dim) : new Quantity(1, Dimension.NONE);
    }

    private static int numberEnd(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            digits += Character.isDigit(s.charAt(i)) ? 1 : 0;
            i++;
        }
        if (digits == 0) {
            return 0;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int expDigits = 0;
            while (j < n && Character.isDigit(s.charAt(j))) {
                j++;
                expDigits++;
            }
            if (expDigits > 0) {
                i = j;
            }
        }
        return i;
    }
}
