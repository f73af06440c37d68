package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;

/** The generated kernel reproduces the table-driven direct method bit for bit. */
class CompiledDirectMethodTest {

    static Stream<Path> exampleModels() throws IOException {
        return Files.list(Path.of("..", "conf", "models")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    private static double[] trajectory(WellMixedSimulator sim, Model m, long replica) {
        List<Double> out = new ArrayList<>();
        double[] x = m.initialState();
        sim.simulate(x, m.time().outputTimes(), WellMixedSimulators.replicaStream(m.seed(), replica), (k, t, s) -> {
            out.add(t);
            for (double v : s) {
                out.add(v);
            }
        });
        for (double v : x) {
            out.add(v);
        }
        for (long f : sim.firings()) {
            out.add((double) f);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertIdentical(Model m, int replicas) {
        ReactionNetwork net = new ReactionNetwork(m);
        assertTrue(DirectKernelGenerator.supports(net), "network should be compiled");
        for (long r = 0; r < replicas; r++) {
            WellMixedSimulator generic = new DirectMethod(net);
            WellMixedSimulator compiled = new CompiledDirectMethod(net);
            assertArrayEquals(trajectory(generic, m, r), trajectory(compiled, m, r), m.name() + " replica " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleModels")
    void exampleModelsGiveIdenticalTrajectories(Path file) {
        assumeTrue(!ModelLoader.load(file, List.of()).spatial(), file + " is a spatial model");
        Model m = ModelLoader.load(file, List.of("method.algorithm=direct", "time.end=" + 2.0, "time.output=0.25"));
        assumeTrue(DirectKernelGenerator.supports(new ReactionNetwork(m)),
                file + " is too large for a generated kernel (see largerNetworksRunTheTableDrivenLoop)");
        assertIdentical(m, 3);
    }

    @Test
    void largerNetworksRunTheTableDrivenLoop() {
        Model toggle = ModelLoader.load(Path.of("..", "conf", "models", "toggle-switch.yaml"), List.of());
        assertTrue(WellMixedSimulators.create(toggle) instanceof DirectMethod, "14 reactions: table-driven loop");
        Model schlogl = ModelLoader.load(Path.of("..", "conf", "models", "schlogl-bistable.yaml"), List.of());
        assertTrue(WellMixedSimulators.create(schlogl) instanceof CompiledDirectMethod, "4 reactions: generated");
    }

    @Test
    void randomNetworksWithEveryPropensityShapeGiveIdenticalTrajectories() {
        Random rnd = new Random(11);
        String[] shapes = {"0", "A", "A + B", "2 A", "A + B + C", "2 A + B", "3 A"};
        for (int trial = 0; trial < 40; trial++) {
            int species = 2 + rnd.nextInt(6);
            int reactions = 1 + rnd.nextInt(DirectKernelGenerator.MAX_REACTIONS);
            StringBuilder y = new StringBuilder("name: random-" + trial + "\nvolume: " + (1 + rnd.nextInt(50))
                    + "\nspecies: {");
            for (int s = 0; s < species; s++) {
                y.append(s == 0 ? "" : ", ").append("S").append(s).append(": ").append(rnd.nextInt(40));
            }
            y.append("}\nreactions:\n");
            for (int j = 0; j < reactions; j++) {
                String shape = shapes[rnd.nextInt(shapes.length)];
                String lhs = shape.replace("A", "S" + rnd.nextInt(species)).replace("B", "S" + rnd.nextInt(species))
                        .replace("C", "S" + rnd.nextInt(species));
                String rhs = rnd.nextInt(4) == 0 ? "0" : (1 + rnd.nextInt(2)) + " S" + rnd.nextInt(species)
                        + (rnd.nextBoolean() ? " + S" + rnd.nextInt(species) : "");
                y.append("  - \"").append(lhs).append(" -> ").append(rhs).append(" @ ").append(0.05 + rnd.nextDouble())
                        .append("\"\n");
            }
            y.append("time: {end: 3.0, output: 0.1}\nmethod: direct\nseed: ").append(trial).append('\n');
            assertIdentical(ModelLoader.parse(y.toString(), "random.yaml", List.of()), 2);
        }
    }

    @Test
    void kernelsAreSharedByNetworksOfTheSameStructure() {
        Model a = ModelLoader.parse("name: a\nvolume: 1\nspecies: {X: 5}\nreactions: ['0 -> X @ 1', 'X -> 0 @ 0.1']\n"
                + "time: {end: 1}\n", "a.yaml", List.of());
        Model b = ModelLoader.parse("name: b\nvolume: 3\nspecies: {Y: 9}\nreactions: ['0 -> Y @ 7', 'Y -> 0 @ 2']\n"
                + "time: {end: 1}\n", "b.yaml", List.of());
        assertTrue(DirectKernelGenerator.kernel(new ReactionNetwork(a)) == DirectKernelGenerator.kernel(
                new ReactionNetwork(b)));
        assertFalse(DirectKernelGenerator.source(new ReactionNetwork(a)).contains("1.0E-1"), "no constants in source");
    }
}
