package org.rdsim.core.rdme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.junit.jupiter.api.Test;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.lattice.InitialState;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;

/**
 * The generated NSM kernel reproduces the table-driven loop bit for bit (counts and every
 * tally), on every boundary kind, on blocks with ghost voxels, and for every propensity shape;
 * and the calendar queue orders clocks exactly as a sorted list would.
 */
class NsmKernelTest {

    /**
     * Runs a few macro steps with the kernel and with the table-driven loop; both must agree
     * exactly. shape is what the kernel may take as constant about the lattice (so that every
     * specialisation is among those compared).
     */
    private static void assertIdentical(Model m, Box box, NsmKernelGenerator.Shape shape, int steps, double macroStep) {
        Lattice lattice = box == null ? new Lattice(m) : new Lattice(m, box);
        assertEquals(shape, NsmKernelGenerator.Shape.of(lattice), m.name() + ": lattice shape");
        NextSubvolume compiled = new NextSubvolume(m, lattice, true);
        NextSubvolume table = new NextSubvolume(m, lattice, false);
        assertTrue(compiled.compiled(), m.name() + ": the kernel should apply");
        assertFalse(table.compiled());
        int size = (lattice.voxels() + lattice.ghostVoxels()) * m.speciesCount();
        int[] a = Arrays.copyOf(InitialState.build(m, lattice, 0), size);
        int[] b = a.clone();
        LatticeEvents ea = new LatticeEvents(m.reactionCount(), m.speciesCount());
        LatticeEvents eb = new LatticeEvents(m.reactionCount(), m.speciesCount());
        for (int k = 0; k < steps; k++) {
            compiled.advance(a, ea, k * macroStep, (k + 1) * macroStep, new XoShiRo256PlusPlus(new long[] {k, 1, 2, 3}));
            table.advance(b, eb, k * macroStep, (k + 1) * macroStep, new XoShiRo256PlusPlus(new long[] {k, 1, 2, 3}));
            assertArrayEquals(b, a, m.name() + " counts after step " + k);
        }
        assertArrayEquals(eb.firings(), ea.firings(), m.name() + " firings");
        assertArrayEquals(eb.hops(), ea.hops(), m.name() + " hops");
        assertArrayEquals(eb.crossBlock(), ea.crossBlock(), m.name() + " cross-block hops");
        assertArrayEquals(eb.outflow(), ea.outflow(), m.name() + " outflow");
        assertArrayEquals(eb.inflow(), ea.inflow(), m.name() + " inflow");
        assertTrue(ea.events() > 1000, m.name() + " should be a real test: " + ea.events() + " events");
    }

    @Test
    void bindingOnAPeriodicLatticeAndOnABlockWithGhosts() {
        Model m = Ensembles.model("""
                name: binding
                species:
                  A: {D: 1.0, initial: {uniform: 10.0}}
                  B: {D: 0.5, initial: {uniform: 10.0}}
                  C: {D: 0.2, initial: {uniform: 0.0}}
                reactions: ["A + B -> C @ 1.0", "C -> A + B @ 1.0"]
                domain: {cells: [8, 8, 8], dx: 1.0, A: 1.0, boundary: periodic}
                method: nsm
                time: {end: 1.0}
                seed: 1
                """);
        assertIdentical(m, null, new NsmKernelGenerator.Shape(6, false), 3, 0.1);
        // One block of a 2 x 2 x 1 cut: four exported faces, hops into ghosts are tallied apart.
        assertIdentical(m, new Box(new int[] {4, 0, 0}, new int[] {4, 4, 8}), new NsmKernelGenerator.Shape(6, false), 4, 0.05);
    }

    private static final String GRADIENT = """
            name: gradient
            species:
              M: {D: 2.0, initial: {uniform: 5.0}}
              N: {D: 1.0, initial: {uniform: 1.0}}
            reactions: ["M -> 0 @ 0.3", "0 -> N @ 0.5", "M + N -> 0 @ 0.01"]
            domain:
              cells: [40]
              dx: 0.5
              A: 4.0
              boundary: {x-: {reservoir: {M: 20.0, N: 3.0}}, x+: absorbing}
            method: nsm
            time: {end: 1.0}
            seed: 2
            """;

    @Test
    void reservoirAndAbsorbingFacesWithDegradation() {
        Model m = Ensembles.model(GRADIENT);
        // Two open faces everywhere (both ends let molecules out), inflow at one.
        assertIdentical(m, null, new NsmKernelGenerator.Shape(2, true), 5, 0.4);
        // A reflecting end closes a face of the last voxel: open faces vary.
        Model closed = Ensembles.model(GRADIENT.replace("x+: absorbing", "x+: reflecting"));
        assertIdentical(closed, null, new NsmKernelGenerator.Shape(-1, true), 5, 0.4);
    }

