package org.rdsim.core.rng;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Poisson deviates whose mean changes at every call, without allocation.
 *
 * <p>Tau-leaping and the FHD schemes draw one Poisson number per reaction, cell and step with a
 * new mean each time; Commons RNG's {@code PoissonSampler.of(rng, mean)} builds a sampler per
 * mean. One instance is bound to one generator (its normal and exponential deviates come from
 * it, and it keeps no state between draws, so a generator rekeyed between draws gives each key's
 * own deviates). Both algorithms are exact:
 * <ul>
 *   <li>mean &lt; 10: inversion by sequential search (one uniform, about mean + 1 steps; a
 *       uniform below 1 - mean is a 0 at once, the exponential skipped);</li>
 *   <li>mean &ge; 10: algorithm PD of J. H. Ahrens and U. Dieter, "Computer generation of
 *       Poisson deviates from modified normal distributions", ACM TOMS 8 (1982) 163-179. A
 *       normal deviate rounded down is accepted at once when it lies above mean - 1.1484 (more
 *       than half the draws) and after one uniform's squeeze test for most of the rest, so a
 *       typical draw costs a square root, a ziggurat normal ({@link Ziggurat}) and a uniform: two
 *       words drawn one after the other, so an inlined generator keeps its state in registers
 *       between them. Hörmann's PTRS, used before, needed two uniforms and several divisions per
 *       attempt and was twice as slow at the FHD schemes' means of 10^2 to 10^3
 *       (docs/PERFORMANCE.md, section 3).</li>
 * </ul>
 */
public final class PoissonDeviate {

    private static final double SMALL_MEAN = 10.0;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private final UniformRandomProvider rng;
    private final ZigguratSampler.Exponential exponential;

    /** A sampler drawing from rng (and whatever stream rng is keyed to at each draw). */
    public PoissonDeviate(UniformRandomProvider rng) {
        this.rng = rng;
        this.exponential = ZigguratSampler.Exponential.of(rng);
    }

    /** One Poisson(mean) deviate; mean must be finite and non-negative. */
    public long sample(double mean) {
        if (mean < SMALL_MEAN) {
            if (mean > 0) {
                return inversion(mean);
            }
            if (mean == 0) {
                return 0;
            }
        } else if (mean < Double.POSITIVE_INFINITY) {
            return modifiedNormal(mean);
        }
        throw new IllegalArgumentException("Poisson mean must be finite and non-negative, got " + mean);
    }

    /**
     * means[r][j] = a Poisson(means[r][j]) count for r &lt; count, drawn in turn from g, which must
     * be this sampler's generator: the numbers as many {@link #sample} calls give. The common
     * paths (a small mean's squeeze, PD's immediate acceptance) run on the generator's state held
     * in local variables, through memory only around a rarer path: the FHD sweeps' loop.
     */
    public void sampleAll(KeyedStreams.Generator g, double[][] means, int count, int j) {
        if (g != rng) {
            throw new IllegalArgumentException("sampleAll draws from this sampler's own generator");
        }
        long a = g.s0;
        long b = g.s1;
        long c = g.s2;
        long d = g.s3;
        for (int r = 0; r < count; r++) {
            double mean = means[r][j];
            if (mean == 0) {
                means[r][j] = 0;   // no draw, and +0.0 for a -0.0 mean, as sample gives
                continue;
            }
            if (mean > 0 && mean < Double.POSITIVE_INFINITY) {
                long w = Long.rotateLeft(a + d, 23) + a;   // nextLong on the local state
                long t = b << 17;
                c ^= a;
                d ^= b;
                b ^= c;
                a ^= d;
                c ^= t;
                d = Long.rotateLeft(d, 45);
                if (mean < SMALL_MEAN) {
                    double u = (w >>> 11) * 0x1.0p-53;
                    if (squeezedToZero(mean, u)) {
                        means[r][j] = 0;
                        continue;
                    }
                    g.s0 = a;
                    g.s1 = b;
                    g.s2 = c;
                    g.s3 = d;
                    means[r][j] = search(mean, u);
                } else {
                    long v = Long.rotateLeft(a + d, 23) + a;   // the uniform's word
                    t = b << 17;
                    c ^= a;
                    d ^= b;
                    b ^= c;
                    a ^= d;
                    c ^= t;
                    d = Long.rotateLeft(d, 45);
                    double u = (v >>> 11) * 0x1.0p-53;
                    double s = Math.sqrt(mean);
                    int layer = (int) w & (Ziggurat.LAYERS - 1);
                    double z = (w >> 11) * 0x1.0p-52;
                    if (Math.abs(z) < Ziggurat.INNER[layer]) {
                        long k = accepted(mean, mean + s * (z * Ziggurat.WIDTH[layer]), u);
                        if (k >= 0) {
                            means[r][j] = k;
                            continue;
                        }
                    }
                    g.s0 = a;
                    g.s1 = b;
                    g.s2 = c;
                    g.s3 = d;
                    means[r][j] = modifiedNormal(mean, s, w, u);
                }
            } else {
                g.s0 = a;
                g.s1 = b;
                g.s2 = c;
                g.s3 = d;
                means[r][j] = sample(mean);   // the refusal of a mean outside the law
            }
            a = g.s0;
            b = g.s1;
            c = g.s2;
            d = g.s3;
        }
        g.s0 = a;
        g.s1 = b;
        g.s2 = c;
        g.s3 = d;
    }

