package org.rdsim.core.rng;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Poisson deviates whose mean changes at every call, without allocation.
 *
 * <p>Tau-leaping (and later the FHD schemes) draw one Poisson number per reaction per step with
 * a new mean each time. Commons RNG's {@code PoissonSampler.of(rng, mean)} builds a sampler
 * object per mean; here the draw is a static method. Both algorithms are exact:
 * <ul>
 *   <li>mean &lt; 10: inversion by sequential search (one uniform, about mean + 1 steps);</li>
 *   <li>mean &ge; 10: PTRS, the transformed rejection of W. Hörmann, "The transformed rejection
 *       method for generating Poisson random variables", Insurance: Mathematics and Economics 12
 *       (1993) 39-45 (acceptance about 0.9, two uniforms per attempt).</li>
 * </ul>
 */
public final class PoissonDeviate {

    private static final double SMALL_MEAN = 10.0;

    private PoissonDeviate() {
    }

    /** One Poisson(mean) deviate; mean must be finite and non-negative. */
    public static long sample(UniformRandomProvider rng, double mean) {
        if (mean < SMALL_MEAN) {
            if (mean > 0) {
                return inversion(rng, mean);
            }
            if (mean == 0) {
                return 0;
            }
        } else if (mean < Double.POSITIVE_INFINITY) {
            return ptrs(rng, mean);
        }
        throw new IllegalArgumentException("Poisson mean must be finite and non-negative, got " + mean);
    }

    private static long inversion(UniformRandomProvider rng, double mean) {
        double p0 = Math.exp(-mean);
        while (true) {
            double u = rng.nextDouble();
            double p = p0;
            long k = 0;
            // P(X > 200) < 1e-170 for mean < 10: reaching it means rounding ate the tail; redraw.
            while (u > p && k < 200) {
                u -= p;
                k++;
                p *= mean / k;
            }
            if (k < 200) {
                return k;
            }
        }
    }

    private static long ptrs(UniformRandomProvider rng, double mean) {
        double b = 0.931 + 2.53 * Math.sqrt(mean);
        double a = -0.059 + 0.02483 * b;
        double vr = 0.9277 - 3.6224 / (b - 2);
        // log(mean) and 1/alpha serve only the exact acceptance test, which a quarter to a third
        // of the attempts reach at means of 10^2 to 10^3: computed there, once per deviate.
        double logMean = Double.NaN;
        double invAlpha = 0;
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Double.isNaN(logMean)) {
                logMean = Math.log(mean);
                invAlpha = 1.1239 + 1.1328 / (b - 3.4);
            }
            // Hörmann's test as he writes it, one logarithm: log(v / (alpha (a / us^2 + b))).
            if (Math.log(v * invAlpha / (a / (us * us) + b)) <= -mean + k * logMean - LogFactorial.of(k)) {
                return k;
            }
        }
    }
}
