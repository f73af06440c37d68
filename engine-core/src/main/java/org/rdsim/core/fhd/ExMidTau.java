package org.rdsim.core.fhd;

import java.util.Arrays;
import org.rdsim.core.model.Model;

/**
 * Explicit midpoint tau-leaping (fhd-schemes.md section 4, paper eq. 29):
 *
 * <pre>
 *   n*      = n^k + (dt/2) L n^k + S(n^k; W1) + sum_r nu_r P1(a_r(n^k) dV dt/2) / dV
 *   n^{k+1} = n^k + dt L n* + S(n^k; W1) + S(nbullet; W2)
 *             + sum_r nu_r P1 / dV + sum_r nu_r P2((2 a_r(n*) - a_r(n^k))+ dV dt/2) / dV
 * </pre>
 *
 * W1 and P1 are drawn once per step and reused by the corrector (here: drawn again from the same
 * keyed streams); W2 and P2 are fresh. Second order in dt for the deterministic twin.
 */
public final class ExMidTau implements FhdScheme {

    private final FhdTerms terms;
    private final SecondHalfNoise secondHalf;
    private final double[] delta;
    private final double[] star;
    private final double[] bullet;

    public ExMidTau(Model model, double dt, double eps, FaceAverage average, SecondHalfNoise secondHalf,
                    boolean deterministic, long replica) {
        terms = new FhdTerms(model, dt, eps, average, deterministic, replica);
        this.secondHalf = secondHalf;
        int size = terms.species * terms.cells;
        delta = new double[size];
        star = new double[size];
        bullet = new double[size];
    }

    @Override
    public void step(double[] n, long step) {
        double dt = terms.dt;
        Arrays.fill(delta, 0);
        terms.diffusion(n, delta, dt / 2);
        terms.noise(n, delta, 1, step, 1);
        terms.reactions(n, delta, dt / 2, step, 1);
        for (int k = 0; k < n.length; k++) {
            star[k] = n[k] + delta[k];
        }
        Arrays.fill(delta, 0);
        terms.diffusion(star, delta, dt);
        terms.noise(n, delta, 1, step, 1);
        secondHalf.bullet(n, star, bullet);
        terms.noise(bullet, delta, 1, step, 2);
        terms.reactions(n, delta, dt / 2, step, 1);
        terms.reactions(n, star, delta, dt / 2, step, 2);
        for (int k = 0; k < n.length; k++) {
            n[k] += delta[k];
        }
    }
}
