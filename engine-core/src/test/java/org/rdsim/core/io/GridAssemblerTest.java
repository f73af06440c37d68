package org.rdsim.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GridAssemblerTest {

    @Test
    void blocksInAnyOrderGiveTheSameGridAsOneWholeBlock() {
        int[] cells = NpyFileTest.CELLS;
        int[] whole = NpyFileTest.block(new int[3], cells);
        assertArrayEquals(whole, NpyFileTest.assembled());
    }

    @Test
    void overlapsGapsAndBlocksOutsideTheGridAreRefused() {
        int[] cells = {4, 2, 1};
        GridAssembler<int[]> grid = GridAssembler.int32(cells, 1);
        grid.add(new int[] {0, 0, 0}, new int[] {2, 2, 1}, new int[4]);
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> grid.add(new int[] {1, 1, 0}, new int[] {2, 1, 1}, new int[2]));
        assertEquals("block [1..3)x[1..2)x[0..1) overlaps another block at voxel 5", overlap.getMessage());
        IllegalStateException gap = assertThrows(IllegalStateException.class, grid::whole);
        assertEquals("4 voxels of the [0..4)x[0..2)x[0..1) grid are in no block, the first is voxel 2",
                gap.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> grid.add(new int[] {3, 0, 0}, new int[] {2, 1, 1}, new int[2]));
        assertEquals("block [3..5)x[0..1)x[0..1) leaves the [0..4)x[0..2)x[0..1) grid on axis 0",
                outside.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> grid.add(new int[] {2, 0, 0}, new int[] {2, 2, 1}, new int[3]));
        assertEquals("block [2..4)x[0..2)x[0..1) has 3 values; expected 4 voxels x 1 species", length.getMessage());
    }
}
