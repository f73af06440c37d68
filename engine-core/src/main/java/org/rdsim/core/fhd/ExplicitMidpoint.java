package org.rdsim.core.fhd;

import java.util.Arrays;
import org.rdsim.core.model.Model;

/**
 * The explicit midpoint schemes (fhd-schemes.md section 4). ExMidTau (paper eq. 29):
 *
 * <pre>
 *   n*      = n^k + (dt/2) L n^k + S(n^k; W1) + sum_r nu_r P1(a_r(n^k) dV dt/2) / dV
 *   n^{k+1} = n^k + dt L n* + S(n^k; W1) + S(nbullet; W2)
 *             + sum_r nu_r P1 / dV + sum_r nu_r P2((2 a_r(n*) - a_r(n^k))+ dV dt/2) / dV
 * </pre>
 *
 * and ExMidSSA (eq. 31), where the reactions are each cell's exact SSA over a half step:
 *
 * <pre>
 *   n°      = n^k + (dt/2) L n^k + S(n^k; W1)
 *   n*      = n° + R1(n°, dt/2)
 *   n^{k+1} = n^k + dt L n* + S(n^k; W1) + S(nbullet; W2) + R1(n°, dt/2) + R2(n*, dt/2)
 * </pre>
 *
 * W1 and P1 (or R1) are drawn once per step and reused by the corrector (W1 drawn again from the
 * same keyed streams, P1 or R1 kept); W2 and P2 (or R2) are fresh. The deterministic twin (ExMidTau's for
 * both) is second order in dt.
 */
public final class ExplicitMidpoint extends FhdIntegrator {

    private final SecondHalfNoise secondHalf;
    private final double[] delta;
    private final double[] start;
    private final double[] star;
    private final double[] bullet;

    public ExplicitMidpoint(Model model, double dt, double eps, FaceAverage average, ReactionSampling reactions,
                            SecondHalfNoise secondHalf, boolean deterministic, long replica) {
        this(model, dt, eps, average, reactions, secondHalf, deterministic, replica, null, 1);
    }

    /** The same on a block's window ({@link FhdBlocks}; null for the whole grid), with {@code threads} threads. */
    ExplicitMidpoint(Model model, double dt, double eps, FaceAverage average, ReactionSampling reactions,
                     SecondHalfNoise secondHalf, boolean deterministic, long replica, Window window, int threads) {
        super("ExMid", model, dt, eps, average, reactions, deterministic, replica, window, threads);
        this.secondHalf = secondHalf;
        delta = field();
        start = field();
        star = field();
        bullet = field();
    }

    @Override
    public void step(double[] n, long step) {
        double dt = terms.dt;
        boolean ssa = exactReactions();
        // The predictor is built in its own array; delta keeps the first-half reactions (P1 or
        // R1), which the corrector adds once more.
        Arrays.fill(delta, 0);
        if (ssa) {
            System.arraycopy(n, 0, start, 0, n.length);
            terms.diffusion(n, start, dt / 2);
            terms.noise(n, start, 1, step, 1);         // n°
            terms.ssa(start, delta, dt / 2, step, 1);  // R1(n°, dt/2)
            add(start, delta, star);
        } else {
            terms.reactions(n, delta, dt / 2, step, 1); // P1
            add(n, delta, star);
            terms.diffusion(n, star, dt / 2);
            terms.noise(n, star, 1, step, 1);
        }
        terms.diffusion(star, delta, dt);
        terms.noise(n, delta, 1, step, 1);
        secondHalf.bullet(n, star, bullet);
        terms.noise(bullet, delta, 1, step, 2);
        if (ssa) {
            terms.ssa(star, delta, dt / 2, step, 2);   // R2(n*, dt/2)
        } else {
            terms.reactions(n, star, delta, dt / 2, step, 2);
        }
        for (int k = 0; k < n.length; k++) {
            n[k] += delta[k];
        }
    }

    private static void add(double[] a, double[] b, double[] out) {
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k] + b[k];
        }
    }
}
