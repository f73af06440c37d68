package org.rdsim.core.model.units;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** The unit names the model language understands, with SI prefixes. */
public final class Units {

    private static final Map<String, Quantity> BASE = new LinkedHashMap<>();
    private static final Map<String, Double> PREFIX = new LinkedHashMap<>();

    static {
        BASE.put("m", new Quantity(1, Dimension.LENGTH));
        BASE.put("L", new Quantity(1e-3, Dimension.VOLUME));
        BASE.put("l", new Quantity(1e-3, Dimension.VOLUME));
        BASE.put("s", new Quantity(1, Dimension.TIME));
        BASE.put("min", new Quantity(60, Dimension.TIME));
        BASE.put("h", new Quantity(3600, Dimension.TIME));
        BASE.put("molecule", new Quantity(1, Dimension.AMOUNT));
        BASE.put("molecules", new Quantity(1, Dimension.AMOUNT));
        BASE.put("mol", new Quantity(Quantity.AVOGADRO, Dimension.AMOUNT));
        BASE.put("M", new Quantity(Quantity.AVOGADRO / 1e-3, Dimension.CONCENTRATION));

        PREFIX.put("f", 1e-15);
        PREFIX.put("p", 1e-12);
        PREFIX.put("n", 1e-9);
        PREFIX.put("u", 1e-6);
        PREFIX.put("\u00b5", 1e-6); // micro sign
        PREFIX.put("\u03bc", 1e-6); // Greek mu
        PREFIX.put("m", 1e-3);
        PREFIX.put("c", 1e-2);
        PREFIX.put("d", 1e-1);
        PREFIX.put("k", 1e3);
    }

    /** Units that take SI prefixes (minutes and hours do not). */
    private static final String[] PREFIXABLE = {"m", "L", "l", "s", "mol", "M"};

    private Units() {
    }

    /** A unit by name, e.g. "um", "nM", "mL", "min". */
    public static Quantity lookup(String name) {
        Quantity base = BASE.get(name);
        if (base != null) {
            return base;
        }
        for (Map.Entry<String, Double> p : PREFIX.entrySet()) {
            if (name.startsWith(p.getKey())) {
                String rest = name.substring(p.getKey().length());
                for (String u : PREFIXABLE) {
                    if (u.equals(rest)) {
                        Quantity b = BASE.get(u);
                        return new Quantity(b.value() * p.getValue(), b.dimension());
                    }
                }
            }
        }
        throw new IllegalArgumentException("unknown unit '" + name + "'; known units are "
                + String.join(", ", new TreeSet<>(BASE.keySet()))
                + ", with prefixes f p n u m c d k on m, L, s, mol, M");
    }
}
