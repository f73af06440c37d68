package org.rdsim.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VtkImageTest {

    private static final int[] CELLS = NpyFileTest.CELLS;
    private static final String[] NAMES = {"A", "B&C", "\"D\""};
    private static final int[] LO = {2, 1, 1};
    private static final int[] SIZE = {3, 2, 2};

    private static byte[] vti(int[] counts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VtkImage.writeVti(CELLS, 0.25, LO, SIZE, NAMES, counts, out);
        return out.toByteArray();
    }

    @Test
    void aBlockAwayFromTheOriginRoundTripsWithItsExtentsSpacingNamesAndValues() throws Exception {
        int[] counts = NpyFileTest.block(LO, SIZE);
        VtiReader.Vti read = VtiReader.read(vti(counts));

        assertEquals("ImageData", read.file().getAttribute("type"));
        assertEquals("1.0", read.file().getAttribute("version"));
        assertEquals("UInt64", read.file().getAttribute("header_type"));
        assertEquals("LittleEndian", read.file().getAttribute("byte_order"));
        assertArrayEquals(new int[] {0, 5, 0, 4, 0, 3}, read.wholeExtent());
        assertArrayEquals(new int[] {2, 5, 1, 3, 1, 3}, read.extent());
        assertArrayEquals(new double[] {0, 0, 0}, read.origin());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, read.spacing());
        assertArrayEquals(NAMES, read.names());
        assertArrayEquals(new String[] {"Int32", "Int32", "Int32"}, read.types());
        for (int s = 0; s < NAMES.length; s++) {
            int k = 0; // VTK order: x fastest, then y, then z
            for (int z = 0; z < SIZE[2]; z++) {
                for (int y = 0; y < SIZE[1]; y++) {
                    for (int x = 0; x < SIZE[0]; x++) {
                        assertEquals(NpyFileTest.value(s, LO[0] + x, LO[1] + y, LO[2] + z), read.data()[s][k++]);
                    }
                }
            }
            assertEquals(k, read.data()[s].length);
        }
    }

    @Test
    void densitiesAreFloat64ArraysAndTheFileEndsAfterTheAppendedData() throws Exception {
        double[] values = new double[12 * 3];
        for (int k = 0; k < values.length; k++) {
            values[k] = Math.scalb(k + 0.5, -40);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VtkImage.writeVti(CELLS, 1e-7, LO, SIZE, NAMES, values, out);
        byte[] file = out.toByteArray();
        VtiReader.Vti read = VtiReader.read(file);
        assertArrayEquals(new String[] {"Float64", "Float64", "Float64"}, read.types());
        assertArrayEquals(new double[] {1e-7, 1e-7, 1e-7}, read.spacing());
        for (int s = 0; s < 3; s++) {
            for (int v = 0; v < 12; v++) {
                assertEquals(values[v * 3 + s], read.data()[s][v]);
            }
        }
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int base = text.indexOf("_", text.indexOf("<AppendedData")) + 1;
        assertEquals(base + 3 * (8 + 12 * 8), text.indexOf("\n  </AppendedData>\n</VTKFile>\n"));
        assertTrue(text.endsWith("</VTKFile>\n"));
    }

    @Test
    void theIndexListsEveryPieceWithItsExtentAndSourceAndIsWellFormed() throws Exception {
        List<VtkImage.Piece> pieces = List.of(
                new VtkImage.Piece(new int[] {0, 0, 0}, new int[] {2, 4, 3}, "step-000010/block-0000.vti"),
                new VtkImage.Piece(new int[] {2, 0, 0}, new int[] {3, 4, 1}, "step-000010/block-0001.vti"),
                new VtkImage.Piece(new int[] {2, 0, 1}, new int[] {3, 4, 2}, "step-000010/block-0002.vti"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VtkImage.writePvti(CELLS, 0.5, NAMES, VtkImage.Type.INT32, pieces, out);

        Element root = VtiReader.parse(out.toByteArray()).getDocumentElement();
        assertEquals("PImageData", root.getAttribute("type"));
        assertEquals("1.0", root.getAttribute("version"));
        assertEquals("UInt64", root.getAttribute("header_type"));
        Element image = (Element) root.getElementsByTagName("PImageData").item(0);
        assertEquals("0 5 0 4 0 3", image.getAttribute("WholeExtent"));
        assertEquals("0", image.getAttribute("GhostLevel"));
        assertEquals("0 0 0", image.getAttribute("Origin"));
        assertEquals("0.5 0.5 0.5", image.getAttribute("Spacing"));
        NodeList arrays = image.getElementsByTagName("PDataArray");
        assertEquals(3, arrays.getLength());
        for (int s = 0; s < 3; s++) {
            assertEquals(NAMES[s], ((Element) arrays.item(s)).getAttribute("Name"));
            assertEquals("Int32", ((Element) arrays.item(s)).getAttribute("type"));
        }
        NodeList listed = image.getElementsByTagName("Piece");
        String[] extents = {"0 2 0 4 0 3", "2 5 0 4 0 1", "2 5 0 4 1 3"};
        assertEquals(3, listed.getLength());
        for (int p = 0; p < 3; p++) {
            Element piece = (Element) listed.item(p);
            assertEquals(extents[p], piece.getAttribute("Extent"));
            assertEquals(pieces.get(p).source(), piece.getAttribute("Source"));
        }
    }

    @Test
    void aBlockThatDoesNotFitTheGridOrItsValuesIsRefused() {
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> VtkImage.writeVti(CELLS, 1, new int[] {3, 0, 0}, SIZE, NAMES, new int[36],
                        new ByteArrayOutputStream()));
        assertEquals("block [3..6)x[0..2)x[0..2) leaves the [0..5)x[0..4)x[0..3) grid on axis 0", outside.getMessage());
        IllegalArgumentException values = assertThrows(IllegalArgumentException.class,
                () -> VtkImage.writeVti(CELLS, 1, LO, SIZE, NAMES, new int[35], new ByteArrayOutputStream()));
        assertEquals("block [2..5)x[1..3)x[1..3) has 35 values; expected 12 voxels x 3 species", values.getMessage());
    }
}
