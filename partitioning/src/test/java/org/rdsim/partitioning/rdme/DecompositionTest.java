package org.rdsim.partitioning.rdme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.io.GridAssembler;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.lattice.Lattice;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.partitioning.BlockLayout;
import org.rdsim.partitioning.BlockRunner;

/** Cutting the grid into blocks: the layout's bookkeeping, and what a cut may and may not change. */
class DecompositionTest {

    private static final String BINDING_3D = """
            name: binding
            domain: {cells: [8, 8, 8], dx: 1.0, A: 1.0, boundary: periodic}
            species:
              A: {D: 1.0, initial: {uniform: 10}}
              B: {D: 0.5, initial: {uniform: 10}}
              C: {D: 0.2, initial: {uniform: 0}}
            reactions: ["A + B -> C @ 1.0", "C -> A + B @ 1.0"]
            method: {algorithm: split-mn, dt: 0.05}
            time: {end: 1.0, output: 0.25}
            seed: 3
            """;

    private static final String OPEN_2D = """
            name: open
            domain:
              cells: [10, 6]
              dx: 0.5
              A: 2.0
              boundary: {x-: {reservoir: {X: 4.0}}, x+: absorbing, y-: periodic, y+: periodic}
            species:
              X: {D: 0.3, initial: {uniform: 3}}
              Y: {D: 0.1, initial: {point: {at: [2.6, 1.1], count: 500}}}
            reactions: ["X + Y -> Y @ 0.5", "Y -> Y + X @ 0.2", "0 -> X @ 0.1"]
            method: {algorithm: split-mn, dt: 0.1}
            time: {end: 3.0, output: 0.5}
            seed: 4
            """;

    private static final String REGIONS_2D = """
            name: regions
            domain:
              cells: [12, 9]
              dx: 1.0
              A: 1.0
              boundary: {x-: {reservoir: {X: 2.0}}, x+: reflecting, y-: periodic, y+: periodic}
              regions:
                - {name: wall, kind: obstacle, box: {from: [5, 0], to: [6, 6]}}
                - {name: core, sphere: {center: [9, 4.5], radius: 2.5}}
            species:
              X: {D: {default: 0.8, core: 0.2}, initial: {regions: {default: 2.0, core: 6.0}}}
              Y: {D: 0.3, initial: {uniform: 1.0}}
            reactions:
              - {reaction: "X + Y -> Y @ 0.4", in: [core]}
              - "Y -> Y + X @ 0.3"
            method: {algorithm: split-mn, dt: 0.2}
            time: {end: 2.0, output: 0.5}
            seed: 5
            """;

    @ParameterizedTest(name = "{0} on blocks {1}")
    @CsvSource(delimiter = ';', value = {
        "binding-3d; [4, 4, 4]",
        "binding-3d; [8, 4, 3]",
        "binding-3d; [1, 8, 2]",
        "open-2d;    [4, 4]",
        "open-2d;    [3, 1]",
        "regions-2d; [5, 4]",
        "regions-2d; [2, 9]",
    })
    void theSplitSchemeGivesBitIdenticalFieldsForAnyCut(String model, String block) {
        String text = model.equals("binding-3d") ? BINDING_3D : model.equals("open-2d") ? OPEN_2D : REGIONS_2D;
        Model whole = Ensembles.model(text);
        Model cut = Ensembles.model(text, "method.block=" + block);
        assertEquals(1, new BlockRunner(whole).layout().blocks());
        assertTrue(new BlockRunner(cut).layout().blocks() > 1);
        for (long replica = 0; replica < 2; replica++) {
            List<int[]> a = fields(whole, replica);
            List<int[]> b = fields(cut, replica);
            for (int k = 0; k < a.size(); k++) {
                assertArrayEquals(a.get(k), b.get(k), model + " replica " + replica + " output " + k);
            }
            assertFalse(java.util.Arrays.equals(a.get(0), a.get(a.size() - 1)), "the field moved");
        }
    }

    @Test
    void theNextSubvolumeMethodConservesMoleculesAcrossBlocks() {
        Model m = Ensembles.model(BINDING_3D.replace("{algorithm: split-mn, dt: 0.05}", "{algorithm: nsm, block: [4, 2, 8]}"));
        new BlockRunner(m).run(0, (k, t, counts, totals) -> {
            long a = 0;
            long c = 0;
            for (int v = 0; v < counts.length; v += 3) {
                a += counts[v];
                c += counts[v + 2];
            }
            assertEquals(totals[0], a, "the field holds every molecule at an output time");
            assertEquals(totals[2], c);
        });
        long[] first = new long[3];
        new BlockRunner(m).run(1, (k, t, counts, totals) -> {
            if (k == 0) {
                System.arraycopy(totals, 0, first, 0, 3);
            }
            assertEquals(first[0] + first[2], totals[0] + totals[2], "A + C conserved exactly at t=" + t);
            assertEquals(first[1] + first[2], totals[1] + totals[2], "B + C conserved exactly at t=" + t);
        });
    }

