package org.rdsim.core.model;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rdsim.core.model.units.Dimension;
import org.rdsim.core.model.units.Quantity;
import org.rdsim.core.model.units.UnitSystem;
import org.rdsim.core.model.units.Units;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a model file into a validated {@link Model}.
 *
 * <p>The YAML is composed into a node tree with a safe loader (no object construction), the
 * {@code --set} overrides are grafted onto the tree, and each key is then read and checked,
 * so that every error names the file or option, the line and the key.
 */
public final class ModelLoader {

    static final String[] TOP_KEYS = {"name", "description", "units", "parameters", "volume", "domain", "species",
        "reactions", "method", "time", "seed", "output", "checkpoint"};
    private static final String[] SPECIES_KEYS = {"initial", "D"};
    private static final String[] TIME_KEYS = {"end", "output"};
    private static final String[] UNIT_KEYS = {"length", "time", "amount"};
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long MAX_OUTPUT_POINTS = 100_000_000L;
    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    /** Steps per trajectory (CLE, FHD, split-mn) or macro steps (nsm) beyond which dt is taken for a mistake. */
    private static final double MAX_STEPS = 1e11;

    private final String source;
    private UnitSystem units = UnitSystem.UNITLESS;
    private final Map<String, ModelNode> parameterNodes = new LinkedHashMap<>();
    private final Map<String, Dimension> parameterUse = new LinkedHashMap<>();
    private final Map<String, Double> parameterValues = new LinkedHashMap<>();

    private ModelLoader(String source) {
        this.source = source;
    }

