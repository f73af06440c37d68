package org.rdsim.core.fhd;

/**
 * The density ntilde on a face between two cells that sets the amplitude of the stochastic
 * diffusive flux, sqrt(2 D ntilde / (dt dV)) Z (fhd-schemes.md section 2, paper eqs. 20-21).
 *
 * <p>The default is the paper's modified arithmetic mean: (n1 + n2)/2 times a ramp H in each
 * cell's molecule count n dV, 0 for an empty or negative cell, rising over the first molecule,
 * 1 from one molecule on. The ramp keeps the noise from pushing a nearly empty cell negative
 * while leaving cells with a molecule or more untouched. The variants are for studies: the paper
 * shows that geometric and harmonic means give S(k) below n_eq at large k.
 */
public enum FaceAverage {

    /** Arithmetic mean with the linear ramp H0(x) = min(max(x, 0), 1): the default. */
    ARITHMETIC("arithmetic"),
    /** Arithmetic mean, switched off unless both cells are positive (plain Heaviside). */
    HEAVISIDE("heaviside"),
    /** Arithmetic mean with the C1 ramp (3 - 2x) x^2 over the first molecule. */
    C1("c1"),
    /** Arithmetic mean with the C2 ramp (10 - 15x + 6x^2) x^3 over the first molecule. */
    C2("c2"),
    /** Geometric mean of the positive parts. */
    GEOMETRIC("geometric"),
    /** Harmonic mean, 0 unless both cells are positive. */
    HARMONIC("harmonic");

    private final String key;

    FaceAverage(String key) {
        this.key = key;
    }

    /** The name used in model files. */
    public String key() {
        return key;
    }

    /** ntilde(n1, n2) for cells of volume dV. */
    public double of(double n1, double n2, double dV) {
        return switch (this) {
            case ARITHMETIC -> 0.5 * (n1 + n2) * linear(n1 * dV) * linear(n2 * dV);
            case HEAVISIDE -> n1 > 0 && n2 > 0 ? 0.5 * (n1 + n2) : 0;
            case C1 -> 0.5 * (n1 + n2) * c1(n1 * dV) * c1(n2 * dV);
            case C2 -> 0.5 * (n1 + n2) * c2(n1 * dV) * c2(n2 * dV);
            case GEOMETRIC -> Math.sqrt(Math.max(n1, 0) * Math.max(n2, 0));
            case HARMONIC -> n1 > 0 && n2 > 0 ? 2 * n1 * n2 / (n1 + n2) : 0;
        };
    }

    /**
     * ntilde on a face to a reservoir at density cR: the reservoir never runs dry, so the arithmetic
     * means ramp on the system cell's side only; the geometric and harmonic means are as between cells.
     */
    public double atReservoir(double n, double cR, double dV) {
        return switch (this) {
            case ARITHMETIC -> 0.5 * (n + cR) * linear(n * dV);
            case HEAVISIDE -> n > 0 ? 0.5 * (n + cR) : 0;
            case C1 -> 0.5 * (n + cR) * c1(n * dV);
            case C2 -> 0.5 * (n + cR) * c2(n * dV);
            case GEOMETRIC, HARMONIC -> of(n, cR, dV);
        };
    }

    private static double linear(double x) {
        return x <= 0 ? 0 : Math.min(x, 1);
    }

    /**
     * The default's ramp H0 of a cell of x molecules: {@link #ARITHMETIC} is
     * 0.5 (n1 + n2) ramp(n1 dV) ramp(n2 dV), multiplied in that order, so a sweep may compute each
     * cell's ramp once for all its faces.
     */
    static double ramp(double x) {
        return linear(x);
    }

    private static double c1(double x) {
        return x <= 0 ? 0 : x >= 1 ? 1 : (3 - 2 * x) * x * x;
    }

    private static double c2(double x) {
        return x <= 0 ? 0 : x >= 1 ? 1 : (10 - 15 * x + 6 * x * x) * x * x * x;
    }

    /** The average named {@code key}, or null. */
    public static FaceAverage fromKey(String key) {
        for (FaceAverage a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }
}