    @Test
    void everyPropensityShapeOnAReflectingGrid() {
        Random rnd = new Random(5);
        String[] shapes = {"0", "A", "A + B", "2 A", "A + B + C", "2 A + B", "3 A"};
        for (int trial = 0; trial < 12; trial++) {
            int species = 2 + rnd.nextInt(4);
            StringBuilder y = new StringBuilder("name: random-" + trial + "\nspecies:\n");
            for (int s = 0; s < species; s++) {
                y.append("  S").append(s).append(": {D: ").append(0.1 + rnd.nextDouble())
                        .append(", initial: {uniform: ").append(2 + rnd.nextInt(8)).append("}}\n");
            }
            y.append("reactions:\n");
            int reactions = 1 + rnd.nextInt(6);
            for (int j = 0; j < reactions; j++) {
                String lhs = shapes[(trial + j) % shapes.length].replace("A", "S" + rnd.nextInt(species))
                        .replace("B", "S" + rnd.nextInt(species)).replace("C", "S" + rnd.nextInt(species));
                String rhs = rnd.nextInt(4) == 0 ? "0" : (1 + rnd.nextInt(2)) + " S" + rnd.nextInt(species);
                y.append("  - \"").append(lhs).append(" -> ").append(rhs).append(" @ ")
                        .append(0.01 + 0.2 * rnd.nextDouble()).append("\"\n");
            }
            y.append("domain: {cells: [12, 10], dx: 1.0, A: 2.0, boundary: reflecting}\nmethod: nsm\n")
                    .append("time: {end: 1.0}\nseed: ").append(trial).append('\n');
            assertIdentical(Ensembles.model(y.toString()), null, new NsmKernelGenerator.Shape(-1, false), 3, 1.0);
        }
    }

    @Test
    void compartmentsWithTheirOwnReactionsRunTheTableDrivenLoop() {
        Model m = Ensembles.model("""
                name: nucleus
                species: {A: {D: 1.0, initial: {uniform: 5.0}}}
                reactions: [{reaction: "A -> 0 @ 1.0", in: [nucleus]}]
                domain:
                  cells: [8, 8]
                  dx: 1.0
                  A: 1.0
                  boundary: periodic
                  regions: [{name: nucleus, sphere: {center: [4, 4], radius: 2}, kind: compartment}]
                method: nsm
                time: {end: 1.0}
                seed: 1
                """);
        assertFalse(new NextSubvolume(m, new Lattice(m)).compiled());
    }

    /** 16 species and 16 reactions give a loop of more than 8000 bytes, which HotSpot would only interpret. */
    @Test
    void networksTooLargeForTheJitRunTheTableDrivenLoop() {
        StringBuilder y = new StringBuilder("name: large\nspecies:\n");
        for (int s = 0; s < 16; s++) {
            y.append("  S").append(s).append(": {D: 1.0, initial: {uniform: 2.0}}\n");
        }
        y.append("reactions:\n");
        for (int j = 0; j < 16; j++) {
            y.append("  - \"S").append(j).append(" + S").append((j + 1) % 16).append(" -> S").append((j + 2) % 16)
                    .append(" + S").append((j + 3) % 16).append(" @ 0.1\"\n");
        }
        y.append("domain: {cells: [4, 4], dx: 1.0, A: 1.0, boundary: periodic}\nmethod: nsm\ntime: {end: 1.0}\n");
        Model m = Ensembles.model(y.toString());
        assertTrue(NsmKernelGenerator.supports(new org.rdsim.core.wellmixed.ReactionNetwork(m)));
        assertNull(NsmKernelGenerator.kernel(new org.rdsim.core.wellmixed.ReactionNetwork(m)));
        assertFalse(new NextSubvolume(m, new Lattice(m)).compiled());
    }

    @Test
    void kernelsAreSharedByNetworksOfTheSameStructure() {
        String yaml = """
                name: %s
                species: {X: {D: %s, initial: {uniform: 3.0}}}
                reactions: ["0 -> X @ %s", "X -> 0 @ 0.7"]
                domain: {cells: [4], dx: 1.0, A: 1.0, boundary: periodic}
                method: nsm
                time: {end: 1.0}
                """;
        Model a = Ensembles.model(yaml.formatted("a", "1.0", "2.0"));
        Model b = Ensembles.model(yaml.formatted("b", "3.0", "5.5"));
        assertNotNull(NsmKernelGenerator.kernel(new org.rdsim.core.wellmixed.ReactionNetwork(a)));
        assertTrue(NsmKernelGenerator.kernel(new org.rdsim.core.wellmixed.ReactionNetwork(a))
                == NsmKernelGenerator.kernel(new org.rdsim.core.wellmixed.ReactionNetwork(b)));
        assertFalse(NsmKernelGenerator.source(new org.rdsim.core.wellmixed.ReactionNetwork(a)).contains("0.7"),
                "no constants in source");
    }

