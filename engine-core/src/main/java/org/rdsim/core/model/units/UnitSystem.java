package org.rdsim.core.model.units;

import java.io.Serializable;

/**
 * The units a model is written in (its {@code units:} block).
 *
 * <p>Plain numbers in a model file are in these units. The simulation works in the model's
 * length and time units and counts molecules, so every value is converted to (length unit,
 * time unit, molecule) once, at load time. A model without a {@code units:} block is unitless:
 * plain numbers only, amounts are molecule counts.
 */
public record UnitSystem(String lengthName, double lengthSi, String timeName, double timeSi,
                         String amountName, double amountMolecules) implements Serializable {

    public static final UnitSystem UNITLESS = new UnitSystem(null, 1, null, 1, null, 1);

    public boolean unitless() {
        return lengthName == null;
    }

    /** Converts a plain number given in model units of the dimension to simulation units. */
    public double plain(double value, Dimension dim) {
        return value * Math.pow(amountMolecules, dim.amount());
    }

    /** Converts a parsed quantity to simulation units (model length and time, molecules). */
    public double convert(Quantity q) {
        Dimension d = q.dimension();
        return q.value() / (Math.pow(lengthSi, d.length()) * Math.pow(timeSi, d.time()));
    }

    @Override
    public String toString() {
        return unitless() ? "unitless" : "length " + lengthName + ", time " + timeName + ", amount " + amountName;
    }
}
