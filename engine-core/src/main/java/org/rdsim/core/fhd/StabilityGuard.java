package org.rdsim.core.fhd;

import java.util.List;
import java.util.Locale;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.Model;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * The linear stability limits of the FHD schemes (fhd-schemes.md section 4, paper eqs. 23-27),
 * checked before a run: beta = D dt / dx^2 for the fastest-diffusing species and alpha = r dt,
 * r the fastest relaxation rate of the reactions linearized at the given states.
 *
 * <ul>
 *   <li>explicit diffusion (EM*, ExMid*): beta &lt;= 1/(2d) (eq. 24);</li>
 *   <li>EMTau and ExMidTau, and the twins of the explicit schemes: beta + alpha/(4d) &lt;= 1/(2d)
 *       (eq. 27);</li>
 *   <li>ImMidTau (and the twin of ImMidSSA, which is ImMidTau's): alpha &lt;= 2;</li>
 *   <li>ImMidSSA: unconditionally linearly stable.</li>
 * </ul>
 *
 * <p>For several species, r is the largest modulus among the eigenvalues of the Jacobian of the
 * deterministic mass-action rates that have a negative real part: the relaxing directions set the
 * limit; growing ones (a front, a Turing instability) are the physics, not the scheme. Eq. (27)
 * was derived for one species; combining the fastest diffusion with the fastest relaxation, as
 * here, is the cautious reading.
 */
public final class StabilityGuard {

    /**
     * The verdict: beta, alpha and r as defined above, the largest stable dt (infinite when
     * none binds), and the violated limit's description or null.
     */
    public record Check(String scheme, double dt, double beta, double alpha, double r, double largestStableDt,
                        String violated) {

        public boolean stable() {
            return violated == null;
        }

        /** One line for the user: the limit, the numbers, the largest stable dt, and the way out. */
        public String message() {
            return String.format(Locale.ROOT, "dt = %s is beyond the stability limit of %s: %s, with"
                    + " beta = D dt/dx^2 = %.4g"
                    + " and alpha = r dt = %.4g (r = %.4g, the fastest reaction relaxation rate); the largest stable dt"
                    + " is %.6g (use a smaller dt, or --force to run anyway)", dt, scheme, violated, beta, alpha, r,
                    largestStableDt);
        }
    }

    private StabilityGuard() {
    }

    /**
     * Checks dt for a scheme with explicit (EM, ExMid) or implicit (ImMid) diffusion and the given
     * reaction sampling, the reactions linearized at each of {@code states} (densities per species).
     */
    public static Check check(Model model, String scheme, boolean explicitDiffusion, ReactionSampling sampling,
                              boolean deterministic, double dt, List<double[]> states) {
        Domain d = model.domain();
        int dims = d.dimensions();
        double dx = d.dx();
        double dMax = 0;
        for (int s = 0; s < model.speciesCount(); s++) {
            dMax = Math.max(dMax, model.species().get(s).diffusion());
        }
        ReactionNetwork net = new ReactionNetwork(model);
        double r = 0;
        for (double[] state : states) {
            r = Math.max(r, relaxationRate(net, model.volume(), state));
        }
        double beta = dMax * dt / (dx * dx);
        double alpha = r * dt;
        // The deterministic twins use tau-type reaction means; only an SSA with noise is exact.
        boolean tauLike = sampling != ReactionSampling.SSA || deterministic;
        double largest;
        String limit;
        if (explicitDiffusion && tauLike) {
            largest = 1 / (2 * dims * dMax / (dx * dx) + r / 2);
            limit = "beta + alpha/(4d) <= 1/(2d) (paper eq. 27, d = " + dims + ")";
        } else if (explicitDiffusion) {
            largest = dx * dx / (2 * dims * dMax);
            limit = "beta <= 1/(2d) (paper eq. 24, d = " + dims + ")";
        } else if (tauLike) {
            largest = r > 0 ? 2 / r : Double.POSITIVE_INFINITY;
            limit = "alpha <= 2";
        } else {
            largest = Double.POSITIVE_INFINITY;
            limit = null;
        }
        boolean stable = !(dt > largest * (1 + 1e-12));
        return new Check(scheme, dt, beta, alpha, r, largest, stable ? null : limit);
    }

    /**
     * The largest |lambda| over the eigenvalues lambda of the reaction Jacobian with Re lambda &lt; 0,
     * at the densities n (mass-action rates per unit volume; central differences, exact for
     * these polynomials up to rounding).
     */
    static double relaxationRate(Model model, double[] n) {
        return relaxationRate(new ReactionNetwork(model), model.volume(), n);
    }

    private static double relaxationRate(ReactionNetwork net, double volume, double[] n) {
        int species = net.species();
        double[][] jacobian = new double[species][species];
        double[] x = new double[species];
        double[] change = new double[species];
        for (int q = 0; q < species; q++) {
            for (int s = 0; s < species; s++) {
                x[s] = n[s] * volume;
            }
            double h = 1e-5 * Math.max(1, Math.abs(x[q]));
            for (int r = 0; r < net.reactions(); r++) {
                x[q] = n[q] * volume + h;
                double up = net.massActionRate(r, x);
                x[q] = n[q] * volume - h;
                double down = net.massActionRate(r, x);
                java.util.Arrays.fill(change, 0);
                net.fire(r, change);
                // d(rate / V)/dn_q = d rate / dx_q, x = n V
                for (int s = 0; s < species; s++) {
                    jacobian[s][q] += change[s] * (up - down) / (2 * h);
                }
            }
        }
        double rate = 0;
        for (Complex lambda : new EigenDecompositionNonSymmetric(new Array2DRowRealMatrix(jacobian, false))
                .getEigenvalues()) {
            if (lambda.getReal() < 0) {
                rate = Math.max(rate, Math.hypot(lambda.getReal(), lambda.getImaginary()));
            }
        }
        return rate;
    }
}
