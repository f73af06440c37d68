package org.rdsim.core.model;

import java.io.Serializable;
import java.util.List;

/**
 * A mass-action reaction in the density convention of models.md: the deterministic rate law
 * is {@code rate * prod_s n_s^m_s} events per unit volume per unit time, n = N/V.
 *
 * @param name       the reaction's name (given, or "r" + its number)
 * @param descriptor the descriptor string as written
 * @param reactants  reactant terms, one per species
 * @param products   product terms, one per species
 * @param rate       rate constant k in simulation units ((molecules/length^3)^(1-order)/time)
 * @param rateSource how the rate was given: a number, a quantity or a parameter name
 * @param radius     reaction radius of a bimolecular reaction in model length, NaN when not given
 * @param zones      spatial models: the zones where it happens, bit z for zone z (0 the default
 *                   compartment, 1 + r region r); {@link #EVERYWHERE} when not restricted
 */
public record Reaction(String name, String descriptor, List<Term> reactants, List<Term> products,
                       double rate, String rateSource, double radius, long zones) implements Serializable {

    /** Not restricted to compartments (obstacles excepted: nothing happens there). */
    public static final long EVERYWHERE = -1L;

    /** True when the reaction happens in zone z. */
    public boolean in(int zone) {
        return (zones & (1L << zone)) != 0;
    }

    /** Reaction order: the number of reactant molecules. */
    public int order() {
        int order = 0;
        for (Term t : reactants) {
            order += t.count();
        }
        return order;
    }

    /** Net change of species s when the reaction fires once. */
    public int netChange(int s) {
        int change = 0;
        for (Term t : products) {
            if (t.species() == s) {
                change += t.count();
            }
        }
        for (Term t : reactants) {
            if (t.species() == s) {
                change -= t.count();
            }
        }
        return change;
    }

    /** Molecules of species s consumed as reactant. */
    public int reactantCount(int s) {
        for (Term t : reactants) {
            if (t.species() == s) {
                return t.count();
            }
        }
        return 0;
    }

    /**
     * The stochastic rate constant c in a volume V: a(N) = c * prod_s N_s (N_s - 1)...(N_s - m_s + 1),
     * with c = k V^(1 - order).
     */
    public double stochasticConstant(double volume) {
        return rate * Math.pow(volume, 1 - order());
    }
}
