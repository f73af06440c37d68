package org.rdsim.core.analysis;

import java.util.Optional;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.Reaction;

/**
 * The linearized structure factor of a one-species model (fhd-schemes.md section 7, paper
 * eq. 14):
 *
 * <pre>
 *   S(k) = (D nbar k^2 + Gamma) / (D k^2 + r),
 *   a(n) = sum_r nu_r a_r(n),   Gamma(n) = (1/2) sum_r nu_r^2 a_r(n),   r = -a'(nbar),   Gamma = Gamma(nbar),
 * </pre>
 *
 * with a_r(n) = k_r n^{m_r} the deterministic mass-action rate per unit volume (models.md, the
 * density convention; the same as {@code ReactionNetwork.massActionRate(r, x = n V) / V}), and
 * nbar the root of a(n) = 0 found by Newton's method from a starting density (the measured mean).
 * Compare a discrete run with k replaced by the modified wavenumber ktilde (eq. 34), as
 * {@link #structureFactor(double)} takes ktilde^2.
 *
 * @param nbar      the homogeneous steady density
 * @param r         the relaxation rate -a'(nbar)
 * @param gamma     the noise strength Gamma(nbar)
 * @param diffusion D of the species
 * @param converged false when Newton failed and nbar is the starting density (then a(nbar) is
 *                  not 0 and the curve is only indicative)
 */
public record LinearTheory(double nbar, double r, double gamma, double diffusion, boolean converged) {

    private static final int ITERATIONS = 100;

    /** S at ktilde^2 (or k^2 for the continuum). */
    public double structureFactor(double ktildeSquared) {
        return (diffusion * nbar * ktildeSquared + gamma) / (diffusion * ktildeSquared + r);
    }

    /**
     * Why eq. (14) does not apply to this model, or null when it does: it needs one species with
     * a diffusion coefficient, on a domain without regions (reactions the same everywhere).
     */
    public static String inapplicable(Model model) {
        if (model.speciesCount() != 1) {
            return "eq. (14) is for one species; the model has " + model.speciesCount();
        }
        if (!(model.species().get(0).diffusion() >= 0)) {
            return "the species has no diffusion coefficient";
        }
        if (model.domain() != null && !model.domain().regions().isEmpty()) {
            return "the domain has regions (reactions or diffusion differ by place)";
        }
        return null;
    }

    /**
     * The theory for a one-species model with Newton started at {@code start} (a density); empty
     * when it does not apply ({@link #inapplicable}) or when the steady state it finds is not
     * stable (r &lt;= 0: eq. 14 has a pole).
     */
    public static Optional<LinearTheory> of(Model model, double start) {
        if (inapplicable(model) != null) {
            return Optional.empty();
        }
        int count = model.reactionCount();
        double[] k = new double[count];
        int[] order = new int[count];
        int[] nu = new int[count];
        for (int j = 0; j < count; j++) {
            Reaction reaction = model.reactions().get(j);
            k[j] = reaction.rate();
            order[j] = reaction.reactantCount(0);
            nu[j] = reaction.netChange(0);
        }
        double n = newton(k, order, nu, start);
        boolean converged = !Double.isNaN(n);
        if (!converged) {
            n = start;
        }
        double r = -derivative(k, order, nu, n);
        if (!(r > 0)) {
            return Optional.empty();
        }
        double gamma = 0;
        for (int j = 0; j < count; j++) {
            gamma += 0.5 * nu[j] * nu[j] * k[j] * Math.pow(n, order[j]);
        }
        return Optional.of(new LinearTheory(n, r, gamma, model.species().get(0).diffusion(), converged));
    }

    /** The root of a(n) = 0 reached from start, or NaN when Newton does not settle on a non-negative root. */
    static double newton(double[] k, int[] order, int[] nu, double start) {
        double n = start;
        for (int i = 0; i < ITERATIONS; i++) {
            double a = 0;
            for (int j = 0; j < k.length; j++) {
                a += nu[j] * k[j] * Math.pow(n, order[j]);
            }
            double slope = derivative(k, order, nu, n);
            if (!(slope != 0) || !Double.isFinite(a / slope)) {
                return Double.NaN;
            }
            double next = n - a / slope;
            if (Math.abs(next - n) <= 1e-14 * Math.max(1, Math.abs(next))) {
                return next >= 0 ? next : Double.NaN;
            }
            n = next;
        }
        return Double.NaN;
    }

    /** a'(n) = sum_r nu_r k_r m_r n^{m_r - 1}. */
    private static double derivative(double[] k, int[] order, int[] nu, double n) {
        double d = 0;
        for (int j = 0; j < k.length; j++) {
            if (order[j] > 0) {
                d += nu[j] * k[j] * order[j] * Math.pow(n, order[j] - 1);
            }
        }
        return d;
    }
}
