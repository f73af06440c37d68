package org.rdsim.core.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Structural analysis of a reaction network: the stoichiometric matrix N (species x reactions,
 * net change per firing), its rank, and the conservation laws, an integer basis of the left
 * null space {c : c^T N = 0}. Every trajectory of an exact or tau-leaping simulation keeps
 * c . x constant for each law c.
 *
 * <p>Semi-positive laws (all coefficients &ge; 0, e.g. A + C and B + C for A + B &lt;-&gt; C)
 * are what a chemist reads as "total A" and "total B", so the basis is taken from the minimal
 * semi-positive invariants (Farkas algorithm) when they span the null space, and completed
 * from an exact rational basis otherwise. All arithmetic is exact (BigInteger).
 */
public final class Stoichiometry {

    /**
     * Rows the Farkas tableau may reach; the minimal-support filter is quadratic in them. Beyond,
     * the exact rational basis is used as it is.
     */
    private static final int FARKAS_ROW_LIMIT = 2_000;

    private Stoichiometry() {
    }

    /** N[s][j]: net change of species s when reaction j fires. */
    public static int[][] matrix(Model model) {
        int[][] n = new int[model.speciesCount()][model.reactionCount()];
        for (int j = 0; j < model.reactionCount(); j++) {
            Reaction r = model.reactions().get(j);
            for (int s = 0; s < model.speciesCount(); s++) {
                n[s][j] = r.netChange(s);
            }
        }
        return n;
    }

    /** Rank of an integer matrix. */
    public static int rank(int[][] n) {
        List<BigInteger[]> rows = new ArrayList<>();
        for (int[] row : n) {
            rows.add(big(row));
        }
        return echelon(rows, n.length == 0 ? 0 : n[0].length).size();
    }

    /** An integer basis of {c : c^T N = 0}; rows have length = number of species. */
    public static long[][] conservationLaws(int[][] n) {
        int species = n.length;
        int reactions = species == 0 ? 0 : n[0].length;
        List<BigInteger[]> rational = nullSpaceOfTranspose(n, species, reactions);
        int nullity = rational.size();
        if (nullity == 0) {
            return new long[0][];
        }
        List<BigInteger[]> chosen = new ArrayList<>();
        List<BigInteger[]> positive = semiPositiveInvariants(n, species, reactions);
        if (positive != null) {
            positive.sort(Comparator.<BigInteger[]>comparingInt(Stoichiometry::support)
                    .thenComparing(Stoichiometry::lexicographic));
            for (BigInteger[] v : positive) {
                addIfIndependent(chosen, v);
            }
        }
        for (BigInteger[] v : rational) {
            if (chosen.size() == nullity) {
                break;
            }
            addIfIndependent(chosen, v);
        }
        long[][] out = new long[chosen.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.stream(chosen.get(i)).mapToLong(BigInteger::longValueExact).toArray();
        }
        return out;
    }

