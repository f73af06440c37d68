package org.rdsim.core.wellmixed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.Reaction;
import org.rdsim.core.model.Term;

/**
 * A model compiled for the well-mixed engines: primitive arrays only.
 *
 * <p>Each reaction gets a propensity kernel by shape (0th order, X, X Y, X(X-1), ...) and its
 * stochastic constant c = k V^(1-order), so a(N) = c * prod N(N-1)..(N-m+1) as in models.md.
 * Net changes and the dependency graph (which propensities a firing can change) are stored
 * in compressed sparse rows.
 */
public final class ReactionNetwork {

    static final int K0 = 0;      // 0 -> ...            a = c
    static final int K1 = 1;      // A -> ...            a = c A
    static final int K2 = 2;      // A + B -> ...        a = c A B
    static final int K2H = 3;     // 2 A -> ...          a = c A (A - 1)
    static final int K3 = 4;      // A + B + C -> ...    a = c A B C
    static final int K3H2 = 5;    // 2 A + B -> ...      a = c A (A - 1) B
    static final int K3H = 6;     // 3 A -> ...          a = c A (A - 1) (A - 2)

    final int species;
    final int reactions;
    final double volume;
    final int[] kind;
    final int[] sa;
    final int[] sb;
    final int[] sc;
    final double[] c;
    final int[] order;

    final int[] changeStart;
    final int[] changeSpecies;
    final double[] changeAmount;

    final int[] reactantStart;
    final int[] reactantSpecies;
    final int[] reactantCount;

    final int[] dependentStart;
    final int[] dependents;

    public ReactionNetwork(Model model) {
        species = model.speciesCount();
        reactions = model.reactionCount();
        volume = model.volume();
        kind = new int[reactions];
        sa = new int[reactions];
        sb = new int[reactions];
        sc = new int[reactions];
        c = new double[reactions];
        order = new int[reactions];
        changeStart = new int[reactions + 1];
        reactantStart = new int[reactions + 1];
        List<int[]> changes = new ArrayList<>();
        List<int[]> reactantTerms = new ArrayList<>();
        for (int j = 0; j < reactions; j++) {
            Reaction r = model.reactions().get(j);
            order[j] = r.order();
            c[j] = r.stochasticConstant(volume);
            classify(j, r.reactants());
            changeStart[j] = changes.size();
            for (int s = 0; s < species; s++) {
                int d = r.netChange(s);
                if (d != 0) {
                    changes.add(new int[] {s, d});
                }
            }
            reactantStart[j] = reactantTerms.size();
            for (Term t : r.reactants()) {
                reactantTerms.add(new int[] {t.species(), t.count()});
            }
        }
        changeStart[reactions] = changes.size();
        reactantStart[reactions] = reactantTerms.size();
        changeSpecies = changes.stream().mapToInt(p -> p[0]).toArray();
        changeAmount = changes.stream().mapToDouble(p -> p[1]).toArray();
        reactantSpecies = reactantTerms.stream().mapToInt(p -> p[0]).toArray();
        reactantCount = reactantTerms.stream().mapToInt(p -> p[1]).toArray();

        dependentStart = new int[reactions + 1];
        List<Integer> deps = new ArrayList<>();
        for (int j = 0; j < reactions; j++) {
            dependentStart[j] = deps.size();
            Set<Integer> d = new LinkedHashSet<>();
            for (int q = changeStart[j]; q < changeStart[j + 1]; q++) {
                int s = changeSpecies[q];
                for (int i = 0; i < reactions; i++) {
                    for (int p = reactantStart[i]; p < reactantStart[i + 1]; p++) {
                        if (reactantSpecies[p] == s) {
                            d.add(i);
                        }
                    }
                }
            }
            d.stream().sorted().forEach(deps::add);
        }
        dependentStart[reactions] = deps.size();
        dependents = deps.stream().mapToInt(Integer::intValue).toArray();
    }

