package org.rdsim.core.lattice;

import java.util.ArrayList;
import java.util.List;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelText;
import org.rdsim.core.model.Reaction;
import org.rdsim.core.model.Term;

/**
 * Whether the voxels of a 2-D or 3-D lattice are large enough for its bimolecular reactions
 * (models.md, "Validity of the well-mixed voxel").
 *
 * <p>Two molecules that react at k / V_voxel when they share a voxel, in a domain of volume V,
 * react on average after V / k (the well-mixed time) plus the lattice's encounter time T, the
 * mean time the pair takes to first share a voxel from a uniform start. The lattice therefore
 * keeps k / (1 + k T / V) of the rate constant and loses the fraction k T / (V + k T).
 * A reaction with a declared radius sigma ({@code A +(sigma) B -> ...}) is at most diffusion
 * limited; the RDME cannot represent it once even k = infinity on the lattice (an encounter is a
 * reaction) is slower than diffusion to a target of radius sigma, below a critical dx h*. For
 * each bimolecular reaction with a declared radius the check warns, with these numbers, when
 * dx &lt; h* or the loss exceeds {@link #MAX_LOSS}. Reactions without a radius are taken as
 * mesoscopic (their k is the lattice's); 1-D lattices are not checked (no radius there).
 *
 * <p>3-D: T / V = beta / (D h) with D = D_A + D_B and beta = 0.2527 the lattice Green's function
 * constant (Erban and Chapman, Phys. Biol. 6, 046001, 2009), independent of the domain; the
 * lattice's fastest rate D h / beta equals Smoluchowski's 4 pi sigma D at h* = 4 pi beta sigma =
 * 3.18 sigma.
 *
 * <p>2-D (depth A, V = N A h^2): T = (h^2 / D) sum over the lattice's nonzero diffusion modes of
 * 1 / mu_q ({@link #encounterSum}), computed for the model's whole grid (exact on a torus, an
 * overestimate with walls; obstacles and compartments are not taken into account): it
 * grows like (N h^2 / 2 pi D) ln n, so in 2-D the loss depends on the domain size. At large
 * distances the square lattice's Green's function is the continuum's with the voxel acting as a
 * disk of radius
 * r* = h e^(-gamma) / 2^(3/2) = 0.1985 h (its potential kernel, (2 ln r + 2 gamma + ln 8) / pi for
 * the simple walk), so the lattice beats diffusion to a disk of radius sigma only for
 * h &gt; h* = 2^(3/2) e^gamma sigma = 5.04 sigma.
 */
public final class VoxelSizeCheck {

    /** The 3-D lattice constant beta (Watson's integral / 6). */
    public static final double BETA = 0.2527;

    /** h* / sigma in 2-D: 2^(3/2) e^gamma, gamma Euler's constant. */
    public static final double CRITICAL_2D = Math.pow(2, 1.5) * Math.exp(0.5772156649015329);

    /** The largest rate loss that passes without a warning. */
    public static final double MAX_LOSS = 0.05;

    private VoxelSizeCheck() {
    }

    /** Four significant digits, no trailing zeros. */
    private static String num(double x) {
        return ModelText.significant(x, 4);
    }

