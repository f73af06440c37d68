package org.rdsim.core.fhd;

import java.util.Arrays;
import org.rdsim.core.model.Model;

/**
 * Euler-Maruyama diffusion with exact SSA reactions (fhd-schemes.md section 4, paper eq. 26):
 *
 * <pre>
 *   n^{k+1} = n^k + dt D L n^k + sqrt(2) S(n^k; W) + R(n^k, dt)
 * </pre>
 *
 * R the exact SSA increment of each cell over dt. The deterministic twin is EMTau's.
 */
public final class EMSSA {

    private final FhdTerms terms;
    private final double[] delta;

    /** A scheme for the model's (fully periodic) domain: time step dt, noise scale eps (1 for FHD). */
    public EMSSA(Model model, double dt, double eps, FaceAverage average, boolean deterministic, long replica) {
        terms = new FhdTerms(model, dt, eps, average, deterministic, replica);
        delta = new double[terms.species * terms.cells];
    }

    /** Advances the densities n (species-major: n[s * cells + i]) by step number {@code step}. */
    public void step(double[] n, long step) {
        Arrays.fill(delta, 0);
        terms.diffusion(n, delta, terms.dt);
        terms.noise(n, delta, Math.sqrt(2), step, 1);
        terms.ssa(n, delta, terms.dt, step, 1);
        for (int k = 0; k < n.length; k++) {
            n[k] += delta[k];
        }
    }
}