    private void classify(int j, List<Term> reactants) {
        int[] counts = reactants.stream().mapToInt(Term::count).toArray();
        int[] ids = reactants.stream().mapToInt(Term::species).toArray();
        // Sort terms by decreasing count so "2 A + B" always has A first.
        Integer[] idx = new Integer[ids.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> counts[q] - counts[p]);
        int[] s = new int[3];
        int[] m = new int[3];
        for (int i = 0; i < idx.length; i++) {
            s[i] = ids[idx[i]];
            m[i] = counts[idx[i]];
        }
        sa[j] = s[0];
        sb[j] = s[1];
        sc[j] = s[2];
        switch (order[j]) {
            case 0 -> kind[j] = K0;
            case 1 -> kind[j] = K1;
            case 2 -> kind[j] = m[0] == 2 ? K2H : K2;
            case 3 -> kind[j] = m[0] == 3 ? K3H : m[0] == 2 ? K3H2 : K3;
            default -> throw new IllegalArgumentException("reaction order " + order[j] + " above 3");
        }
    }

    /**
     * Java source of reaction j's propensity, with the same operations in the same order as
     * {@link #propensity(int, int[], int)}, for code generators: {@code constant} names the
     * stochastic constant and {@code count + s} the count of species s (an int or a double; the
     * casts make both exact).
     */
    public String propensitySource(int j, String constant, String count) {
        String a = "(double) " + count + sa[j];
        String b = "(double) " + count + sb[j];
        String c3 = "(double) " + count + sc[j];
        return switch (kind[j]) {
            case K0 -> constant;
            case K1 -> constant + " * " + a;
            case K2 -> constant + " * " + a + " * " + b;
            case K2H -> constant + " * " + a + " * (" + a + " - 1)";
            case K3 -> constant + " * " + a + " * " + b + " * " + c3;
            case K3H2 -> constant + " * " + a + " * (" + a + " - 1) * " + b;
            default -> constant + " * " + a + " * (" + a + " - 1) * (" + a + " - 2)";
        };
    }

    /** The species whose counts reaction j changes, in increasing order (for code generators). */
    public int[] changedSpecies(int j) {
        return Arrays.copyOfRange(changeSpecies, changeStart[j], changeStart[j + 1]);
    }

    /** The net change of each of {@link #changedSpecies(int)} when reaction j fires. */
    public int[] netChanges(int j) {
        int[] d = new int[changeStart[j + 1] - changeStart[j]];
        for (int q = 0; q < d.length; q++) {
            d[q] = (int) changeAmount[changeStart[j] + q];
        }
        return d;
    }

    /** The stochastic constant c_j of reaction j (a_j = c_j times the count products). */
    public double constant(int j) {
        return c[j];
    }

    public int species() {
        return species;
    }

    public int reactions() {
        return reactions;
    }

    /** Exact propensity a_j(x) for whole-number counts x. */
    public double propensity(int j, double[] x) {
        switch (kind[j]) {
            case K0:
                return c[j];
            case K1:
                return c[j] * x[sa[j]];
            case K2:
                return c[j] * x[sa[j]] * x[sb[j]];
            case K2H: {
                double a = x[sa[j]];
                return c[j] * a * (a - 1);
            }
            case K3:
                return c[j] * x[sa[j]] * x[sb[j]] * x[sc[j]];
            case K3H2: {
                double a = x[sa[j]];
                return c[j] * a * (a - 1) * x[sb[j]];
            }
            default: {
                double a = x[sa[j]];
                return c[j] * a * (a - 1) * (a - 2);
            }
        }
    }

    /**
     * Exact propensity a_j for whole-number counts held in an int array from {@code base} on
     * (one voxel of a lattice field, species in order). The same arithmetic as for a double
     * state, written out again on purpose: one shared helper taking the three reactant counts
     * loads counts that K0 and K1 reactions never read, and made the table-driven direct method
     * about 11% slower (DimerizationBenchmark -p algorithm=direct-table, two builds alternated).
     */
    public double propensity(int j, int[] n, int base) {
        switch (kind[j]) {
            case K0:
                return c[j];
            case K1:
                return c[j] * n[base + sa[j]];
            case K2:
                return c[j] * n[base + sa[j]] * (double) n[base + sb[j]];
            case K2H: {
                double a = n[base + sa[j]];
                return c[j] * a * (a - 1);
            }
            case K3:
                return c[j] * n[base + sa[j]] * (double) n[base + sb[j]] * n[base + sc[j]];
            case K3H2: {
                double a = n[base + sa[j]];
                return c[j] * a * (a - 1) * n[base + sb[j]];
            }
            default: {
                double a = n[base + sa[j]];
                return c[j] * a * (a - 1) * (a - 2);
            }
        }
    }

