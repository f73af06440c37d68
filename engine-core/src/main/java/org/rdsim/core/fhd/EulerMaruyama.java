package org.rdsim.core.fhd;

import java.util.Arrays;
import org.rdsim.core.model.Model;

/**
 * The Euler-Maruyama schemes (fhd-schemes.md section 4): EMTau (paper eq. 25),
 *
 * <pre>
 *   n^{k+1} = n^k + dt D L n^k + sqrt(2) S(n^k; W) + sum_r nu_r P(a_r(n^k) dV dt) / dV
 * </pre>
 *
 * and EM-SSA (eq. 26), the same with the reaction term replaced by each cell's exact SSA
 * increment R(n^k, dt). First order in dt, explicit in diffusion; the deterministic twin (of
 * both) draws nothing: no diffusive noise, each reaction count equal to its mean.
 */
public final class EulerMaruyama extends FhdIntegrator {

    private final double[] delta;

    /** A scheme for the model's domain: time step dt, noise scale eps (1 for FHD). */
    public EulerMaruyama(Model model, double dt, double eps, FaceAverage average, ReactionSampling reactions,
                         boolean deterministic, long replica) {
        this(model, dt, eps, average, reactions, deterministic, replica, null, 1);
    }

    /** The same on a block's window ({@link FhdBlocks}; null for the whole grid), with {@code threads} threads. */
    EulerMaruyama(Model model, double dt, double eps, FaceAverage average, ReactionSampling reactions,
                  boolean deterministic, long replica, Window window, int threads) {
        super("EM", model, dt, eps, average, reactions, deterministic, replica, window, threads);
        this.delta = field();
    }

    @Override
    public void step(double[] n, long step) {
        Arrays.fill(delta, 0);
        terms.diffusion(n, delta, terms.dt);
        terms.noise(n, delta, Math.sqrt(2), step, 1);
        if (exactReactions()) {
            terms.ssa(n, delta, terms.dt, step, 1);
        } else {
            terms.reactions(n, delta, terms.dt, step, 1);
        }
        for (int k = 0; k < n.length; k++) {
            n[k] += delta[k];
        }
    }
}