    /** Human-readable form of a law, e.g. "A + C" or "2 A - B". */
    public static String describe(long[] law, String[] names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < law.length; i++) {
            long c = law[i];
            if (c == 0) {
                continue;
            }
            if (sb.length() == 0) {
                sb.append(c < 0 ? "-" : "");
            } else {
                sb.append(c < 0 ? " - " : " + ");
            }
            long a = Math.abs(c);
            if (a != 1) {
                sb.append(a).append(' ');
            }
            sb.append(names[i]);
        }
        return sb.toString();
    }

    /** c . x for a law and a state. */
    public static double value(long[] law, double[] x) {
        double v = 0;
        for (int i = 0; i < law.length; i++) {
            v += law[i] * x[i];
        }
        return v;
    }

    // ---- exact linear algebra ----

    private static List<BigInteger[]> nullSpaceOfTranspose(int[][] n, int species, int reactions) {
        // Rows of N^T are reactions; solve N^T c = 0 by reduced row echelon form.
        List<BigInteger[]> rows = new ArrayList<>();
        for (int j = 0; j < reactions; j++) {
            BigInteger[] row = new BigInteger[species];
            for (int s = 0; s < species; s++) {
                row[s] = BigInteger.valueOf(n[s][j]);
            }
            rows.add(row);
        }
        List<BigInteger[]> rref = echelon(rows, species);
        int[] pivotCol = new int[rref.size()];
        boolean[] isPivot = new boolean[species];
        for (int r = 0; r < rref.size(); r++) {
            pivotCol[r] = firstNonZero(rref.get(r));
            isPivot[pivotCol[r]] = true;
        }
        List<BigInteger[]> basis = new ArrayList<>();
        for (int f = 0; f < species; f++) {
            if (isPivot[f]) {
                continue;
            }
            BigInteger scale = BigInteger.ONE;
            for (int r = 0; r < rref.size(); r++) {
                BigInteger p = rref.get(r)[pivotCol[r]];
                if (rref.get(r)[f].signum() != 0) {
                    scale = lcm(scale, p.abs());
                }
            }
            BigInteger[] v = zeros(species);
            v[f] = scale;
            for (int r = 0; r < rref.size(); r++) {
                BigInteger[] row = rref.get(r);
                v[pivotCol[r]] = row[f].negate().multiply(scale).divide(row[pivotCol[r]]);
            }
            basis.add(normalise(v));
        }
        return basis;
    }

    /** Fully reduced echelon form (pivots cleared above and below), rows with gcd 1. */
    private static List<BigInteger[]> echelon(List<BigInteger[]> input, int cols) {
        List<BigInteger[]> rows = new ArrayList<>();
        for (BigInteger[] r : input) {
            rows.add(r.clone());
        }
        List<BigInteger[]> out = new ArrayList<>();
        for (int c = 0; c < cols && !rows.isEmpty(); c++) {
            int p = -1;
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i)[c].signum() != 0) {
                    p = i;
                    break;
                }
            }
            if (p < 0) {
                continue;
            }
            BigInteger[] pivot = rows.remove(p);
            for (List<BigInteger[]> group : List.of(rows, out)) {
                for (int i = 0; i < group.size(); i++) {
                    BigInteger[] r = group.get(i);
                    if (r[c].signum() != 0) {
                        group.set(i, reduceGcd(combine(pivot[c], r, r[c], pivot)));
                    }
                }
            }
            out.add(reduceGcd(pivot));
            rows.removeIf(Stoichiometry::isZero);
        }
        return out;
    }

    /** a * x - b * y. */
    private static BigInteger[] combine(BigInteger a, BigInteger[] x, BigInteger b, BigInteger[] y) {
        BigInteger[] z = new BigInteger[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = a.multiply(x[i]).subtract(b.multiply(y[i]));
        }
        return z;
    }

    private static void addIfIndependent(List<BigInteger[]> chosen, BigInteger[] v) {
        List<BigInteger[]> trial = new ArrayList<>(chosen);
        trial.add(v);
        if (echelon(trial, v.length).size() == trial.size()) {
            chosen.add(v);
        }
    }

    /**
     * Minimal semi-positive left null vectors by the Farkas (Fourier-Motzkin) algorithm on the
     * tableau [N | I]; null when the tableau grows past a size limit (huge networks).
     */
    private static List<BigInteger[]> semiPositiveInvariants(int[][] n, int species, int reactions) {
        int width = reactions + species;
        List<BigInteger[]> rows = new ArrayList<>();
        for (int s = 0; s < species; s++) {
            BigInteger[] row = zeros(width);
            for (int j = 0; j < reactions; j++) {
                row[j] = BigInteger.valueOf(n[s][j]);
            }
            row[reactions + s] = BigInteger.ONE;
            rows.add(row);
        }
        for (int j = 0; j < reactions; j++) {
            List<BigInteger[]> next = new ArrayList<>();
            List<BigInteger[]> pos = new ArrayList<>();
            List<BigInteger[]> neg = new ArrayList<>();
            for (BigInteger[] r : rows) {
                int sign = r[j].signum();
                (sign == 0 ? next : sign > 0 ? pos : neg).add(r);
            }
            if ((long) pos.size() * neg.size() + next.size() > FARKAS_ROW_LIMIT) {
                return null; // checked before the pairs are built: dense networks explode here
            }
            for (BigInteger[] p : pos) {
                for (BigInteger[] q : neg) {
                    BigInteger[] z = new BigInteger[width];
                    BigInteger a = q[j].negate();
                    BigInteger b = p[j];
                    for (int i = 0; i < width; i++) {
                        z[i] = a.multiply(p[i]).add(b.multiply(q[i]));
                    }
                    next.add(reduceGcd(z));
                }
            }
            rows = minimalSupports(next, reactions, width);
        }
        List<BigInteger[]> out = new ArrayList<>();
        for (BigInteger[] r : rows) {
            out.add(Arrays.copyOfRange(r, reactions, width));
        }
        return out;
    }

    private static List<BigInteger[]> minimalSupports(List<BigInteger[]> rows, int from, int to) {
        List<BigInteger[]> keep = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            boolean minimal = true;
            for (int k = 0; k < rows.size() && minimal; k++) {
                if (k == i) {
                    continue;
                }
                if (supportSubset(rows.get(k), rows.get(i), from, to)
                        && (!supportSubset(rows.get(i), rows.get(k), from, to) || k < i)) {
                    minimal = false; // a strictly smaller support, or the same support seen first
                }
            }
            if (minimal) {
                keep.add(rows.get(i));
            }
        }
        return keep;
    }

    private static boolean supportSubset(BigInteger[] a, BigInteger[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i].signum() != 0 && b[i].signum() == 0) {
                return false;
            }
        }
        return true;
    }

    private static int support(BigInteger[] v) {
        int s = 0;
        for (BigInteger x : v) {
            s += x.signum() != 0 ? 1 : 0;
        }
        return s;
    }

    private static int lexicographic(BigInteger[] a, BigInteger[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = b[i].abs().compareTo(a[i].abs()); // earlier species first
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static BigInteger[] normalise(BigInteger[] v) {
        BigInteger[] r = reduceGcd(v);
        int f = firstNonZero(r);
        if (f >= 0 && r[f].signum() < 0) {
            for (int i = 0; i < r.length; i++) {
                r[i] = r[i].negate();
            }
        }
        return r;
    }

    private static BigInteger[] reduceGcd(BigInteger[] v) {
        BigInteger g = BigInteger.ZERO;
        for (BigInteger x : v) {
            g = g.gcd(x);
        }
        if (g.signum() == 0 || g.equals(BigInteger.ONE)) {
            return v;
        }
        BigInteger[] r = new BigInteger[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i].divide(g);
        }
        return r;
    }

    private static BigInteger lcm(BigInteger a, BigInteger b) {
        return a.divide(a.gcd(b)).multiply(b);
    }

    private static int firstNonZero(BigInteger[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i].signum() != 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isZero(BigInteger[] v) {
        return firstNonZero(v) < 0;
    }

    private static BigInteger[] zeros(int n) {
        BigInteger[] z = new BigInteger[n];
        Arrays.fill(z, BigInteger.ZERO);
        return z;
    }

    private static BigInteger[] big(int[] row) {
        BigInteger[] r = new BigInteger[row.length];
        for (int i = 0; i < row.length; i++) {
            r[i] = BigInteger.valueOf(row[i]);
        }
        return r;
    }
}
