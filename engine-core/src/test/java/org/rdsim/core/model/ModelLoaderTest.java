package org.rdsim.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelLoaderTest {

    static final String SCHLOGL = """
            name: schlogl-bistable
            volume: 100.0
            parameters: {k1: 0.31, k2: 0.1, k3: 0.08, k4: 0.29}
            species:
              X: {initial: 100}
            reactions:
              - "autocatalysis: 2 X -> 3 X @ k1"
              - "reverse:       3 X -> 2 X @ k2"
              - "inflow:        0 -> X @ k3"
              - "outflow:       X -> 0 @ k4"
            method: {algorithm: ssa}
            time: {end: 500.0, output: 1.0}
            seed: 42
            """;

    static Model parse(String yaml, String... overrides) {
        return ModelLoader.parse(yaml, "model.yaml", List.of(overrides));
    }

    static ModelException failure(String yaml, String... overrides) {
        return assertThrows(ModelException.class, () -> parse(yaml, overrides));
    }

    @Test
    void readsTheSchloglExample() {
        Model m = parse(SCHLOGL);
        assertEquals("schlogl-bistable", m.name());
        assertEquals(1, m.speciesCount());
        assertEquals(4, m.reactionCount());
        assertEquals(100.0, m.initialState()[0]);
        Reaction auto = m.reactions().get(0);
        assertEquals("autocatalysis", auto.name());
        assertEquals(2, auto.order());
        assertEquals(1, auto.netChange(0));
        // Density convention: a = k N (N - 1) / V, so c = k / V.
        assertEquals(0.31 / 100, auto.stochasticConstant(100.0), 1e-15);
        assertEquals(0.1 / 1e4, m.reactions().get(1).stochasticConstant(100.0), 1e-15);
        assertEquals(0.08 * 100, m.reactions().get(2).stochasticConstant(100.0), 1e-12);
        assertEquals(Algorithm.SSA, m.method().algorithm());
        assertEquals(501, m.time().outputTimes().length);
        assertEquals(42L, m.seed());
        assertTrue(m.seedGiven());
    }

    @Test
    void overridesReplaceAndAddValues() {
        Model m = parse(SCHLOGL, "seed=7", "time.end=50", "parameters.k1=0.2", "method.algorithm=tau",
                "method.epsilon=0.01", "species.X.initial=3");
        assertEquals(7L, m.seed());
        assertEquals(50.0, m.time().end());
        assertEquals(0.2 / 100, m.reactions().get(0).stochasticConstant(100.0), 1e-15);
        assertEquals(Algorithm.TAU, m.method().algorithm());
        assertEquals(0.01, m.method().epsilon());
        assertEquals(3.0, m.initialState()[0]);
        Model r = parse(SCHLOGL, "reactions[3]=\"inflow: 0 -> X @ 1.5\"");
        assertEquals(1.5 * 100, r.reactions().get(2).stochasticConstant(100.0), 1e-12);
    }

    @Test
    void convertsUnitsToTheModelsUnits() {
        Model m = parse("""
                name: units
                units: {length: um, time: s, amount: molecule}
                volume: 1 fL
                species:
                  A: {initial: 10 nM, D: 10 um^2/s}
                  B: {initial: 5}
                reactions:
                  - "bind: A + B -> 0 @ 1e6 /M/s"
                  - "make: 0 -> A @ 1 nM/min"
                time: {end: 2 min, output: 1 s}
                seed: 1
                """);
        // 1 fL = 1 um^3; 10 nM in 1 um^3 = 6.022 molecules, rounded for the exact method.
        assertEquals(1.0, m.volume(), 1e-12);
        assertEquals(6.0, m.initialState()[0]);
        assertEquals(10.0, m.species().get(0).diffusion(), 1e-12);
        // 1 M = 6.022e8 molecules/um^3, so 1e6 /M/s = 1.66e-3 um^3/s and 1 nM/min = 0.6022/60 per um^3 per s.
        assertEquals(1e6 / 6.02214076e8, m.reactions().get(0).rate(), 1e-15);
        assertEquals(0.602214076 / 60, m.reactions().get(1).rate(), 1e-15);
        assertEquals(120.0, m.time().end(), 1e-12);

        Model mol = parse("""
                name: moles
                units: {length: m, time: s, amount: nmol}
                volume: 1e-15
                species: {A: {initial: 1e-12}}
                reactions: ["A -> 0 @ 1"]
                time: {end: 1}
                method: ode
                """);
        assertEquals(1e-21 * 6.02214076e23, mol.initialState()[0], 1e-6);
    }

    @Test
    void acceptsAllDescriptorForms() {
        Model m = parse("""
                name: forms
                volume: 2
                species: {A: 1, B: 2, C: 3}
                reactions:
                  - "A +(2.0) B -> C @ 1e-3"
                  - "2A -> B @ 0.5"
                  - "A + A + B -> 0 @ 0.25"
                  - "C -> 0 @ 1"
                time: {end: 1}
                """);
        assertEquals(2.0, m.reactions().get(0).radius());
        assertEquals("r1", m.reactions().get(0).name());
        assertEquals(2, m.reactions().get(1).reactants().get(0).count());
        assertEquals(3, m.reactions().get(2).order());
        assertEquals(2, m.reactions().get(2).reactantCount(0));
        assertFalse(parse("name: n\nvolume: 1\nspecies: {A: 1}\nreactions: []\ntime: {end: 1}").seedGiven());
    }

    /** One row per class of malformed input: what to change, the line the message names, and a phrase. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown species           | 7  | unknown species 'Y'                  | - "autocatalysis: 2 X -> 3 X @ k1" => - "autocatalysis: 2 X + Y -> 3 X @ k1"
            malformed descriptor       | 8  | missing '->'                         | - "reverse:       3 X -> 2 X @ k2" => - "reverse:       3 X 2 X @ k2"
            missing rate               | 8  | missing '@ rate'                     | - "reverse:       3 X -> 2 X @ k2" => - "reverse:       3 X -> 2 X"
            negative rate              | 9  | negative rate -0.08                  | 0 -> X @ k3 => 0 -> X @ -0.08
            non-numeric rate           | 9  | is not a number and not a parameter  | 0 -> X @ k3 => 0 -> X @ fast
            negative parameter         | 3  | must not be negative                 | k4: 0.29 => k4: -0.29
            non-numeric parameter      | 3  | cannot read "abc"                    | k4: 0.29 => k4: abc
            order above 3              | 7  | has order 4                          | 2 X -> 3 X @ k1 => 4 X -> 5 X @ k1
            duplicate species          | 6  | duplicate key 'X'                    | X: {initial: 100} => X: {initial: 100}\\n  X: {initial: 1}
            duplicate reaction name    | 8  | duplicate reaction name 'autocatalysis' | reverse: => autocatalysis:
            unknown method             | 11 | unknown method 'gillespie'           | algorithm: ssa => algorithm: gillespie
            unknown method option      | 11 | unknown key 'epsilon'                | {algorithm: ssa} => {algorithm: ssa, epsilon: 0.1}
            misspelt key               | 2  | unknown key 'volumes' (did you mean 'volume'?) | volume: => volumes:
            missing volume             | 1  | missing required key 'volume'        | volume: 100.0 => description: no volume
            missing time end           | 12 | missing required key 'end'           | {end: 500.0, output: 1.0} => {output: 1.0}
            zero volume                | 2  | volume must be positive              | volume: 100.0 => volume: 0
            negative initial           | 5  | must not be negative                 | initial: 100 => initial: -1
            fractional initial for ssa | 5  | not a whole number                   | initial: 100 => initial: 10.5
            bad seed                   | 13 | is not a whole number                | seed: 42 => seed: forty-two
            output longer than end     | 12 | longer than the end time             | output: 1.0 => output: 600
            units without units block  | 2  | has units but the model declares no units: block | volume: 100.0 => volume: 100 um^3
            invalid yaml               | 6  | is not valid YAML                    | X: {initial: 100} => X: {initial: 100
            radius on termolecular     | 10 | needs exactly two reactant molecules | X -> 0 @ k4 => 2 X +(1.0) X -> 0 @ k4
            zero coefficient           | 10 | count 0                              | X -> 0 @ k4 => 0 X -> 0 @ k4
            reversible arrow           | 10 | write the forward and backward       | X -> 0 @ k4 => X <-> 0 @ k4
            """)
    void everyMalformedFileGetsOneClearMessage(String what, int line, String phrase, String edit) {
        String[] parts = edit.split(" => ");
        String yaml = SCHLOGL.replace(parts[0], parts[1].replace("\\n", "\n"));
        assertFalse(yaml.equals(SCHLOGL), "the edit for '" + what + "' did not apply");
        ModelException e = failure(yaml);
        assertTrue(e.getMessage().contains(phrase), what + ": " + e.getMessage());
        assertEquals("model.yaml", e.source(), e.getMessage());
        assertEquals(line, e.line(), what + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void wrongDimensionNamesTheExpectedOne() {
        ModelException e = failure("""
                name: d
                units: {length: um, time: s}
                volume: 1 um^3
                species: {A: {initial: 1, D: 3 um/s}}
                reactions: []
                time: {end: 1}
                """);
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("species.A.D"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a value of dimension length^2/time"), e.getMessage());
    }

    @Test
    void cleNeedsATimeStep() {
        ModelException e = failure(SCHLOGL.replace("{algorithm: ssa}", "{algorithm: cle}"));
        assertTrue(e.getMessage().contains("needs a time step"), e.getMessage());
    }

    @Test
    void emptyAndNonMappingFilesAreRefused() {
        assertTrue(failure("").getMessage().contains("is empty"));
        assertTrue(failure("- just\n- a list\n").getMessage().contains("expected a YAML mapping"));
    }

    @Test
    void badOverridesNameTheOption() {
        ModelException e = failure(SCHLOGL, "time.end=abc");
        assertEquals("--set time.end=abc", e.source());
        assertEquals(0, e.line());
        assertTrue(e.getMessage().startsWith("--set time.end=abc: time.end: cannot read \"abc\""), e.getMessage());
        e = failure(SCHLOGL, "seed");
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
        e = failure(SCHLOGL, "name.first=x");
        assertTrue(e.getMessage().contains("'name' is not a mapping"), e.getMessage());
        e = failure(SCHLOGL, "reactions[9]=\"X -> 0 @ 1\"");
        assertTrue(e.getMessage().contains("has 4 items, no item 9"), e.getMessage());
        e = failure(SCHLOGL, "tim.end=5");
        assertTrue(e.getMessage().contains("unknown key 'tim' (did you mean 'time'?)"), e.getMessage());
    }

    @Test
    void overridesDoNotInventParametersOrSpeciesAndNameThemselves() {
        ModelException e = failure(SCHLOGL, "parameters.K1=0.2");
        assertTrue(e.getMessage().contains("the model has no parameter 'K1' (did you mean 'k1'?)"), e.getMessage());
        e = failure(SCHLOGL, "species.x.initial=3");
        assertTrue(e.getMessage().contains("the model has no species 'x' (did you mean 'X'?)"), e.getMessage());
        e = failure(SCHLOGL, "a.b.c=1");
        assertEquals("--set a.b.c=1", e.source(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'a'"), e.getMessage());
    }

    @Test
    void theCheckpointBlockIsReadAndCheckedUnderOneName() {
        Model m = parse(SCHLOGL, "checkpoint={every: 50}");
        assertEquals(new CheckpointSpec(50, CheckpointSpec.DEFAULT_KEEP), m.checkpoint());
        assertEquals(3, parse(SCHLOGL, "checkpoint={every: 7, keep: 3}").checkpoint().keep());
        assertEquals(null, parse(SCHLOGL).checkpoint());
        String[][] bad = {
            {"checkpoint={every: 0}", "every: 0 steps; a whole number of steps, 1 or more"},
            {"checkpoint={every: 2.5}", "a whole number of steps, 1 or more"},
            {"checkpoint={keep: 3}", "write checkpoint: {every: 50}"},
            {"checkpoint={every: 5, keep: 0}", "keep: 0; a whole number of checkpoints to keep, 1 to 1000"},
            {"checkpoint={every: 5, kept: 2}", "unknown key 'kept'; allowed keys here are every, keep"},
        };
        for (String[] b : bad) {
            ModelException e = failure(SCHLOGL, b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void unusedParametersAreCheckedToo() {
        ModelException e = failure(SCHLOGL.replace("k4: 0.29}", "k4: 0.29, spare: hello}"));
        assertTrue(e.getMessage().contains("cannot read \"hello\" as parameter 'spare'"), e.getMessage());
        e = failure(SCHLOGL.replace("k4: 0.29}", "k4: 0.29, spare: 3 furlong}"));
        assertTrue(e.getMessage().contains("unknown unit 'furlong'"), e.getMessage());
    }

    @Test
    void messagesShowValuesReadably() {
        assertTrue(failure(SCHLOGL, "seed=99999999999999999999999").getMessage().contains("is out of range"));
        assertTrue(failure(SCHLOGL.replace("volume: 100.0", "volume: .inf")).getMessage()
                .contains("expected a number at the start"));
        String units = "units: {length: um, time: s}\n";
        assertTrue(failure(units + SCHLOGL, "volume=-1 fL").getMessage().endsWith("volume must be positive, got -1"));
        ModelException dim = failure(units + SCHLOGL.replace("k2: 0.1", "k2: 1 /M/s"));
        assertTrue(dim.getMessage().contains("length^3/(amount*time)"), dim.getMessage());
        String longName = "x".repeat(5000);
        ModelException big = failure(SCHLOGL.replace("seed: 42", "seed: " + longName));
        assertTrue(big.getMessage().length() < 300, "long values are shortened: " + big.getMessage().length());
    }

    @Test
    void cleRefusesAStepThatWouldTakeForever() {
        ModelException e = failure(SCHLOGL, "method={algorithm: cle, dt: 1e-12}");
        assertTrue(e.getMessage().contains("steps up to the end time"), e.getMessage());
    }

    @Test
    void filesThatAreNotModelsAreRefusedInOneLine() throws Exception {
        Path dir = Files.createTempDirectory("rdsim-models");
        assertTrue(assertThrows(ModelException.class, () -> ModelLoader.load(dir, List.of())).getMessage()
                .contains("is a directory"));
        assertTrue(assertThrows(ModelException.class, () -> ModelLoader.load(Path.of(""), List.of()))
                .getMessage().contains("no model file given"));
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertTrue(assertThrows(ModelException.class, () -> ModelLoader.load(zero, List.of())).getMessage()
                    .contains("is not a regular file"));
        }
        String deep = "name: deep\nvolume: 1\nspecies: {X: 1}\nreactions: []\ntime: {end: 1}\ndescription: "
                + "[".repeat(5000) + "]".repeat(5000) + "\n";
        ModelException e = failure(deep);
        assertTrue(e.getMessage().contains("too deeply"), e.getMessage());
    }
}
