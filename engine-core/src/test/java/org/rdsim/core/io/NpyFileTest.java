package org.rdsim.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyFileTest {

    static final int[] CELLS = {5, 4, 3};
    static final int SPECIES = 3;

    /** A distinct value for every (species, x, y, z), so any mix-up of axes shows. */
    static int value(int s, int x, int y, int z) {
        return 1000 * s + 100 * z + 10 * y + x;
    }

    /** A block's voxel-major counts, filled from {@link #value}. */
    static int[] block(int[] lo, int[] size) {
        int[] counts = new int[size[0] * size[1] * size[2] * SPECIES];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    int v = x + size[0] * (y + size[1] * z);
                    for (int s = 0; s < SPECIES; s++) {
                        counts[v * SPECIES + s] = value(s, lo[0] + x, lo[1] + y, lo[2] + z);
                    }
                }
            }
        }
        return counts;
    }

    /** The 5x4x3 grid cut into three uneven blocks along x and z. */
    static int[] assembled() {
        GridAssembler<int[]> grid = GridAssembler.int32(CELLS, SPECIES);
        int[][][] blocks = {{{0, 0, 0}, {2, 4, 3}}, {{2, 0, 0}, {3, 4, 1}}, {{2, 0, 1}, {3, 4, 2}}};
        for (int[][] b : blocks) {
            grid.add(b[0], b[1], block(b[0], b[1]));
        }
        return grid.whole();
    }

    private static byte[] npy(int[] counts, int[] cells) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyFile.writeInt32(cells, SPECIES, counts, out);
        return out.toByteArray();
    }

    @Test
    void countsFromSeveralBlocksComeBackSpeciesMajorWithAnAlignedHeader() throws IOException {
        byte[] file = npy(assembled(), CELLS);

        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (3, 3, 4, 5), }";
        assertEquals(0, (10 + (file[8] & 0xff) + ((file[9] & 0xff) << 8)) % 64, "data starts on a 64-byte boundary");
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0},
                Arrays.copyOf(file, 10));
        String header = new String(file, 10, 118, StandardCharsets.US_ASCII);
        assertEquals(dict + " ".repeat(118 - dict.length() - 1) + "\n", header);
        assertEquals(128 + 3 * 3 * 4 * 5 * 4, file.length);

        NpyFile.Int32 read = NpyFile.readInt32(new ByteArrayInputStream(file));
        assertArrayEquals(new int[] {3, 3, 4, 5}, read.shape());
        int i = 0;
        for (int s = 0; s < 3; s++) {
            for (int z = 0; z < 3; z++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) {
                        assertEquals(value(s, x, y, z), read.data()[i++], "s=" + s + " x=" + x + " y=" + y + " z=" + z);
                    }
                }
            }
        }
    }

    @Test
    void densitiesRoundTripBitForBit() throws IOException {
        GridAssembler<double[]> grid = GridAssembler.float64(CELLS, SPECIES);
        int[] lo1 = {0, 0, 0};
        int[] lo2 = {0, 2, 0};
        int[] size = {5, 2, 3};
        double[][] blocks = new double[2][];
        for (int b = 0; b < 2; b++) {
            int[] counts = block(b == 0 ? lo1 : lo2, size);
            blocks[b] = new double[counts.length];
            for (int k = 0; k < counts.length; k++) {
                blocks[b][k] = counts[k] / 7.0 - 1e-300 * k;
            }
        }
        grid.add(lo2, size, blocks[1]);
        grid.add(lo1, size, blocks[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyFile.writeFloat64(CELLS, SPECIES, grid.whole(), out);
        byte[] file = out.toByteArray();
        assertTrue(new String(file, 10, 60, StandardCharsets.US_ASCII).startsWith("{'descr': '<f8',"));

        NpyFile.Float64 read = NpyFile.readFloat64(new ByteArrayInputStream(file));
        assertArrayEquals(new int[] {3, 3, 4, 5}, read.shape());
        for (int s = 0; s < 3; s++) {
            for (int z = 0; z < 3; z++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) {
                        int b = y < 2 ? 0 : 1;
                        int v = x + 5 * (y - 2 * b + 2 * z);
                        double expected = blocks[b][v * SPECIES + s];
                        assertEquals(Double.doubleToRawLongBits(expected),
                                Double.doubleToRawLongBits(read.data()[((s * 3 + z) * 4 + y) * 5 + x]));
                    }
                }
            }
        }
    }

    @Test
    void aOneDimensionalGridHasShapeSpeciesOneOneNx() throws IOException {
        int[] cells = {7, 1, 1};
        byte[] file = npy(block(new int[3], cells), cells);
        assertTrue(new String(file, 10, 118, StandardCharsets.US_ASCII).contains("'shape': (3, 1, 1, 7), }"));
        NpyFile.Int32 read = NpyFile.readInt32(new ByteArrayInputStream(file));
        assertArrayEquals(new int[] {3, 1, 1, 7}, read.shape());
        assertEquals(value(2, 6, 0, 0), read.data()[2 * 7 + 6]);
    }

    @Test
    void theReaderRejectsATruncatedFileSayingHowMuchIsMissing() throws IOException {
        byte[] file = npy(assembled(), CELLS);
        byte[] cut = Arrays.copyOf(file, file.length - 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyFile.readInt32(new ByteArrayInputStream(cut)));
        assertEquals("truncated .npy data: the header promises 720 bytes, only 715 follow", e.getMessage());

        byte[] headerCut = Arrays.copyOf(file, 40);
        e = assertThrows(IllegalArgumentException.class, () -> NpyFile.readInt32(new ByteArrayInputStream(headerCut)));
        assertTrue(e.getMessage().startsWith("truncated .npy header"), e.getMessage());
    }

    @Test
    void theReaderRejectsTheWrongDtypeAndFilesThatAreNotNpy() throws IOException {
        byte[] file = npy(assembled(), CELLS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyFile.readFloat64(new ByteArrayInputStream(file)));
        assertEquals(".npy dtype is '<i4'; expected '<f8' (little-endian float64)", e.getMessage());

        byte[] csv = "t,A\n0,1\n".getBytes(StandardCharsets.US_ASCII);
        e = assertThrows(IllegalArgumentException.class, () -> NpyFile.readInt32(new ByteArrayInputStream(csv)));
        assertEquals("not a .npy file: it does not start with \\x93NUMPY", e.getMessage());
    }

    @Test
    void theWriterRejectsValuesThatDoNotMatchTheGrid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyFile.writeInt32(CELLS, SPECIES, new int[59], new ByteArrayOutputStream()));
        assertEquals("59 values for a [0..5)x[0..4)x[0..3) grid of 3 species; expected 180", e.getMessage());
    }
}
