package org.rdsim.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsim.core.model.units.Dimension;

/**
 * Reads the {@code reactions:} list: descriptor strings such as {@code "bind: A + B -> C @ 0.1"},
 * or in a spatial model {@code {reaction: "...", in: [compartments]}} for a reaction that
 * happens only in some compartments.
 */
final class ReactionReader {

    private static final int MAX_ORDER = 3;

    private ReactionReader() {
    }

    static List<Reaction> read(Domain domain, ModelNode node, List<Species> species, ModelLoader loader) {
        List<Reaction> out = new ArrayList<>();
        Map<String, ModelNode> names = new LinkedHashMap<>();
        List<String> speciesNames = species.stream().map(Species::name).toList();
        List<ModelNode> items = node.isNull() ? List.of() : node.items("a list of reaction descriptor strings");
        for (int i = 0; i < items.size(); i++) {
            ModelNode item = items.get(i);
            long zones = Reaction.EVERYWHERE;
            if (item.isMapping()) {
                if (domain == null) {
                    throw item.error("a reaction restricted to compartments needs a domain",
                            "write the reaction as a plain descriptor string");
                }
                Map<String, ModelNode> e = item.entries("{reaction: \"A + B -> C @ 0.1\", in: [compartments]}",
                        "reaction", "in");
                zones = zones(domain, item.required(e, "in", "name the compartments, e.g. in: [nucleus]"));
                item = item.required(e, "reaction", "give the descriptor, e.g. reaction: \"A + B -> C @ 0.1\"");
            }
            String text = item.text("a reaction descriptor string such as \"A + B -> C @ 0.1\"");
            ReactionDescriptor d;
            try {
                d = ReactionDescriptor.parse(text);
            } catch (IllegalArgumentException e) {
                throw item.error("malformed reaction " + ModelText.quote(text.strip()) + ": " + e.getMessage(),
                        ReactionDescriptor.SYNTAX);
            }
            String name = d.name() != null ? d.name() : "r" + (i + 1);
            if (names.containsKey(name)) {
                throw item.error("duplicate reaction name '" + name + "'",
                        "it is already used at line " + names.get(name).line() + "; reaction names must be unique");
            }
            names.put(name, item);
            List<Term> reactants = terms(d.reactants(), speciesNames, item, text);
            List<Term> products = terms(d.products(), speciesNames, item, text);
            int order = d.reactants().stream().mapToInt(ReactionDescriptor.Side::count).sum();
            if (order > MAX_ORDER) {
                throw item.error("reaction " + ModelText.quote(text.strip()) + " has order " + order,
                        "reaction order (number of reactant molecules) may be 0 to " + MAX_ORDER
                                + "; split higher-order steps into elementary reactions");
            }
            Dimension rateDim = Dimension.rateConstant(order);
            double rate = loader.rate(item, d, rateDim, text);
            double radius = Double.NaN;
            if (d.radius() != null) {
                radius = loader.quantityText(item, d.radius(), Dimension.LENGTH,
                        "the reaction radius in " + ModelText.quote(text.strip()));
                if (!(radius > 0)) {
                    throw item.error("reaction radius must be positive, got " + d.radius(), null);
                }
            }
            out.add(new Reaction(name, text.strip(), reactants, products, rate, d.rate(), radius, zones));
        }
        return List.copyOf(out);
    }

    /** The zones named by {@code in: [...]} as a bit set; obstacles hold no reactions. */
    private static long zones(Domain domain, ModelNode node) {
        long mask = 0;
        List<ModelNode> listed = node.isScalar() ? List.of(node) : node.items("a list of compartment names");
        if (listed.isEmpty()) {
            throw node.error("in: [] names no compartment, so the reaction could never happen",
                    "name at least one compartment, or drop the reaction");
        }
        for (ModelNode n : listed) {
            String name = n.text("a compartment name").strip();
            int zone = domain.zone(name);
            if (zone < 0 || domain.obstacle(zone)) {
                List<String> names = domain.compartmentNames();
                throw n.error((zone < 0 ? "unknown compartment '" : "'") + name + (zone < 0 ? "'" : "' is an obstacle")
                        + Suggest.didYouMean(name, names), "compartments are " + String.join(", ", names));
            }
            if (zone > 62) {
                throw n.error("reactions can be restricted to the first 62 regions only", "list fewer regions");
            }
            mask |= 1L << zone;
        }
        return mask;
    }

    private static List<Term> terms(List<ReactionDescriptor.Side> sides, List<String> species, ModelNode item,
                                    String text) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (ReactionDescriptor.Side s : sides) {
            int idx = species.indexOf(s.species());
            if (idx < 0) {
                throw item.error("unknown species '" + s.species() + "' in " + ModelText.quote(text.strip())
                        + Suggest.didYouMean(s.species(), species),
                        "declared species are " + String.join(", ", species));
            }
            counts.merge(idx, s.count(), Math::addExact);
        }
        List<Term> out = new ArrayList<>();
        counts.forEach((s, c) -> out.add(new Term(s, c)));
        return List.copyOf(out);
    }
}
