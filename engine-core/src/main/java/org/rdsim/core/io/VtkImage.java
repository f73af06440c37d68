package org.rdsim.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * VTK XML image data for ParaView: one {@code .vti} per block, with one cell array per species
 * in raw appended binary, and a {@code .pvti} index naming the blocks of one snapshot.
 * Extents count points, so the block of cells [lo, lo + size) has point extent lo..lo + size;
 * a cell is a cube of side dx and the grid's corner is at the origin. Headers are UInt64, which
 * needs file format version 1.0 (0.1 knows only UInt32 headers).
 */
public final class VtkImage {

    /** The value type of the cell arrays. */
    public enum Type {
        INT32("Int32", Integer.BYTES), FLOAT64("Float64", Double.BYTES);

        private final String vtkName;
        private final int bytes;

        Type(String vtkName, int bytes) {
            this.vtkName = vtkName;
            this.bytes = bytes;
        }

        public String vtkName() {
            return vtkName;
        }
    }

    /** One block of a snapshot and the .vti holding it, relative to the .pvti. */
    public record Piece(int[] lo, int[] size, String source) {
    }

    private static final String FILE = "<VTKFile type=\"%s\" version=\"1.0\" byte_order=\"LittleEndian\""
            + " header_type=\"UInt64\">\n";

    @FunctionalInterface
    private interface SpeciesData {
        void write(LittleEndianOutput le, int species) throws IOException;
    }

    private VtkImage() {
    }

    /** One block's voxel-major counts ({@code v * species + s}) as a .vti with Int32 cell arrays. */
    public static void writeVti(int[] cells, double dx, int[] lo, int[] size, String[] species, int[] counts,
            OutputStream out) throws IOException {
        int voxels = checkBlock(cells, lo, size, species, counts.length);
        vti(cells, dx, lo, size, species, Type.INT32, (le, s) -> le.ints(counts, s, species.length, voxels), out);
    }

    /** One block's voxel-major values as a .vti with Float64 cell arrays. */
    public static void writeVti(int[] cells, double dx, int[] lo, int[] size, String[] species, double[] values,
            OutputStream out) throws IOException {
        int voxels = checkBlock(cells, lo, size, species, values.length);
        vti(cells, dx, lo, size, species, Type.FLOAT64, (le, s) -> le.doubles(values, s, species.length, voxels),
                out);
    }

    /** The index of one snapshot: the whole grid, the arrays every piece holds, and each piece's file. */
    public static void writePvti(int[] cells, double dx, String[] species, Type type, List<Piece> pieces,
            OutputStream out) throws IOException {
        GridAssembler.voxels(cells);
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?>\n").append(String.format(FILE, "PImageData"));
        x.append("  <PImageData WholeExtent=\"").append(extent(new int[3], cells)).append("\" GhostLevel=\"0\" ")
                .append(geometry(dx)).append(">\n");
        x.append("    <PCellData>\n");
        for (String name : species) {
            x.append("      <PDataArray type=\"").append(type.vtkName).append("\" Name=\"").append(escape(name))
                    .append("\"/>\n");
        }
        x.append("    </PCellData>\n");
        for (Piece p : pieces) {
            GridAssembler.checkBlock(cells, p.lo(), p.size());
            x.append("    <Piece Extent=\"").append(extent(p.lo(), p.size())).append("\" Source=\"")
                    .append(escape(p.source())).append("\"/>\n");
        }
        x.append("  </PImageData>\n</VTKFile>\n");
        out.write(x.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void vti(int[] cells, double dx, int[] lo, int[] size, String[] species, Type type,
            SpeciesData data, OutputStream out) throws IOException {
        long arrayBytes = (long) GridAssembler.voxels(size) * type.bytes;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?>\n").append(String.format(FILE, "ImageData"));
        x.append("  <ImageData WholeExtent=\"").append(extent(new int[3], cells)).append("\" ")
                .append(geometry(dx)).append(">\n");
        x.append("    <Piece Extent=\"").append(extent(lo, size)).append("\">\n");
        x.append("      <CellData>\n");
        for (int s = 0; s < species.length; s++) { // offsets count from after the '_', each array after its length
            x.append("        <DataArray type=\"").append(type.vtkName).append("\" Name=\"").append(escape(species[s]))
                    .append("\" format=\"appended\" offset=\"").append(s * (Long.BYTES + arrayBytes)).append("\"/>\n");
        }
        x.append("      </CellData>\n    </Piece>\n  </ImageData>\n  <AppendedData encoding=\"raw\">\n   _");
        LittleEndianOutput le = new LittleEndianOutput(out);
        le.bytes(x.toString().getBytes(StandardCharsets.UTF_8));
        for (int s = 0; s < species.length; s++) {
            le.uint64(arrayBytes);
            data.write(le, s);
        }
        le.bytes("\n  </AppendedData>\n</VTKFile>\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static int checkBlock(int[] cells, int[] lo, int[] size, String[] species, int length) {
        GridAssembler.checkBlock(cells, lo, size);
        if (length != GridAssembler.length(size, species.length)) {
            throw new IllegalArgumentException("block " + GridAssembler.box(lo, size) + " has " + length
                    + " values; expected " + GridAssembler.voxels(size) + " voxels x " + species.length + " species");
        }
        return GridAssembler.voxels(size);
    }

    private static String geometry(double dx) {
        if (!(dx > 0) || Double.isInfinite(dx)) {
            throw new IllegalArgumentException("cell side dx must be positive and finite, got " + dx);
        }
        String d = CsvFormat.number(dx);
        return "Origin=\"0 0 0\" Spacing=\"" + d + " " + d + " " + d + "\"";
    }

    /** Point extent "x0 x1 y0 y1 z0 z1" of the cells [lo, lo + size). */
    private static String extent(int[] lo, int[] size) {
        return lo[0] + " " + (lo[0] + size[0]) + " " + lo[1] + " " + (lo[1] + size[1]) + " " + lo[2] + " "
                + (lo[2] + size[2]);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
