package org.rdsim.core.fhd;

import java.util.Arrays;
import org.rdsim.core.model.Model;

/**
 * Explicit midpoint diffusion with exact SSA reactions (fhd-schemes.md section 4, paper eq. 31):
 *
 * <pre>
 *   n°      = n^k + (dt/2) L n^k + S(n^k; W1)
 *   n*      = n° + R1(n°, dt/2)
 *   n^{k+1} = n^k + dt L n* + S(n^k; W1) + S(nbullet; W2) + R1(n°, dt/2) + R2(n*, dt/2)
 * </pre>
 *
 * R1 is each cell's SSA over the first half step, drawn once and reused (here: drawn again from
 * the same keyed streams); R2 is fresh. The deterministic twin is ExMidTau's with the mean
 * increments in place of the SSA.
 */
public final class ExMidSSA implements FhdScheme {

    private final FhdTerms terms;
    private final SecondHalfNoise secondHalf;
    private final double[] delta;
    private final double[] start;
    private final double[] star;
    private final double[] bullet;

    public ExMidSSA(Model model, double dt, double eps, FaceAverage average, SecondHalfNoise secondHalf,
                    boolean deterministic, long replica) {
        terms = new FhdTerms(model, dt, eps, average, deterministic, replica);
        this.secondHalf = secondHalf;
        int size = terms.species * terms.cells;
        delta = new double[size];
        start = new double[size];
        star = new double[size];
        bullet = new double[size];
    }

    @Override
    public void step(double[] n, long step) {
        double dt = terms.dt;
        Arrays.fill(delta, 0);
        terms.diffusion(n, delta, dt / 2);
        terms.noise(n, delta, 1, step, 1);
        for (int k = 0; k < n.length; k++) {
            start[k] = n[k] + delta[k];              // n°
        }
        Arrays.fill(delta, 0);
        terms.ssa(start, delta, dt / 2, step, 1);   // R1(n°, dt/2)
        for (int k = 0; k < n.length; k++) {
            star[k] = start[k] + delta[k];           // n*
        }
        // delta still holds R1; the corrector adds the rest to it.
        terms.diffusion(star, delta, dt);
        terms.noise(n, delta, 1, step, 1);
        secondHalf.bullet(n, star, bullet);
        terms.noise(bullet, delta, 1, step, 2);
        terms.ssa(star, delta, dt / 2, step, 2);    // R2(n*, dt/2)
        for (int k = 0; k < n.length; k++) {
            n[k] += delta[k];
        }
    }
}
