package org.rdsim.core.model.units;

import java.io.Serializable;

/** Physical dimension as exponents of length, time and amount (molecules). */
public record Dimension(int length, int time, int amount) implements Serializable {

    public static final Dimension NONE = new Dimension(0, 0, 0);
    public static final Dimension LENGTH = new Dimension(1, 0, 0);
    public static final Dimension TIME = new Dimension(0, 1, 0);
    public static final Dimension AMOUNT = new Dimension(0, 0, 1);
    public static final Dimension VOLUME = new Dimension(3, 0, 0);
    public static final Dimension CONCENTRATION = new Dimension(-3, 0, 1);
    public static final Dimension DIFFUSIVITY = new Dimension(2, -1, 0);

    public Dimension times(Dimension o) {
        return new Dimension(length + o.length, time + o.time, amount + o.amount);
    }

    public Dimension pow(int p) {
        return new Dimension(length * p, time * p, amount * p);
    }

    /** Dimension of a mass-action rate constant of the given order in the density convention. */
    public static Dimension rateConstant(int order) {
        return CONCENTRATION.pow(1 - order).times(TIME.pow(-1));
    }

    @Override
    public String toString() {
        if (equals(NONE)) {
            return "dimensionless";
        }
        StringBuilder num = new StringBuilder();
        StringBuilder den = new StringBuilder();
        append(length, "length", num, den);
        append(amount, "amount", num, den);
        append(time, "time", num, den);
        String n = num.length() == 0 ? "1" : num.toString();
        if (den.length() == 0) {
            return n;
        }
        return n + "/" + (den.indexOf("*") >= 0 ? "(" + den + ")" : den);
    }

    private static void append(int exp, String name, StringBuilder num, StringBuilder den) {
        if (exp == 0) {
            return;
        }
        StringBuilder target = exp > 0 ? num : den;
        if (target.length() > 0) {
            target.append('*');
        }
        target.append(name);
        if (Math.abs(exp) != 1) {
            target.append('^').append(Math.abs(exp));
        }
    }
}