    /** One line per bimolecular reaction whose voxels are too small; empty when all is well. */
    public static List<String> warnings(Model m) {
        List<String> out = new ArrayList<>();
        if (!m.spatial() || m.domain().dimensions() < 2) {
            return out;
        }
        boolean flat = m.domain().dimensions() == 2;
        double modes = Double.NaN; // 2-D: the encounter time per unit volume times D, computed once if needed
        double dx = m.domain().dx();
        for (Reaction r : m.reactions()) {
            if (r.order() != 2 || Double.isNaN(r.radius())) {
                continue;
            }
            double d = Double.POSITIVE_INFINITY; // the slowest compartment where it happens loses the most
            for (int z = 0; z < m.domain().zones(); z++) {
                if (m.domain().obstacle(z) || !r.in(z)) {
                    continue;
                }
                double dz = 0;
                for (Term t : r.reactants()) {
                    dz += t.count() * m.species().get(t.species()).diffusion(z);
                }
                d = Math.min(d, dz);
            }
            if (d == Double.POSITIVE_INFINITY) {
                continue;
            }
            if (flat && Double.isNaN(modes)) {
                modes = encounterSum(m.domain().cells(), periodicAxes(m.domain()))
                        / (m.domain().voxels() * m.domain().depth());
            }
            // k T / V: beta k / (D h) in 3-D; k (sum of 1/mu) / (D N A) in 2-D.
            double kTperV = d > 0 ? r.rate() * (flat ? modes : BETA / dx) / d : Double.POSITIVE_INFINITY;
            double loss = Double.isInfinite(kTperV) ? 1 : kTperV / (1 + kTperV);
            double critical = (flat ? CRITICAL_2D : 4 * Math.PI * BETA) * r.radius();
            if (loss > MAX_LOSS || dx < critical) {
                StringBuilder sb = new StringBuilder("reaction '").append(r.name()).append("': ");
                if (dx < critical) {
                    sb.append("dx ").append(num(dx)).append(" is below ")
                            .append(flat ? "2^(3/2) e^gamma sigma = " : "4 pi beta sigma = ").append(num(critical))
                            .append(" (sigma ").append(num(r.radius()))
                            .append("), where the RDME cannot represent a diffusion-limited reaction of that radius; ");
                }
                sb.append(String.format("on this lattice it keeps %.1f%%", 100 * (1 - loss))).append(" of k = ")
                        .append(num(r.rate()));
                if (flat) {
                    sb.append(" (loss k T / (V + k T), T the mean time for a pair to meet on this ")
                            .append(m.domain().cells()[0]).append(" x ").append(m.domain().cells()[1])
                            .append(" grid, D = ").append(num(d)).append("); ");
                    sb.append(dx < critical ? "dx >= " + num(critical) + " makes the RDME valid for this radius; "
                            : "").append("in 2-D the loss depends on the domain and falls only logarithmically with dx:"
                            + " a mesoscopic rate correction is the way out");
                } else {
                    sb.append(" (loss beta k / (D dx + beta k), D = ").append(num(d)).append(", beta = ").append(BETA)
                            .append("); ");
                    double suggested = Math.max(critical, BETA * r.rate() * (1 - MAX_LOSS) / (MAX_LOSS * d));
                    sb.append("use dx >= ").append(num(suggested)).append(", or a mesoscopic rate correction");
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /**
     * Sum over the nonzero diffusion modes of a 2-D grid of 1 / mu_q, mu_q the lattice
     * Laplacian's eigenvalues in units of 1/h^2: sum over axes of 4 sin^2(pi q / n) on a periodic
     * axis, 4 sin^2(pi q / 2n) on a closed one. A pair with D = D_A + D_B first shares a voxel
     * after (h^2 / D) times it on average, from a uniform start: exactly on a torus; with walls
     * the closed-box modes are an estimate (two walkers' relative motion is not a walk in the
     * box), 10% above the exact pair chain on a 6 x 5 box (VoxelSizeCheckTest), so the loss is overstated
     * rather than missed. O(voxels), once per model.
     */
    static double encounterSum(int[] cells, boolean[] periodic) {
        double[][] axis = new double[2][];
        for (int a = 0; a < 2; a++) {
            axis[a] = new double[cells[a]];
            for (int q = 0; q < cells[a]; q++) {
                double s = Math.sin(Math.PI * q / (periodic[a] ? cells[a] : 2.0 * cells[a]));
                axis[a][q] = 4 * s * s;
            }
        }
        double sum = 0;
        for (int q1 = 0; q1 < cells[1]; q1++) {
            for (int q0 = 0; q0 < cells[0]; q0++) {
                if (q0 != 0 || q1 != 0) {
                    sum += 1 / (axis[0][q0] + axis[1][q1]);
                }
            }
        }
        return sum;
    }

    /** Per axis: both faces periodic. */
    private static boolean[] periodicAxes(Domain d) {
        boolean[] p = new boolean[d.dimensions()];
        for (int a = 0; a < p.length; a++) {
            p[a] = d.boundary(a, false).kind() == FaceBoundary.Kind.PERIODIC
                    && d.boundary(a, true).kind() == FaceBoundary.Kind.PERIODIC;
        }
        return p;
    }
}