    /** Adds the net change of one firing of reaction j to int counts from {@code base} on. */
    public void fire(int j, int[] n, int base) {
        for (int q = changeStart[j]; q < changeStart[j + 1]; q++) {
            n[base + changeSpecies[q]] += (int) changeAmount[q];
        }
    }

    /**
     * Propensity for a real-valued state (CLE, midpoint tau): counts below 0 count as 0, and
     * the falling factorial is clamped at 0 so that 0 &lt; x &lt; 1 never gives a negative rate.
     */
    public double propensityClamped(int j, double[] x) {
        switch (kind[j]) {
            case K0:
                return c[j];
            case K1:
                return c[j] * Math.max(0, x[sa[j]]);
            case K2:
                return c[j] * Math.max(0, x[sa[j]]) * Math.max(0, x[sb[j]]);
            case K2H: {
                double a = x[sa[j]];
                return a > 1 ? c[j] * a * (a - 1) : 0;
            }
            case K3:
                return c[j] * Math.max(0, x[sa[j]]) * Math.max(0, x[sb[j]]) * Math.max(0, x[sc[j]]);
            case K3H2: {
                double a = x[sa[j]];
                return a > 1 ? c[j] * a * (a - 1) * Math.max(0, x[sb[j]]) : 0;
            }
            default: {
                double a = x[sa[j]];
                return a > 2 ? c[j] * a * (a - 1) * (a - 2) : 0;
            }
        }
    }

    /**
     * Reaction j's {@link #propensityClamped} as a product, for kernels that evaluate it without a
     * switch: c_j * f_0 * f_1 * f_2, multiplied left to right, with f_q = max(0, x[species[q]] -
     * offsets[q]), the same numbers in the same order as that method, so the same result. A
     * factor that is not used has species -1 and stands for 1 (the caller points it at a count
     * of 1 with offset 0).
     */
    public void clampedFactors(int j, int[] species, double[] offsets) {
        int[] s = {-1, -1, -1};
        double[] o = {0, 0, 0};
        switch (kind[j]) {
            case K0 -> { }
            case K1 -> s[0] = sa[j];
            case K2 -> { s[0] = sa[j]; s[1] = sb[j]; }
            case K2H -> { s[0] = sa[j]; s[1] = sa[j]; o[1] = 1; }
            case K3 -> { s[0] = sa[j]; s[1] = sb[j]; s[2] = sc[j]; }
            case K3H2 -> { s[0] = sa[j]; s[1] = sa[j]; o[1] = 1; s[2] = sb[j]; }
            default -> { s[0] = sa[j]; s[1] = sa[j]; o[1] = 1; s[2] = sa[j]; o[2] = 2; }
        }
        System.arraycopy(s, 0, species, 0, 3);
        System.arraycopy(o, 0, offsets, 0, 3);
    }

    /**
     * The deterministic rate in molecules per time: V k prod (x_s/V)^m_s = c prod x_s^m_s,
     * the large-volume limit of the propensity (powers, not falling factorials).
     */
    public double massActionRate(int j, double[] x) {
        switch (kind[j]) {
            case K0:
                return c[j];
            case K1:
                return c[j] * x[sa[j]];
            case K2:
                return c[j] * x[sa[j]] * x[sb[j]];
            case K2H: {
                double a = x[sa[j]];
                return c[j] * a * a;
            }
            case K3:
                return c[j] * x[sa[j]] * x[sb[j]] * x[sc[j]];
            case K3H2: {
                double a = x[sa[j]];
                return c[j] * a * a * x[sb[j]];
            }
            default: {
                double a = x[sa[j]];
                return c[j] * a * a * a;
            }
        }
    }

    /** Fills a with every propensity and returns their sum. */
    public double propensities(double[] x, double[] a) {
        double sum = 0;
        for (int j = 0; j < reactions; j++) {
            a[j] = propensity(j, x);
            sum += a[j];
        }
        return sum;
    }

    /** x += n * nu_j. */
    public void fire(int j, double[] x, double n) {
        for (int q = changeStart[j]; q < changeStart[j + 1]; q++) {
            x[changeSpecies[q]] += n * changeAmount[q];
        }
    }

    /** x += nu_j (one firing). */
    public void fire(int j, double[] x) {
        for (int q = changeStart[j]; q < changeStart[j + 1]; q++) {
            x[changeSpecies[q]] += changeAmount[q];
        }
    }
}
