package org.rdsim.core.model;

import java.io.Serializable;

/**
 * The initial amount of one species over a spatial domain: a mean density field n0(x) and how it
 * becomes whole molecule counts per voxel (fhd-schemes.md section 6).
 */
public sealed interface InitialField extends Serializable
        permits InitialField.Uniform, InitialField.Point, InitialField.SphereTanh, InitialField.ByZone {

    /** How mean counts n0 dV become whole counts. */
    enum Sampling {
        /** Poisson(n0 dV) per voxel, independently (the default; the equilibrium of pure diffusion). */
        POISSON("poisson"),
        /** The nearest whole number to n0 dV, no randomness. */
        ROUND("round"),
        /** round(sum n0 dV) molecules in all, placed multinomially with probabilities in proportion to n0 dV. */
        MULTINOMIAL("multinomial");

        private final String key;

        Sampling(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    Sampling sampling();

    /** Mean density at the centre of a voxel at coordinates x (in model length). */
    double density(double[] x);

    /** The same density everywhere. */
    record Uniform(double density, Sampling sampling) implements InitialField {
        @Override
        public double density(double[] x) {
            return density;
        }
    }

    /** All of {@code count} molecules in the voxel that contains point {@code at} (no sampling). */
    record Point(double[] at, long count) implements InitialField {
        @Override
        public Sampling sampling() {
            return Sampling.ROUND;
        }

        @Override
        public double density(double[] x) {
            return 0; // placed directly by the initial-state builder
        }
    }

    /**
     * n0(r) = inside + (outside - inside) (1 + tanh((r - radius)/width)) / 2, r the distance from
     * the voxel centre to {@code center} (the front model's start, models.md).
     */
    record SphereTanh(double[] center, double radius, double width, double inside, double outside,
                      Sampling sampling) implements InitialField {
        @Override
        public double density(double[] x) {
            double r2 = 0;
            for (int a = 0; a < x.length; a++) {
                double d = x[a] - center[a];
                r2 += d * d;
            }
            double r = Math.sqrt(r2);
            return inside + (outside - inside) * 0.5 * (1 + Math.tanh((r - radius) / width));
        }
    }

    /** A density per zone: {@code density[0]} in no region, {@code density[1 + r]} in region r. */
    record ByZone(java.util.List<Region> regions, double[] density, Sampling sampling) implements InitialField {
        @Override
        public double density(double[] x) {
            for (int r = regions.size() - 1; r >= 0; r--) {
                if (regions.get(r).shape().contains(x)) {
                    return density[r + 1];
                }
            }
            return density[0];
        }
    }
}
