package org.rdsim.partitioning.rdme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsim.core.lattice.InitialState;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelException;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.testing.Stat;

/** Obstacles and compartments: what they hold, where molecules go, where reactions happen. */
class RegionTest {

    /**
     * A wall two voxels thick across a periodic 8 x 8 lattice: it never holds a molecule, the
     * total is conserved, and the 240 molecules of a point source end up multinomial over the 48
     * free voxels (variance about N/V of (N/V)(1 - 1/V)).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nsm", "{algorithm: nsm, block: [3, 8]}", "{algorithm: split-mn, dt: 0.2, block: [4, 4]}"})
    void anObstacleStaysEmptyAndTheFreeVoxelsEquilibrateUniformly(String method) {
        Model m = Ensembles.model("""
                name: wall
                domain:
                  cells: [8, 8]
                  dx: 1.0
                  A: 1.0
                  boundary: periodic
                  regions: [{name: wall, kind: obstacle, box: {from: [0, 0], to: [2, 8]}}]
                species: {X: {D: 1.0, initial: {point: {at: [5.5, 5.5], count: 240}}}}
                reactions: []
                method: %s
                time: {end: 40.0, output: 10.0}
                seed: 21
                """.formatted(method));
        int free = 48;
        double mean = 240.0 / free;
        int replicas = 300;
        double[][][] counts = LatticeTesting.counts(m, replicas);
        double[] variance = new double[replicas];
        for (double[][] output : counts) {
            for (int r = 0; r < replicas; r++) {
                double total = 0;
                double v = 0;
                for (int i = 0; i < 64; i++) {
                    total += output[i][r];
                    if (i % 8 < 2) {
                        assertEquals(0, output[i][r], "voxel " + i + " is in the wall");
                    } else {
                        v += (output[i][r] - mean) * (output[i][r] - mean);
                    }
                }
                assertEquals(240, total, "molecules are conserved");
                variance[r] = v / free; // the last output's is kept
            }
        }
        double[] var = Stat.meanAndSe(variance);
        Stat.assertAgrees(method + ": spatial variance over the free voxels", var[0], mean * (1 - 1.0 / free), var[1]);
    }

    /**
     * Half of a periodic ring is a compartment where D is 4 times smaller. With the harmonic mean
     * of D on the faces between them the hop rates across are symmetric, so the equilibrium
     * density is uniform: each half holds half the molecules. (Taking the source voxel's D
     * instead would pile 4 times the density into the slow half.)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nsm", "{algorithm: split-mn, dt: 0.25, block: [5]}"})
    void compartmentsWithDifferentMobilityShareMoleculesByVolume(String method) {
        Model m = Ensembles.model("""
                name: slow-half
                domain:
                  cells: [16]
                  dx: 1.0
                  A: 1.0
                  boundary: periodic
                  regions: [{name: slow, box: {from: [0], to: [8]}}]
                species: {X: {D: {default: 1.0, slow: 0.25}, initial: {point: {at: [12.5], count: 200}}}}
                reactions: []
                method: %s
                time: {end: 200.0, output: 200.0}
                seed: 22
                """.formatted(method));
        int replicas = 300;
        double[][] finals = LatticeTesting.finals(m, replicas);
        double[] inSlow = new double[replicas];
        for (int r = 0; r < replicas; r++) {
            for (int i = 0; i < 8; i++) {
                inSlow[r] += finals[i][r];
            }
        }
        double[] est = Stat.meanAndSe(inSlow);
        // each molecule independently in the slow half with probability 1/2
        Stat.assertAgrees(method + ": molecules in the slow half", est[0], 100, Math.sqrt(200 * 0.25 / replicas));
    }

    /**
     * Birth only in the 'nucleus' (voxels 0-3), decay everywhere, immobile molecules: each nucleus
     * voxel is Poisson with mean V k_b / k_d = 4 at stationarity, every other voxel stays empty.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nsm", "{algorithm: split-mn, dt: 0.1}"})
    void aReactionHappensOnlyInTheCompartmentsItNames(String method) {
        Model m = Ensembles.model("""
                name: nucleus
                domain:
                  cells: [12]
                  dx: 1.0
                  A: 1.0
                  boundary: periodic
                  regions: [{name: nucleus, box: {from: [0], to: [4]}}]
                species: {X: {D: 0, initial: {uniform: 0}}}
                reactions:
                  - {reaction: "birth: 0 -> X @ 2.0", in: [nucleus]}
                  - "decay: X -> 0 @ 0.5"
                method: %s
                time: {end: 20.0, output: 20.0}
                seed: 23
                """.formatted(method));
        int replicas = 400;
        double[][][] counts = LatticeTesting.counts(m, replicas);
        for (double[][] output : counts) {
            for (int i = 4; i < 12; i++) {
                for (int r = 0; r < replicas; r++) {
                    assertEquals(0, output[i][r], "voxel " + i + " is outside the nucleus");
                }
            }
        }
        double[][] nucleus = counts[counts.length - 1];
        for (int i = 0; i < 4; i++) {
            double[] est = Stat.meanAndSe(nucleus[i]);
            Stat.assertAgrees(method + ": nucleus voxel " + i, est[0], 4.0, Math.sqrt(4.0 / replicas));
        }
    }

    @Test
    void densitiesPerRegionAndObstaclesShapeTheInitialState() {
        Model m = Ensembles.model("""
                name: zones
                domain:
                  cells: [10, 10]
                  dx: 1.0
                  A: 2.0
                  boundary: reflecting
                  regions:
                    - {name: ring, difference: [{sphere: {center: [5, 5], radius: 4}}, {sphere: {center: [5, 5], radius: 2}}]}
                    - {name: post, kind: obstacle, union: [{box: {from: [0, 0], to: [1, 1]}}, {half-space: {point: [9, 0], normal: [1, 0]}}]}
                species: {X: {D: 1.0, initial: {regions: {ring: 3.0, default: 0.5}, sampling: round}}}
                reactions: []
                time: {end: 1.0}
                seed: 1
                """);
        Lattice lattice = new Lattice(m);
        int[] n = InitialState.build(m, lattice, 0);
        double[] x = new double[2];
        int ring = 0;
        for (int v = 0; v < 100; v++) {
            lattice.centre(v, x);
            double r = Math.hypot(x[0] - 5, x[1] - 5);
            boolean post = (x[0] <= 1 && x[1] <= 1) || x[0] >= 9;
            int expected = post ? 0 : (r <= 4 && r > 2) ? 6 : 1;
            assertEquals(expected, n[v], "voxel " + v + " at " + x[0] + ", " + x[1]);
            assertEquals(post, lattice.obstacle(v));
            ring += expected == 6 ? 1 : 0;
        }
        assertTrue(ring > 20, "the ring has voxels: " + ring);
        assertEquals(0, lattice.open(0), "an obstacle voxel has no open face");
    }

    /**
     * A reservoir face on a compartment with its own D lets molecules in at that D: with no sink
     * the lattice stays at the reservoir's density, Poisson(c_R V) in every voxel.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nsm", "{algorithm: split-mn, dt: 0.5}"})
    void aReservoirOnACompartmentKeepsItsDensity(String method) {
        Model m = Ensembles.model("""
                name: slow-reservoir
                domain:
                  cells: [6]
                  dx: 1.0
                  A: 1.0
                  boundary: {x-: {reservoir: {X: 10.0}}, x+: reflecting}
                  regions: [{name: gel, box: {from: [0], to: [6]}}]
                species: {X: {D: {default: 1.0, gel: 0.25}, initial: {uniform: 10.0}}}
                reactions: []
                method: %s
                time: {end: 60.0, output: 60.0}
                seed: 24
                """.formatted(method));
        int replicas = 400;
        double[][] finals = LatticeTesting.finals(m, replicas);
        for (int v = 0; v < 6; v++) {
            double[] est = Stat.meanAndSe(finals[v]);
            Stat.assertAgrees(method + ": voxel " + v, est[0], 10.0, Math.sqrt(10.0 / replicas));
        }
    }

    /** split-mn's dt guard looks at every compartment's D, not only the default one. */
    @Test
    void theSplitStepIsCheckedAgainstTheFastestCompartment() {
        ModelException e = assertThrows(ModelException.class, () -> Ensembles.model("""
                name: fast-core
                domain:
                  cells: [10, 10]
                  dx: 1.0
                  A: 1.0
                  boundary: periodic
                  regions: [{name: core, box: {from: [2, 2], to: [8, 8]}}]
                species: {X: {D: {default: 0.1, core: 0.8}, initial: {uniform: 1.0}}}
                reactions: []
                method: {algorithm: split-mn, dt: 0.5}
                time: {end: 1.0}
                seed: 1
                """));
        assertTrue(e.getMessage().contains("2 d D dt / dx^2 = 1.6 for X in core (D 0.8) exceeds 1")
                && e.getMessage().contains("the largest stable dt is 0.3125"), e.getMessage());
    }

