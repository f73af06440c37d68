package org.rdsim.core.io;

/** Number formatting for CSV output: whole numbers without ".0", others in shortest round-trip form. */
public final class CsvFormat {

    private CsvFormat() {
    }

    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A header line: the first column's name, then one quoted-as-needed column per name. */
    public static String header(String first, String[] names) {
        StringBuilder line = new StringBuilder(first);
        for (String n : names) {
            line.append(',').append(field(n));
        }
        return line.append('\n').toString();
    }

    /** Quotes a field if it holds a comma, quote or line break. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
