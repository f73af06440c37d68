package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rdsim.core.wellmixed.WellMixedSimulators;

/**
 * The text of {@code rdsim inspect}: species, reactions with their propensities in the density
 * convention, the stoichiometric matrix, conservation laws and the compatibility class.
 */
public final class ModelReport {

    private ModelReport() {
    }

    public static String of(Model m) {
        StringBuilder sb = new StringBuilder();
        String[] names = m.speciesNames();
        sb.append("Model ").append(m.name()).append("  (").append(m.source()).append(")\n");
        sb.append("Units: ").append(m.units()).append(";  ")
                .append(m.spatial() ? "voxel volume V = A dx^d = " : "volume V = ")
                .append(num(m.volume())).append("\n");
        if (m.spatial()) {
            Domain d = m.domain();
            sb.append("Domain: ").append(Arrays.toString(d.cells())).append(" voxels of side ").append(num(d.dx()))
                    .append(", A = ").append(num(d.depth())).append(", ").append(d.voxels()).append(" voxels; faces");
            for (int f = 0; f < d.boundaries().size(); f++) {
                FaceBoundary b = d.boundaries().get(f);
                sb.append(' ').append(Domain.FACES.get(f)).append(' ').append(b.kind().key());
                if (b.kind() == FaceBoundary.Kind.RESERVOIR) {
                    List<String> c = new ArrayList<>();
                    for (int s = 0; s < names.length; s++) {
                        if (b.concentration()[s] > 0) {
                            c.add(names[s] + " = " + num(b.concentration()[s]));
                        }
                    }
                    sb.append(" (").append(String.join(", ", c)).append(" per unit volume)");
                }
                sb.append(f < d.boundaries().size() - 1 ? "," : "");
            }
            if (!d.regions().isEmpty()) {
                long[] voxels = d.zoneVoxels();
                sb.append("\nRegions: ");
                for (int z = 0; z < d.zones(); z++) {
                    sb.append(z > 0 ? ", " : "").append(d.zoneName(z)).append(" (")
                            .append(z == 0 ? "compartment" : d.regions().get(z - 1).kind().key()).append(", ")
                            .append(voxels[z]).append(" voxels)");
                }
            }
            sb.append(m.method().algorithm().fhd()
                    ? "\nPropensities below are per cell, of the molecules n dV; densities diffuse with D.\n"
                    : "\nPropensities below are per voxel; molecules hop to each open face at D/dx^2.\n");
        }
        sb.append("Method: ").append(m.method().describe());
        if (m.method().algorithm() == Algorithm.SSA) {
            boolean nrm = m.reactionCount() >= WellMixedSimulators.NRM_FROM_REACTIONS;
            sb.append(" -> ").append(nrm ? "nrm" : "direct").append(" (").append(m.reactionCount())
                    .append(nrm ? " >= " : " < ").append(WellMixedSimulators.NRM_FROM_REACTIONS).append(" reactions)");
        }
        sb.append(";  time 0..").append(num(m.time().end())).append(" every ").append(num(m.time().output()))
                .append(";  seed ").append(m.seed()).append(m.seedGiven() ? "" : " (drawn; none in the file)")
                .append("\n\n");

        sb.append("Species (").append(names.length).append("):\n");
        int w = width(names);
        double[] x0 = m.initialState();
        for (int i = 0; i < names.length; i++) {
            Species s = m.species().get(i);
            sb.append("  ").append(pad(s.name(), w)).append("  initial ").append(num(x0[i]))
                    .append(" molecules");
            if (!Double.isNaN(s.diffusion())) {
                sb.append(",  D = ").append(num(s.diffusion()));
                if (s.zoneDiffusion() != null) {
                    for (int z = 1; z < s.zoneDiffusion().length; z++) {
                        if (!m.domain().obstacle(z) && s.zoneDiffusion()[z] != s.diffusion()) {
                            sb.append(", ").append(num(s.zoneDiffusion()[z])).append(" in ")
                                    .append(m.domain().zoneName(z));
                        }
                    }
                }
            }
            sb.append('\n');
        }

        sb.append("\nReactions (").append(m.reactionCount())
                .append("), propensity a(N) = V k prod_s N_s(N_s-1)..(N_s-m_s+1)/V^m_s:\n");
        String[] rnames = m.reactionNames();
        int rw = width(rnames);
        for (Reaction r : m.reactions()) {
            sb.append("  ").append(pad(r.name(), rw)).append("  ").append(equation(r, names))
                    .append("   k = ").append(num(r.rate()));
            if (!r.rateSource().equals(num(r.rate())) && !isNumber(r.rateSource())) {
                sb.append(" (").append(r.rateSource()).append(')');
            }
            if (!Double.isNaN(r.radius())) {
                sb.append(", radius ").append(num(r.radius()));
            }
            if (r.zones() != Reaction.EVERYWHERE) {
                List<String> in = new ArrayList<>();
                for (int z = 0; z < m.domain().zones(); z++) {
                    if (r.in(z)) {
                        in.add(m.domain().zoneName(z));
                    }
                }
                sb.append(", in ").append(String.join(", ", in));
            }
            String f = factorial(r, names);
            sb.append("\n  ").append(pad("", rw)).append("  a = ").append(formula(r)).append(f).append(" = ")
                    .append(num(r.stochasticConstant(m.volume()))).append(f).append('\n');
        }

        int[][] n = Stoichiometry.matrix(m);
        sb.append("\nStoichiometric matrix N (species x reactions, net change per firing):\n");
        int cw = Math.max(4, rw);
        sb.append("  ").append(pad("", w));
        for (String rn : rnames) {
            sb.append("  ").append(padLeft(rn, cw));
        }
        sb.append('\n');
        for (int s = 0; s < names.length; s++) {
            sb.append("  ").append(pad(names[s], w));
            for (int j = 0; j < rnames.length; j++) {
                sb.append("  ").append(padLeft(Integer.toString(n[s][j]), cw));
            }
            sb.append('\n');
        }
        int rank = Stoichiometry.rank(n);
        sb.append("  rank ").append(rank).append('\n');

        long[][] laws = Stoichiometry.conservationLaws(n);
        sb.append("\nConservation laws (integer basis of {c : c^T N = 0}): ");
        if (laws.length == 0) {
            sb.append("none\n");
        } else {
            sb.append(laws.length).append('\n');
            for (long[] law : laws) {
                sb.append("  ").append(Stoichiometry.describe(law, names)).append('\n');
            }
        }
        sb.append("\nStoichiometric compatibility class of the initial state:\n");
        sb.append("  { x >= 0 : x - x0 in the column space of N }, dimension ").append(rank).append(", x0 = (");
        List<String> parts = new ArrayList<>();
        for (int s = 0; s < names.length; s++) {
            parts.add(names[s] + " " + num(x0[s]));
        }
        sb.append(String.join(", ", parts)).append(")\n");
        for (long[] law : laws) {
            sb.append("  ").append(Stoichiometry.describe(law, names)).append(" = ")
                    .append(num(Stoichiometry.value(law, x0))).append('\n');
        }
        return sb.toString();
    }