    /** Each mistake in regions and in what refers to them gets its own message with a line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown shape            | unknown key 'cube'                     | sphere: {center: [4, 4], radius: 2} => cube: 2
            two shapes               | more than one shape                    | sphere: {center: [4, 4], radius: 2} => sphere: {center: [4, 4], radius: 2}, box: {from: [0, 0], to: [1, 1]}
            vector length            | the domain has 2 axes, this vector 3   | center: [4, 4] => center: [4, 4, 4]
            empty box                | the box is empty on axis 0             | to: [1, 8] => to: [0, 8]
            duplicate name           | a second region named 'wall'           | name: core => name: wall
            reserved name            | 'default' cannot name a region         | name: core => name: default
            unknown kind             | unknown region kind 'membrane'         | kind: obstacle => kind: membrane
            D in an unknown region   | unknown compartment 'cor'              | core: 0.5 => cor: 0.5
            D in an obstacle         | 'wall' is an obstacle                  | core: 0.5 => wall: 0.5
            D without default        | missing required key 'default'         | default: 1.0, core: 0.5 => core: 0.5
            reaction in an obstacle  | 'wall' is an obstacle                  | in: [core] => in: [wall]
            reaction in no region    | unknown compartment 'nucleus'          | in: [core] => in: [nucleus]
            point in the wall        | the point lies in the obstacle 'wall'  | at: [5.5, 5.5] => at: [0.5, 5.5]
            density in the wall      | 'wall' is an obstacle                  | {regions: {core: 2.0}} => {regions: {wall: 2.0}}
            reaction nowhere         | in: [] names no compartment            | in: [core] => in: []
            """)
    void regionMistakesAreNamed(String what, String phrase, String edit) {
        String base = """
                name: regions
                domain:
                  cells: [8, 8]
                  dx: 1.0
                  A: 1.0
                  boundary: periodic
                  regions:
                    - {name: wall, kind: obstacle, box: {from: [0, 0], to: [1, 8]}}
                    - {name: core, sphere: {center: [4, 4], radius: 2}}
                species:
                  X: {D: {default: 1.0, core: 0.5}, initial: {point: {at: [5.5, 5.5], count: 10}}}
                  Y: {D: 1.0, initial: {regions: {core: 2.0}}}
                reactions:
                  - {reaction: "X -> Y @ 1.0", in: [core]}
                time: {end: 1.0}
                seed: 1
                """;
        String[] parts = edit.split(" => ");
        String yaml = base.replace(parts[0], parts[1]);
        assertFalse(yaml.equals(base), "edit did not apply: " + what);
        ModelException e = assertThrows(ModelException.class, () -> Ensembles.model(yaml));
        assertTrue(e.getMessage().contains(phrase), what + ": " + e.getMessage());
        assertTrue(e.line() > 0, what + ": the message names a line: " + e.getMessage());
    }
}