    /** Random operations against a reference that sorts (time, voxel); widths far from the ideal included. */
    @Test
    void calendarQueueOrdersClocksExactly() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            int voxels = 1 + rnd.nextInt(200);
            double t0 = rnd.nextDouble() * 10;
            double t1 = t0 + 0.1 + rnd.nextDouble() * 5;
            VoxelClocks q = new VoxelClocks(voxels);
            double[] ref = new double[voxels];
            for (int v = 0; v < voxels; v++) {
                // A coarse grid of times makes ties; some clocks at or beyond t1, some never.
                double t = rnd.nextInt(10) == 0 ? Double.POSITIVE_INFINITY
                        : t0 + Math.floor(rnd.nextDouble() * 1.3 * (t1 - t0) * 64) / 64;
                q.set(v, t);
                ref[v] = t;
            }
            // The rate only sizes the buckets: from far too narrow to far too wide.
            double rate = Math.pow(10, -3 + 8 * rnd.nextDouble()) * voxels;
            q.start(t0, t1, rate);
            double now = t0;
            for (int op = 0; op < 2000; op++) {
                int expected = earliest(ref, t1);
                assertEquals(expected, q.minVoxel(), "trial " + trial + " op " + op);
                if (expected < 0) {
                    break;
                }
                now = ref[expected];
                assertEquals(now, q.time(expected));
                // The fired voxel moves later; sometimes a second voxel (a hop's destination) too.
                double later = now + Math.floor(rnd.nextDouble() * (t1 - t0) * 16) / 64;
                q.update(expected, later);
                ref[expected] = later;
                if (rnd.nextBoolean()) {
                    int w = rnd.nextInt(voxels);
                    double t = rnd.nextInt(20) == 0 ? Double.POSITIVE_INFINITY : now + rnd.nextDouble() * (t1 - t0);
                    q.update(w, t);
                    ref[w] = t;
                }
                if (op % 500 == 499) {
                    q.observe(now, Math.pow(10, -3 + 8 * rnd.nextDouble()) * voxels);
                }
            }
        }
    }

    private static int earliest(double[] t, double end) {
        int best = -1;
        for (int v = 0; v < t.length; v++) {
            if (t[v] < end && (best < 0 || t[v] < t[best])) {
                best = v;
            }
        }
        return best;
    }

    /**
     * The width set for a high rate, then a clock half a step away: without the re-size on an
     * empty year the scan would step over 5e8 buckets (seconds); with it, a handful.
     */
    @Test
    void aSteepRateDropDoesNotWalkThroughEmptyYears() {
        VoxelClocks q = new VoxelClocks(2);
        q.set(0, 1e-9);
        q.set(1, 0.5);
        q.start(0, 10, 2e9);
        assertEquals(0, q.minVoxel());
        q.update(0, Double.POSITIVE_INFINITY);
        assertEquals(1, q.minVoxel());
        assertEquals(0.5, q.time(1));
        assertTrue(q.scanned < 16, "buckets stepped over: " + q.scanned);
        q.update(1, 10.0); // at t1: not queued
        assertEquals(-1, q.minVoxel());
    }

    @Test
    void aClockBeforeTheEarliestIsRefused() {
        VoxelClocks q = new VoxelClocks(3);
        q.set(0, 0.5);
        q.set(1, 0.7);
        q.set(2, 0.9);
        q.start(0, 1, 30);
        assertEquals(0, q.minVoxel());
        q.update(0, 0.8);
        assertEquals(1, q.minVoxel());
        assertThrows(IllegalArgumentException.class, () -> q.update(2, 0.1));
        // The refused clock left the queue as it was.
        assertEquals(0.9, q.time(2));
        q.update(2, 0.75);
        assertEquals(1, q.minVoxel());
        q.update(1, Double.POSITIVE_INFINITY);
        assertEquals(2, q.minVoxel());
        q.update(2, Double.POSITIVE_INFINITY);
        assertEquals(0, q.minVoxel());
    }

    @Test
    void anEmptyBlockHasNoEvents() {
        VoxelClocks q = new VoxelClocks(5);
        for (int v = 0; v < 5; v++) {
            q.set(v, Double.POSITIVE_INFINITY);
        }
        q.start(0, 1, 0);
        assertEquals(-1, q.minVoxel());
    }
}
