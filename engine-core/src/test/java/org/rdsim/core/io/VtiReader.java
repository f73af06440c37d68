package org.rdsim.core.io;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Just enough of a .vti reader for the tests: the XML up to {@code <AppendedData} parsed by the
 * JDK's DOM parser (so it must be well-formed), then each cell array decoded at its offset
 * after the '_', behind its UInt64 byte count.
 */
final class VtiReader {

    /** What a .vti says; Int32 values are held exactly as doubles. */
    record Vti(Element file, int[] wholeExtent, int[] extent, double[] origin, double[] spacing, String[] names,
            String[] types, double[][] data) {
    }

    private VtiReader() {
    }

    static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static Vti read(byte[] file) throws Exception {
        String text = new String(file, StandardCharsets.ISO_8859_1); // one char per byte keeps offsets
        int appended = text.indexOf("<AppendedData");
        int base = text.indexOf('_', appended) + 1;
        byte[] head = (text.substring(0, appended) + "</VTKFile>").getBytes(StandardCharsets.ISO_8859_1);
        Element root = parse(head).getDocumentElement();
        Element image = (Element) root.getElementsByTagName("ImageData").item(0);
        Element piece = (Element) image.getElementsByTagName("Piece").item(0);
        NodeList arrays = piece.getElementsByTagName("DataArray");
        String[] names = new String[arrays.getLength()];
        String[] types = new String[names.length];
        double[][] data = new double[names.length][];
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < names.length; i++) {
            Element a = (Element) arrays.item(i);
            names[i] = a.getAttribute("Name");
            types[i] = a.getAttribute("type");
            int at = base + Integer.parseInt(a.getAttribute("offset"));
            long length = bytes.getLong(at);
            int width = types[i].equals("Int32") ? 4 : 8;
            data[i] = new double[(int) (length / width)];
            for (int k = 0; k < data[i].length; k++) {
                int p = at + 8 + k * width;
                data[i][k] = width == 4 ? bytes.getInt(p) : bytes.getDouble(p);
            }
        }
        return new Vti(root, ints(image.getAttribute("WholeExtent")), ints(piece.getAttribute("Extent")),
                doubles(image.getAttribute("Origin")), doubles(image.getAttribute("Spacing")), names, types, data);
    }

    static int[] ints(String s) {
        return Arrays.stream(s.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    static double[] doubles(String s) {
        return Arrays.stream(s.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }
}
