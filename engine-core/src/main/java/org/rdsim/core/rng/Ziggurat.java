package org.rdsim.core.rng;

import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.special.Erf;

/**
 * The tables and the rare paths of the standard normal sampler of
 * {@link KeyedStreams.Generator#normal} and {@link KeyedStreams.Generator#normals}: the ziggurat of
 * G. Marsaglia and W. W. Tsang, "The ziggurat method for generating random variables", J. Stat.
 * Softw. 5 (2000), with 256 layers.
 *
 * <p>Under f(x) = exp(-x^2/2) on x &gt;= 0 lie 256 layers of equal area v: the base, the rectangle
 * [0, R] x [0, f(R)] with the tail beyond R, and above it rectangles [0, x_k] x [f(x_k), f(x_{k+1})],
 * x_1 = R &gt; x_2 &gt; ... &gt; x_256 = 0. One 64-bit word picks a layer k (its low 8 bits) and a
 * signed uniform u in [-1, 1) (its high 53 bits); x = u x_k is accepted at once when |x| &lt; x_{k+1}
 * (about 99% of draws). Otherwise: in the base, a deviate of the tail beyond R (Marsaglia's
 * exponential method); in a layer, a uniform height accepted below f(x), or else a new word. Every
 * path is exact given the tables; the only approximation is the top layer's closure, the
 * recursion's x_256 being 0 to within {@link #closure()} of v (about 1e-13 relative).
 *
 * <p>Why not Commons RNG's ziggurat, which is as exact: it draws through the provider's
 * interface, so the generator's state goes through memory at every word. The FHD sweeps draw six
 * normals per cell and stage in a row; {@link KeyedStreams.Generator#normals} keeps the state in
 * registers across them, 2 ns a normal against 7 (docs/PERFORMANCE.md, section 8).
 */
final class Ziggurat {

    static final int LAYERS = 256;
    /** The base layer's right edge, Marsaglia and Tsang's r for 256 layers. */
    static final double R = 3.6541528853610088;
    /** Each layer's area: the base rectangle R f(R) and the tail beyond R. */
    static final double AREA = R * exactF(R) + Math.sqrt(Math.PI / 2) * Erf.erfc(R / Math.sqrt(2));
    /** x_k, the right edge of layer k (the base's pseudo-width v / f(R) for k = 0); x_256 = 0. */
    static final double[] WIDTH = new double[LAYERS + 1];
    /** x_{k+1} / x_k: |u| below it is accepted at once. */
    static final double[] INNER = new double[LAYERS];
    /** f(x_k), the bottom of layer k (k &gt;= 1), f(x_256) = 1. */
    static final double[] HEIGHT = new double[LAYERS + 1];

    // Built with StrictMath (fdlibm, the same bits on every JVM and processor; Math.exp and
    // Math.log may differ in the last place) and Hipparchus' erfc (pure Java): every normal goes
    // through these tables, so a last-bit difference would change every run.
    static {
        WIDTH[0] = AREA / exactF(R);
        WIDTH[1] = R;
        for (int k = 1; k < LAYERS - 1; k++) {
            WIDTH[k + 1] = Math.sqrt(-2 * StrictMath.log(exactF(WIDTH[k]) + AREA / WIDTH[k]));
        }
        WIDTH[LAYERS] = 0;
        for (int k = 0; k < LAYERS; k++) {
            INNER[k] = WIDTH[k + 1] / WIDTH[k];
            HEIGHT[k] = exactF(WIDTH[k]);
        }
        HEIGHT[LAYERS] = 1;
    }

    private Ziggurat() {
    }

    private static double f(double x) {
        return Math.exp(-0.5 * x * x);
    }

    /** f for the tables, with StrictMath (see above). */
    private static double exactF(double x) {
        return StrictMath.exp(-0.5 * x * x);
    }

    /** The top layer's area x_255 (1 - f(x_255)) less v, relative to v: how well the recursion closes. */
    static double closure() {
        return (WIDTH[LAYERS - 1] * (1 - HEIGHT[LAYERS - 1]) - AREA) / AREA;
    }

    /** The normal deviate whose first word is w, any further words (rarely) from g. */
    static double normal(long w, UniformRandomProvider g) {
        int k = (int) w & (LAYERS - 1);
        double u = (w >> 11) * 0x1.0p-52;
        return Math.abs(u) < INNER[k] ? u * WIDTH[k] : outer(g, k, u);
    }

    /**
     * A draw the fast test did not accept: layer k, signed uniform u (|u| x_k &gt;= x_{k+1}). Draws
     * what it needs from g and returns the normal deviate.
     */
    static double outer(UniformRandomProvider g, int k, double u) {
        while (true) {
            if (k == 0) {
                return tail(g, u < 0);
            }
            double x = u * WIDTH[k];
            double y = HEIGHT[k] + g.nextDouble() * (HEIGHT[k + 1] - HEIGHT[k]);
            if (y < f(x)) {
                return x;
            }
            long r = g.nextLong();
            k = (int) r & (LAYERS - 1);
            u = (r >> 11) * 0x1.0p-52;
            if (Math.abs(u) < INNER[k]) {
                return u * WIDTH[k];
            }
        }
    }

    /** A deviate beyond R (below -R when negative): R + x with x from the tail's exponential envelope. */
    private static double tail(UniformRandomProvider g, boolean negative) {
        double x;
        double y;
        do {
            x = -Math.log(1 - g.nextDouble()) / R;
            y = -Math.log(1 - g.nextDouble());
        } while (y + y < x * x);
        return negative ? -(R + x) : R + x;
    }
}
