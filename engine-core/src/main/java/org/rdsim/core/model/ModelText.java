package org.rdsim.core.model;

import java.math.BigDecimal;
import java.math.MathContext;
import org.rdsim.core.io.CsvFormat;

/** How values appear in messages: quoted and shortened, numbers without last-bit noise. */
public final class ModelText {

    private static final int MAX_QUOTED = 60;

    private ModelText() {
    }

    /** A value in quotes, cut to a readable length. */
    static String quote(String s) {
        String one = s.replace('\n', ' ');
        return "\"" + (one.length() <= MAX_QUOTED ? one : one.substring(0, MAX_QUOTED) + "...") + "\"";
    }

    /**
     * v rounded to {@code digits} significant digits, whole numbers without ".0" (0 is "0"): for
     * reports and warnings that show a value, not its last bits.
     */
    public static String significant(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return CsvFormat.number(v);
        }
        return CsvFormat.number(new BigDecimal(v).round(new MathContext(digits)).doubleValue());
    }

    /** A number with at most 12 significant digits: -1 rather than -1.0000000000000002. */
    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return Double.toString(v);
        }
        double r = new BigDecimal(v).round(new MathContext(12)).doubleValue();
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
    }
}