    static String equation(Reaction r, String[] names) {
        return side(r.reactants(), names) + " -> " + side(r.products(), names);
    }

    private static String side(List<Term> terms, String[] names) {
        if (terms.isEmpty()) {
            return "0";
        }
        List<String> out = new ArrayList<>();
        for (Term t : terms) {
            out.add((t.count() > 1 ? t.count() + " " : "") + names[t.species()]);
        }
        return String.join(" + ", out);
    }

    /** Symbolic constant, e.g. "k V", "k", "k/V", "k/V^2". */
    private static String formula(Reaction r) {
        int order = r.order();
        return switch (order) {
            case 0 -> "k V";
            case 1 -> "k";
            case 2 -> "k/V";
            default -> "k/V^" + (order - 1);
        };
    }

    /** Falling factorial part, e.g. "X*(X-1)", "A*B", "1". */
    private static String factorial(Reaction r, String[] names) {
        List<String> f = new ArrayList<>();
        for (Term t : r.reactants()) {
            String s = names[t.species()];
            f.add(s);
            for (int i = 1; i < t.count(); i++) {
                f.add("(" + s + "-" + i + ")");
            }
        }
        return f.isEmpty() ? "" : " * " + String.join("*", f);
    }

    /** 12 significant digits: unit conversions leave last-bit noise (1 fL = 1.0000000000000002 um^3). */
    private static String num(double v) {
        return ModelText.significant(v, 12);
    }

    private static boolean isNumber(String s) {
        return ModelLoader.isPlainNumber(s.strip());
    }

    private static int width(String[] s) {
        int w = 1;
        for (String x : s) {
            w = Math.max(w, x.length());
        }
        return w;
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}
