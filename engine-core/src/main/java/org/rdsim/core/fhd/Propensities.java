package org.rdsim.core.fhd;

import java.util.List;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.Reaction;
import org.rdsim.core.model.Term;

/**
 * Reaction rates per unit volume on real-valued densities, with the discrete law-of-mass-action
 * correction and every factor clamped at zero (fhd-schemes.md section 3, paper eq. 22):
 * a_r(n) = k_r prod_s g(n_s, m_sr), g(n, 1) = n+, g(n, 2) = n+ (n - 1/dV)+,
 * g(n, 3) = n+ (n - 1/dV)+ (n - 2/dV)+. With Poisson counts the mean of g(n, m) is exactly nbar^m,
 * which is why an equilibrium run keeps the deterministic mean rate; the clamps keep a negative
 * density (possible in FHD) from producing a negative or sign-flipped rate.
 */
public final class Propensities {

    private final double[] k;
    private final int[] termStart;
    private final int[] termSpecies;
    private final int[] termCount;
    private final double perMolecule; // 1/dV

    public Propensities(Model model, double cellVolume) {
        List<Reaction> reactions = model.reactions();
        k = new double[reactions.size()];
        termStart = new int[reactions.size() + 1];
        int terms = reactions.stream().mapToInt(r -> r.reactants().size()).sum();
        termSpecies = new int[terms];
        termCount = new int[terms];
        int t = 0;
        for (int r = 0; r < reactions.size(); r++) {
            k[r] = reactions.get(r).rate();
            termStart[r] = t;
            for (Term term : reactions.get(r).reactants()) {
                termSpecies[t] = term.species();
                termCount[t] = term.count();
                t++;
            }
        }
        termStart[reactions.size()] = t;
        perMolecule = 1 / cellVolume;
    }

    public int reactions() {
        return k.length;
    }

    /** a_r for the densities of one cell, species in order from {@code base}. */
    public double rate(int r, double[] n, int base) {
        double a = k[r];
        for (int t = termStart[r]; t < termStart[r + 1]; t++) {
            double x = n[base + termSpecies[t]];
            for (int j = 0; j < termCount[t]; j++) {
                a *= Math.max(x - j * perMolecule, 0);
            }
        }
        return a;
    }
}