    private long inversion(double mean) {
        return search(mean, rng.nextDouble());
    }

    /** The inversion search from its first uniform u (then more uniforms if rounding ate the tail). */
    private long search(double mean, double u) {
        while (true) {
            if (squeezedToZero(mean, u)) {
                return 0;
            }
            double p = Math.exp(-mean);
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
            u = rng.nextDouble();
        }
    }

    /**
     * The small-mean squeeze: e^-mean &gt; 1 - mean, so a first uniform below 1 - mean is a 0
     * without the exponential (most draws at the small means of cells where a species is nearly
     * absent). Four units in the last place below it, so the rounded exponential is above too:
     * the squeeze decides exactly as the search would. One function for {@link #search} and
     * {@link #sampleAll}, so the test of the one holds for the other.
     */
    static boolean squeezedToZero(double mean, double u) {
        return u < 1 - mean - 0x1p-51;
    }

    /**
     * Algorithm PD (the step letters are the paper's). Steps I and S are decided together from a
     * uniform drawn every time, so the processor sees one branch that almost always goes one way
     * instead of a coin flip (more than 40% of draws fail I) followed by a second test: at means
     * of 10^2 to 10^3 that halves the cost of a draw. The uniform is independent of the normal,
     * so drawing it unconditionally leaves the law unchanged. Kept small so the JIT inlines it.
     */
    private long modifiedNormal(double mean) {
        // The normal's first word, then the uniform, then (rarely) the normal's other words.
        long w = rng.nextLong();
        return modifiedNormal(mean, Math.sqrt(mean), w, rng.nextDouble());
    }

    /** PD from the normal's first word w and the uniform u; s = sqrt(mean). */
    private long modifiedNormal(double mean, double s, long w, double u) {
        double g = mean + s * Ziggurat.normal(w, rng);
        long k = accepted(mean, g, u);
        return k >= 0 ? k : rejected(mean, s, g, (long) g, u);
    }

    /** Steps I and S: floor(g) if they accept the deviate g with the uniform u, else -1. */
    private static long accepted(double mean, double g, double u) {
        long k = (long) g; // the floor where g is non-negative
        double below = mean - k;
        return g >= 0 & (k >= (long) (mean - 1.1484) | 6 * mean * mean * u >= below * below * below) ? k : -1;
    }

    /** Step Q for a deviate that failed I and S, then E and H. */
    private long rejected(double mean, double s, double g, long k, double u) {
        if (g >= 0) {
            // Q: accept with probability p(k) / f(k), f the modified normal density at k.
            double x = (k - mean + 0.5) / s;
            double x2 = x * x;
            if (correctedNormal(mean, s, x2) * (1 - u) <= Math.exp(logPmf(mean, k) + 0.5 * x2)) {
                return k;
            }
        }
        while (true) {
            // E: a double exponential t = 1.8 +- E; H: accept with probability e^E (p(k) - f(k)) / c |u|.
            double e = exponential.sample();
            double v = 2 * rng.nextDouble() - 1;
            double t = 1.8 + (v < 0 ? -e : e);
            if (t <= -0.6744) {
                continue;
            }
            long j = (long) Math.floor(mean + s * t);
            double x = (j - mean + 0.5) / s;
            double x2 = x * x;
            double p = Math.exp(logPmf(mean, j) + e);
            double f = correctedNormal(mean, s, x2) * Math.exp(e - 0.5 * x2);
            if (0.1069 / mean * Math.abs(v) <= p - f) {
                return j;
            }
        }
    }

    /** log p(k) for Poisson(mean), from the exact log k!. */
    private static double logPmf(double mean, long k) {
        return k * Math.log(mean) - mean - LogFactorial.of(k);
    }

    /** The paper's polynomial factor of the modified normal density, omega (c0 + c1 x^2 + c2 x^4 + c3 x^6). */
    private static double correctedNormal(double mean, double s, double x2) {
        double b1 = 1 / (24 * mean);
        double b2 = 0.3 * b1 * b1;
        double c3 = b1 * b2 / 7;
        double c2 = b2 - 15 * c3;
        double c1 = b1 - 6 * b2 + 45 * c3;
        double c0 = 1 - b1 + 3 * b2 - 15 * c3;
        return INV_SQRT_2PI / s * (((c3 * x2 + c2) * x2 + c1) * x2 + c0);
    }
}
