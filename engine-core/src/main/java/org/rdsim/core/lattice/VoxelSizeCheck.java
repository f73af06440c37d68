package org.rdsim.core.lattice;

import java.util.ArrayList;
import java.util.List;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelText;
import org.rdsim.core.model.Reaction;
import org.rdsim.core.model.Term;

/**
 * Whether the voxels of a 3-D lattice are large enough for its bimolecular reactions
 * (models.md, "Validity of the well-mixed voxel").
 *
 * <p>On a cubic lattice of side h, two molecules that meet in a voxel and react there at
 * k / V_voxel give an effective rate constant k / (1 + beta k / (D h)), D = D_A + D_B and
 * beta = 0.2527 the lattice Green's function constant (Erban and Chapman, Phys. Biol. 6, 046001,
 * 2009): the lattice loses the fraction beta k / (D h + beta k) of the reaction, and all of it as
 * h -&gt; 0. A reaction with a declared radius sigma is at most diffusion limited, k &lt;= 4 pi sigma D,
 * so below h* = 4 pi beta sigma = 3.18 sigma it loses half or more even then: the RDME has no
 * valid description at that resolution. For each bimolecular reaction with a declared radius
 * ({@code A +(sigma) B -> ...}) the check warns, with these numbers, when dx &lt; h* or the loss for
 * the declared k exceeds {@link #MAX_LOSS}. Reactions without a radius are taken as mesoscopic
 * (their k is the lattice's), and 1-D and 2-D lattices are not checked (2-D losses grow only
 * logarithmically and depend on the depth A).
 */
public final class VoxelSizeCheck {

    /** The 3-D lattice constant beta (Watson's integral / 6). */
    public static final double BETA = 0.2527;

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
        if (!m.spatial() || m.domain().dimensions() != 3) {
            return out;
        }
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
            double loss = d > 0 ? BETA * r.rate() / (d * dx + BETA * r.rate()) : 1;
            double critical = 4 * Math.PI * BETA * r.radius();
            if (loss > MAX_LOSS || dx < critical) {
                StringBuilder sb = new StringBuilder("reaction '").append(r.name()).append("': ");
                if (dx < critical) {
                    sb.append("dx ").append(num(dx)).append(" is below 4 pi beta sigma = ").append(num(critical))
                            .append(" (sigma ").append(num(r.radius()))
                            .append("), where the RDME cannot represent a diffusion-limited reaction of that radius; ");
                }
                sb.append(String.format("on this lattice it keeps %.1f%%", 100 * (1 - loss))).append(" of k = ")
                        .append(num(r.rate())).append(" (loss beta k / (D dx + beta k), D = ").append(num(d))
                        .append(", beta = ").append(BETA).append("); ");
                double suggested = Math.max(critical, BETA * r.rate() * (1 - MAX_LOSS) / (MAX_LOSS * d));
                sb.append("use dx >= ").append(num(suggested)).append(", or a mesoscopic rate correction");
                out.add(sb.toString());
            }
        }
        return out;
    }
}