    /** A block too large for one Java array is refused when the model is read, with the way out. */
    @Test
    void aBlockTooLargeForOneArrayIsRefusedAtLoad() {
        org.rdsim.core.model.ModelException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rdsim.core.model.ModelException.class, () -> Ensembles.model("""
                        name: huge
                        domain: {cells: [65536, 65536], dx: 1.0, A: 1.0, boundary: periodic}
                        species: {X: {D: 1.0, initial: {uniform: 0}}}
                        reactions: []
                        method: {algorithm: nsm, block: [65536, 65536]}
                        time: {end: 1.0}
                        seed: 1
                        """));
        assertTrue(e.getMessage().contains("holds more than 2^31 counts"), e.getMessage());
        assertTrue(e.getMessage().contains("choose a smaller block"), e.getMessage());
    }

    /** Every face the layout pairs is a face the block's lattice exports, with slabs of equal size. */
    @ParameterizedTest(name = "{0} {1} blocks {2}")
    @CsvSource(delimiter = ';', value = {
        "[9, 7, 5]; periodic;   [4, 3, 5]",
        "[9, 7, 5]; reflecting; [4, 7, 2]",
        "[16];      periodic;   [4]",
        "[16];      absorbing;  [16]",
        "[6, 6];    periodic;   [6, 2]",
        "[5, 4];    periodic;   [1, 1]",
    })
    void theLayoutAndTheBlockLatticesAgreeOnWhoBordersWhom(String cells, String boundary, String block) {
        Model m = Ensembles.model("""
                name: layout
                domain: {cells: %s, dx: 1.0, A: 1.0, boundary: %s}
                species: {X: {D: 1.0, initial: {uniform: 1}}}
                reactions: []
                method: {algorithm: nsm, block: %s}
                time: {end: 1.0, output: 1.0}
                seed: 1
                """.formatted(cells, boundary, block));
        BlockLayout layout = BlockLayout.of(m);
        GridAssembler<int[]> tiles = GridAssembler.int32(Box.cells(m.domain()), 1);
        for (int b = 0; b < layout.blocks(); b++) {
            Box box = layout.box(b);
            Lattice lattice = new Lattice(m, box);
            for (int f = 0; f < layout.faces(); f++) {
                int n = layout.neighbour(b, f);
                assertEquals(n >= 0, lattice.exports(f), "block " + b + " face " + f);
                if (n >= 0) {
                    Lattice other = new Lattice(m, layout.box(n));
                    int back = BlockLayout.arrivalFace(f);
                    assertTrue(other.exports(back));
                    assertEquals(lattice.slabVoxels(f), other.slabVoxels(back), "slab sizes of " + b + " and " + n);
                }
            }
            tiles.add(box.lo(), box.size(), new int[box.voxels()]);
        }
        tiles.whole(); // the blocks tile the grid: no overlap (add would throw), no gap
    }

    /**
     * A molecule that leaves a block through face f arrives in the neighbour's voxel on the other
     * side of that face: checked by sending one molecule across each face of a 3 x 3 x 3 grid of
     * blocks and finding where it lands.
     */
    @Test
    void aHaloLandsInTheVoxelAcrossTheFace() {
        Model m = Ensembles.model("""
                name: hop
                domain: {cells: [6, 9, 12], dx: 1.0, A: 1.0, boundary: periodic}
                species: {X: {D: 1.0, initial: {uniform: 0}}}
                reactions: []
                method: {algorithm: nsm, block: [2, 3, 4]}
                time: {end: 1.0, output: 1.0}
                seed: 1
                """);
        BlockLayout layout = BlockLayout.of(m);
        int[] cells = {6, 9, 12};
        for (int b = 0; b < layout.blocks(); b++) {
            Lattice lattice = new Lattice(m, layout.box(b));
            for (int v = 0; v < lattice.voxels(); v++) {
                for (int k = 0; k < lattice.open(v); k++) {
                    int dest = lattice.destination(v, k);
                    long from = lattice.globalVoxel(v);
                    long expected = globalNeighbour(from, k, cells);
                    long got;
                    if (dest < lattice.voxels()) {
                        got = lattice.globalVoxel(dest);
                    } else {
                        got = arrival(m, layout, b, lattice, dest);
                    }
                    assertEquals(expected, got, "block " + b + " voxel " + v + " face " + k);
                }
            }
        }
    }

    /** Follows a ghost voxel through the halo to the voxel of the neighbouring block it is added to. */
    private static long arrival(Model m, BlockLayout layout, int b, Lattice lattice, int ghost) {
        for (int f = 0; f < lattice.faces(); f++) {
            if (lattice.exports(f) && ghost >= lattice.ghostStart(f) && ghost < lattice.ghostStart(f) + lattice.slabVoxels(f)) {
                Lattice to = new Lattice(m, layout.box(layout.neighbour(b, f)));
                return to.globalVoxel(to.slabVoxel(BlockLayout.arrivalFace(f), ghost - lattice.ghostStart(f)));
            }
        }
        throw new AssertionError("ghost " + ghost + " is in no slab");
    }

    private static long globalNeighbour(long v, int face, int[] cells) {
        int[] c = {(int) (v % cells[0]), (int) (v / cells[0] % cells[1]), (int) (v / cells[0] / cells[1])};
        int axis = face >> 1;
        c[axis] = Math.floorMod(c[axis] + ((face & 1) == 0 ? -1 : 1), cells[axis]);
        return c[0] + (long) cells[0] * (c[1] + (long) cells[1] * c[2]);
    }

    private static List<int[]> fields(Model m, long replica) {
        List<int[]> out = new ArrayList<>();
        new BlockRunner(m).run(replica, (k, t, counts, totals) -> out.add(counts.clone()));
        return out;
    }
}
