package org.rdsim.core.rng;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Binomial(n, p) deviates with parameters that change at every call, without allocation
 * (multinomial diffusion, multinomial placement). Commons RNG has no binomial sampler.
 *
 * <ul>
 *   <li>n min(p, 1-p) &lt; 10: inversion by sequential search from 0;</li>
 *   <li>otherwise BTRS, the transformed rejection with squeeze of W. Hörmann, "The generation of
 *       binomial random variates", J. Stat. Comput. Simul. 46 (1993) 101-110.</li>
 * </ul>
 * For p &gt; 1/2 the deviate is n minus a Binomial(n, 1 - p) deviate.
 */
public final class BinomialDeviate {

    private static final double SMALL_MEAN = 10.0;

    private BinomialDeviate() {
    }

    /** One Binomial(n, p) deviate; n &ge; 0 and 0 &le; p &le; 1. */
    public static long sample(UniformRandomProvider rng, long n, double p) {
        if (!(p >= 0 && p <= 1) || n < 0) {
            throw new IllegalArgumentException("Binomial(n, p) needs n >= 0 and 0 <= p <= 1, got n = " + n + ", p = " + p);
        }
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        if (p > 0.5) {
            return n - sample(rng, n, 1 - p);
        }
        return n * p < SMALL_MEAN ? inversion(rng, n, p) : btrs(rng, n, p);
    }

    private static long inversion(UniformRandomProvider rng, long n, double p) {
        double q = 1 - p;
        double ratio = p / q;
        double f0 = Math.exp(n * Math.log1p(-p));
        while (true) {
            double u = rng.nextDouble();
            double f = f0;
            long k = 0;
            // n p < 10: the probability of more than 200 successes is below 1e-120.
            while (u > f && k < n && k < 200) {
                u -= f;
                f *= ratio * (n - k) / (k + 1);
                k++;
            }
            if (u <= f || k == n) {
                return k;
            }
        }
    }

    private static long btrs(UniformRandomProvider rng, long n, double p) {
        double q = 1 - p;
        double spq = Math.sqrt(n * p * q);
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double alpha = (2.83 + 5.1 / b) * spq;
        double lpq = Math.log(p / q);
        long m = (long) Math.floor((n + 1) * p);
        double h = LogFactorial.of(m) + LogFactorial.of(n - m);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            double lv = Math.log(v * alpha / (a / (us * us) + b));
            if (lv <= h - LogFactorial.of(k) - LogFactorial.of(n - k) + (k - m) * lpq) {
                return k;
            }
        }
    }
}
