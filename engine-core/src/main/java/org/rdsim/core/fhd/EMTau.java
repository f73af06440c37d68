package org.rdsim.core.fhd;

import java.util.Arrays;
import org.rdsim.core.model.Model;

/**
 * Euler-Maruyama tau-leaping (fhd-schemes.md section 4, paper eq. 25):
 *
 * <pre>
 *   n^{k+1} = n^k + dt D L n^k + sqrt(2) S(n^k; W) + sum_r nu_r P(a_r(n^k) dV dt) / dV
 * </pre>
 *
 * First order in dt, explicit in diffusion and reactions; the deterministic twin draws nothing
 * (no diffusive noise, each reaction count equal to its mean).
 */
public final class EMTau {

    private final FhdTerms terms;
    private final double[] delta;

    /** A scheme for the model's (fully periodic) domain: time step dt, noise scale eps (1 for FHD). */
    public EMTau(Model model, double dt, double eps, FaceAverage average, boolean deterministic, long replica) {
        terms = new FhdTerms(model, dt, eps, average, deterministic, replica);
        delta = new double[terms.species * terms.cells];
    }

    /** Advances the densities n (species-major: n[s * cells + i]) by step number {@code step}. */
    public void step(double[] n, long step) {
        Arrays.fill(delta, 0);
        terms.diffusion(n, delta, terms.dt);
        terms.noise(n, delta, Math.sqrt(2), step, 1);
        terms.reactions(n, delta, terms.dt, step, 1);
        for (int k = 0; k < n.length; k++) {
            n[k] += delta[k];
        }
    }
}