    /** Loads a model file, applying {@code key=value} overrides first. */
    public static Model load(Path file, List<String> overrides) {
        String name = file.toString();
        if (name.isBlank()) {
            throw new ModelException("rdsim", 0, null, "no model file given", "give the path of a YAML model file");
        }
        if (Files.isDirectory(file)) {
            throw new ModelException(name, 0, null, "is a directory, not a model file",
                    "give the path of a YAML model file");
        }
        String text;
        try {
            if (Files.exists(file) && (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES)) {
                throw new ModelException(name, 0, null, Files.isRegularFile(file)
                        ? "is " + Files.size(file) + " bytes long" : "is not a regular file",
                        "model files are YAML texts of at most " + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ModelException(name, 0, null, "is not UTF-8 text", "model files are YAML text");
        } catch (IOException e) {
            throw new ModelException(name, 0, null, "cannot be read (" + describe(e) + ")",
                    "give the path of a readable YAML model file");
        }
        return parse(text, name, overrides);
    }

    /** Parses model text; {@code sourceName} is used in messages. */
    public static Model parse(String text, String sourceName, List<String> overrides) {
        ModelNode root = compose(text, sourceName);
        ModelOverrides.apply(root, overrides);
        return new ModelLoader(sourceName).read(root);
    }

    /** Composes YAML text into a node tree (no objects are constructed). */
    static ModelNode compose(String text, String label) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(50).setCodePointLimit((int) MAX_FILE_BYTES).build();
        try {
            Node node = new Compose(settings).composeString(text)
                    .orElseThrow(() -> new ModelException(label, 0, null, "is empty",
                            "a model file is a YAML mapping with keys " + String.join(", ", TOP_KEYS)));
            return new ModelNode(node, "", label);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            int contextLine = e.getContextMark().map(m -> m.getLine() + 1).orElse(line);
            String context = e.getContext() == null ? ""
                    : " (" + e.getContext().strip() + (contextLine != line ? " started on line " + contextLine : "") + ")";
            if (label.startsWith(ModelOverrides.PREFIX)) {
                line = 0;
            }
            throw new ModelException(label, line, null, "is not valid YAML: " + e.getProblem() + context,
                    "check indentation, colons, brackets and quotes near this line");
        } catch (YamlEngineException e) {
            throw new ModelException(label, 0, null, "is not valid YAML: " + e.getMessage(), null);
        } catch (StackOverflowError e) { // the parser recurses once per nesting level
            throw new ModelException(label, 0, null, "nests lists or mappings too deeply for the YAML parser",
                    "model files nest a few levels deep");
        }
    }

    private Model read(ModelNode root) {
        Map<String, ModelNode> top = root.entries("a YAML mapping of model keys", TOP_KEYS);
        String name = root.required(top, "name", "every model has a name").text("the model's name").strip();
        if (name.isEmpty()) {
            throw top.get("name").error("the name is empty", "give the model a name");
        }
        if (top.containsKey("description")) {
            top.get("description").text("a free-text description");
        }
        if (top.containsKey("units")) {
            units = readUnits(top.get("units"));
        }
        if (top.containsKey("parameters")) {
            readParameters(top.get("parameters"));
        }
        DomainReader.Geometry geometry = top.containsKey("domain") ? DomainReader.read(top.get("domain"), this) : null;
        boolean spatial = geometry != null;
        MethodSpec method = top.containsKey("method") ? MethodReader.read(top.get("method"), this)
                : MethodSpec.of(spatial ? Algorithm.NSM : Algorithm.SSA);
        if (method.algorithm().spatial() != spatial) {
            throw top.get("method").error(spatial
                            ? "'" + method.algorithm().key() + "' is a well-mixed method and this model has a domain"
                            : "'" + method.algorithm().key() + "' is a spatial method and this model has no domain",
                    spatial ? "spatial methods are " + Algorithm.keys(true)
                            : "well-mixed methods are " + Algorithm.keys(false) + "; or add a domain: block");
        }
        double volume;
        if (spatial) {
            if (top.containsKey("volume")) {
                throw top.get("volume").error("a model with a domain has no volume",
                        "its voxel volume is A dx^d, set in the domain block");
            }
            volume = geometry.shape().voxelVolume();
        } else {
            volume = quantity(root.required(top, "volume",
                    "well-mixed models need a volume (in length^3), e.g. volume: 100.0"), Dimension.VOLUME, "the volume");
            if (!(volume > 0)) {
                throw top.get("volume").error("volume must be positive, got " + ModelText.number(volume), null);
            }
        }
        List<Species> species = spatial
                ? SpatialSpeciesReader.read(root.required(top, "species", "declare at least one species"), geometry.shape(), this,
                        !(method.algorithm().fhd() && method.fhd().deterministic()))
                : readSpecies(root.required(top, "species", "declare at least one species"), volume,
                        method.algorithm().discrete());
        Domain domain = spatial ? DomainReader.finish(geometry, species.stream().map(Species::name).toList(), this) : null;
        List<Reaction> reactions = ReactionReader.read(domain, root.required(top, "reactions",
                "list the reactions (an empty list [] is allowed)"), species, this);
        TimeSpec time = readTime(root.required(top, "time", "give time: {end: ..., output: ...}"));
        if (!Double.isNaN(method.macroStep())) {
            if (!TimeSpec.wholeSteps(time.output(), method.macroStep()) || time.output() / method.macroStep() < 1) {
                throw top.get("method").error("the output interval " + ModelText.number(time.output())
                        + " is not a whole number of macro steps of " + ModelText.number(method.macroStep()),
                        "choose a macroStep that divides time.output");
            }
        }
        if (spatial || method.algorithm() == Algorithm.CLE) { // a step so short that the count overflows or never ends
            boolean byDt = method.algorithm() != Algorithm.NSM;
            double step = byDt ? method.dt() : method.macroStep();
            if (time.end() / step > MAX_STEPS) {
                String what = byDt ? "dt" : "macroStep";
                throw top.get("method").error(what + " " + ModelText.number(step) + " gives "
                        + ModelText.number(time.end() / step) + (byDt ? " steps" : " macro steps") + " up to the end time",
                        "at most 1e11 per run; choose a larger " + what);
            }
        }
        if (spatial && method.algorithm().fhd()) {
            MethodReader.checkFhd(method, domain, species.size(), time, top.get("method"));
        } else if (spatial) {
            MethodReader.checkLattice(method, domain, species, top.get("method"));
        }
        FieldOutput fields = null;
        if (top.containsKey("output")) {
            if (!spatial) {
                throw top.get("output").error("output: holds field snapshots, and this model has no domain",
                        "well-mixed runs write timeseries.csv; remove the output block");
            }
            fields = FieldOutputReader.read(top.get("output"), time, this);
        }
        CheckpointSpec checkpoint = top.containsKey("checkpoint") ? readCheckpoint(top.get("checkpoint")) : null;
        long seed;
        boolean seedGiven = top.containsKey("seed");
        if (seedGiven) {
            seed = top.get("seed").integer("a whole number seed between -9223372036854775808 and 9223372036854775807");
        } else {
            seed = new SecureRandom().nextLong() & Long.MAX_VALUE;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, ModelNode> p : parameterNodes.entrySet()) {
            parameters.put(p.getKey(), p.getValue().text("a parameter value"));
        }
        return new Model(name, source, species, reactions, Collections.unmodifiableMap(parameters), volume,
                method, time, seed, seedGiven, units, domain, fields, checkpoint);
    }

    private UnitSystem readUnits(ModelNode node) {
        Map<String, ModelNode> e = node.entries("a mapping such as {length: um, time: s, amount: molecule}",
                UNIT_KEYS);
        Quantity length = unitOf(node.required(e, "length", "name the length unit, e.g. length: um"),
                Dimension.LENGTH, "a length unit such as nm, um, mm, m");
        Quantity time = unitOf(node.required(e, "time", "name the time unit, e.g. time: s"),
                Dimension.TIME, "a time unit such as ms, s, min, h");
        Quantity amount = e.containsKey("amount")
                ? unitOf(e.get("amount"), Dimension.AMOUNT, "an amount unit: molecule, mol, mmol, umol, nmol, pmol")
                : Units.lookup("molecule");
        return new UnitSystem(e.get("length").text("").strip(), length.value(), e.get("time").text("").strip(),
                time.value(), e.containsKey("amount") ? e.get("amount").text("").strip() : "molecule",
                amount.value());
    }

    /** {@code checkpoint: {every: 50, keep: 2}}: every so many steps, the newest so many kept. */
    private static CheckpointSpec readCheckpoint(ModelNode node) {
        Map<String, ModelNode> e = node.entries("{every: <steps>, keep: <count>}", "every", "keep");
        ModelNode everyNode = node.required(e, "every", "write checkpoint: {every: 50} (steps between checkpoints)");
        long every = everyNode.integer("a whole number of steps, 1 or more");
        if (every < 1) {
            throw everyNode.error("every: " + every + " steps", "a whole number of steps, 1 or more");
        }
        int keep = CheckpointSpec.DEFAULT_KEEP;
        if (e.containsKey("keep")) {
            ModelNode keepNode = e.get("keep");
            long k = keepNode.integer("a whole number of checkpoints to keep, 1 to 1000");
            if (k < 1 || k > 1000) {
                throw keepNode.error("keep: " + k, "a whole number of checkpoints to keep, 1 to 1000");
            }
            keep = (int) k;
        }
        return new CheckpointSpec(every, keep);
    }

    private static Quantity unitOf(ModelNode node, Dimension dim, String allowed) {
        String t = node.text(allowed).strip();
        Quantity q;
        try {
            q = Quantity.parseUnit(t);
        } catch (IllegalArgumentException ex) {
            throw node.error(ex.getMessage(), "expected " + allowed);
        }
        if (!q.dimension().equals(dim) || t.isEmpty()) {
            throw node.error("'" + t + "' is not a " + dim + " unit", "expected " + allowed);
        }
        return q;
    }

    /** Species names are identifiers, so reaction descriptors can name them. */
    static void checkSpeciesName(String name, ModelNode node) {
        if (!IDENT.matcher(name).matches()) {
            throw node.error("species name '" + name + "' is not an identifier",
                    "names start with a letter or '_' and contain letters, digits and '_'");
        }
    }

    private void readParameters(ModelNode node) {
        for (Map.Entry<String, ModelNode> p : node.entries("a mapping of parameter names to values").entrySet()) {
            if (!IDENT.matcher(p.getKey()).matches()) {
                throw p.getValue().error("parameter name '" + p.getKey() + "' is not an identifier",
                        "names start with a letter or '_' and contain letters, digits and '_'");
            }
            String value = p.getValue().text("a number, or a number with units").strip();
            if (!isPlainNumber(value)) {
                parseQuantity(p.getValue(), value, "parameter '" + p.getKey() + "'"); // checked even if unused
            } else if (!Double.isFinite(Double.parseDouble(value))) {
                throw p.getValue().error(ModelText.quote(value) + " is not a finite number",
                        "expected a number, or a number with units");
            }
            parameterNodes.put(p.getKey(), p.getValue());
        }
    }

    private List<Species> readSpecies(ModelNode node, double volume, boolean discrete) {
        Map<String, ModelNode> entries = node.entries("a mapping of species names to {initial: ..., D: ...}");
        if (entries.isEmpty()) {
            throw node.error("no species declared", "declare at least one species, e.g. X: {initial: 10}");
        }
        List<Species> out = new ArrayList<>();
        for (Map.Entry<String, ModelNode> s : entries.entrySet()) {
            String name = s.getKey();
            ModelNode value = s.getValue();
            checkSpeciesName(name, value);
            ModelNode initialNode;
            double diffusion = Double.NaN;
            if (value.isMapping()) {
                Map<String, ModelNode> e = value.entries("{initial: ..., D: ...}", SPECIES_KEYS);
                initialNode = value.required(e, "initial", "give the initial amount, e.g. initial: 100");
                if (e.containsKey("D")) {
                    diffusion = diffusion(e.get("D"));
                }
            } else {
                initialNode = value;
            }
            out.add(new Species(name, diffusion, initialMolecules(initialNode, volume, discrete), null, null));
        }
        return List.copyOf(out);
    }

    private double initialMolecules(ModelNode node, double volume, boolean discrete) {
        String t = node.text("an initial amount (molecules, or a quantity with units)").strip();
        double molecules;
        if (isPlainNumber(t)) {
            molecules = units.plain(node.number("an initial amount"), Dimension.AMOUNT);
            if (discrete && molecules != Math.rint(molecules)) {
                throw node.error("initial amount " + t + " is " + molecules + " molecules, not a whole number",
                        "the exact and tau-leaping methods count molecules; give a whole number "
                                + "(a value with units such as '2.5 nM' is rounded to the nearest molecule)");
            }
        } else {
            Quantity q = parseQuantity(node, t, "an amount or a concentration");
            double v = units.convert(q);
            if (q.dimension().equals(Dimension.AMOUNT)) {
                molecules = v;
            } else if (q.dimension().equals(Dimension.CONCENTRATION)) {
                molecules = v * volume;
            } else {
                throw node.error("'" + t + "' has dimension " + q.dimension(),
                        "an initial amount is an amount (e.g. '100 molecule', '1 nmol') or a concentration "
                                + "(e.g. '10 nM'), multiplied by the volume");
            }
            if (discrete) {
                molecules = Math.rint(molecules);
            }
        }
        if (molecules < 0) {
            throw node.error("initial amount must not be negative, got " + t, null);
        }
        if (molecules > 9.0e15) {
            throw node.error("initial amount " + molecules + " molecules exceeds 9e15",
                    "counts above 2^53 cannot be represented exactly; rescale the model");
        }
        return molecules;
    }

    /** The rate constant of a reaction: a number or quantity, or a parameter used with one dimension. */
    double rate(ModelNode item, ReactionDescriptor d, Dimension dim, String text) {
        String what = "the rate of " + ModelText.quote(text.strip());
        double k;
        if (d.rateIsParameter()) {
            String p = d.rate();
            ModelNode pn = parameterNodes.get(p);
            if (pn == null) {
                throw item.error("rate '" + p + "' in " + ModelText.quote(text.strip())
                                + " is not a number and not a parameter"
                                + Suggest.didYouMean(p, parameterNodes.keySet()),
                        parameterNodes.isEmpty() ? "define it under parameters: or give a number"
                                : "defined parameters are " + String.join(", ", parameterNodes.keySet()));
            }
            Dimension used = parameterUse.putIfAbsent(p, dim);
            String pt = pn.text("").strip();
            if (used != null && !used.equals(dim) && !isPlainNumber(pt)) {
                throw pn.error("parameter '" + p + "' has units and is used as the rate of reactions of different "
                        + "order (" + used + " and " + dim + ")", "use one parameter per order");
            }
            k = parameterValues.computeIfAbsent(p + "|" + dim, key -> quantity(pn, dim, "parameter '" + p + "'"));
            if (k < 0) {
                throw pn.error("parameter '" + p + "' is used as a rate and must not be negative, got " + pt, null);
            }
        } else {
            k = quantityText(item, d.rate(), dim, what);
            if (k < 0) {
                throw item.error("negative rate " + d.rate() + " in " + ModelText.quote(text.strip()),
                        "rates are non-negative numbers");
            }
        }
        return k;
    }

    private TimeSpec readTime(ModelNode node) {
        Map<String, ModelNode> e = node.entries("{end: ..., output: ...}", TIME_KEYS);
        ModelNode endNode = node.required(e, "end", "give the end time, e.g. time: {end: 100, output: 1}");
        double end = quantity(endNode, Dimension.TIME, "the end time");
        if (!(end > 0)) {
            throw endNode.error("end time must be positive, got " + ModelText.number(end), null);
        }
        double output = end / 100;
        if (e.containsKey("output")) {
            output = quantity(e.get("output"), Dimension.TIME, "the output interval");
            if (!(output > 0)) {
                throw e.get("output").error("output interval must be positive, got " + ModelText.number(output), null);
            }
            if (output > end) {
                throw e.get("output").error("output interval " + ModelText.number(output)
                        + " is longer than the end time " + ModelText.number(end),
                        "choose an interval at most the end time");
            }
            if (end / output > MAX_OUTPUT_POINTS) {
                throw e.get("output").error("output interval " + output + " gives " + (long) (end / output)
                        + " recorded states", "at most " + MAX_OUTPUT_POINTS + " per run; choose a longer interval");
            }
        }
        return new TimeSpec(end, output);
    }

    /** A diffusion coefficient: a non-negative length^2/time. */
    double diffusion(ModelNode node) {
        double d = quantity(node, Dimension.DIFFUSIVITY, "a diffusion coefficient");
        if (d < 0) {
            throw node.error("diffusion coefficient must not be negative, got " + ModelText.number(d), null);
        }
        return d;
    }

    /** A value that is a plain number in model units or a quantity string with units of {@code dim}. */
    double quantity(ModelNode node, Dimension dim, String what) {
        return quantityText(node, node.text(what + " (a number, or a number with units)"), dim, what);
    }

    double quantityText(ModelNode node, String text, Dimension dim, String what) {
        String t = text.strip();
        if (isPlainNumber(t)) {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw node.error(ModelText.quote(t) + " is not a finite number", "expected " + what);
            }
            return units.plain(v, dim);
        }
        Quantity q = parseQuantity(node, t, what);
        if (!q.dimension().equals(dim)) {
            throw node.error(ModelText.quote(t) + " for " + what + " has dimension " + q.dimension(),
                    "expected a value of dimension " + dim);
        }
        return units.convert(q);
    }

    private Quantity parseQuantity(ModelNode node, String t, String what) {
        Quantity q;
        try {
            q = Quantity.parse(t);
        } catch (IllegalArgumentException e) {
            throw node.error("cannot read " + ModelText.quote(t) + " as " + what + ": " + e.getMessage(),
                    "give a number, or a number with units such as \"10 um^2/s\"");
        }
        if (!Double.isFinite(q.value())) {
            throw node.error(ModelText.quote(t) + " is not a finite number", "expected " + what);
        }
        if (units.unitless() && !q.dimension().equals(Dimension.NONE)) {
            throw node.error(ModelText.quote(t) + " has units but the model declares no units: block",
                    "give a plain number, or add units: {length: um, time: s, amount: molecule}");
        }
        return q;
    }

    static boolean isPlainNumber(String t) {
        try {
            Double.parseDouble(t);
            return !t.isEmpty() && !Character.isLetter(t.charAt(t.length() - 1))
                    && !t.endsWith("d") && !t.endsWith("f");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase() + (m == null ? "" : ": " + m);
    }
}
