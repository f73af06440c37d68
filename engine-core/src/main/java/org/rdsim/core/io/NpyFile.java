package org.rdsim.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format 1.0) of a whole lattice field: shape [species, nz, ny, nx] in
 * C order, so {@code numpy.load(f)[s]} is species s indexed [z, y, x]. The writers take the
 * voxel-major layout the simulation keeps ({@code v * species + s}, x fastest); blocks are put
 * together first with {@link GridAssembler}. The reader takes any shape, and versions 1-3.
 */
public final class NpyFile {

    /** An int32 array as read: its shape and its values in C order. */
    public record Int32(int[] shape, int[] data) {
    }

    /** A float64 array as read: its shape and its values in C order. */
    public record Float64(int[] shape, double[] data) {
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64; // numpy aligns the data start to 64 bytes
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {
    }

    /** Writes voxel-major counts of the whole grid as '&lt;i4' [species, nz, ny, nx]. */
    public static void writeInt32(int[] cells, int species, int[] counts, OutputStream out) throws IOException {
        int voxels = checkGrid(cells, species, counts.length);
        LittleEndianOutput le = new LittleEndianOutput(out);
        le.bytes(header("<i4", shape(cells, species)));
        for (int s = 0; s < species; s++) {
            le.ints(counts, s, species, voxels);
        }
        le.drain();
    }

    /** Writes voxel-major values of the whole grid as '&lt;f8' [species, nz, ny, nx]. */
    public static void writeFloat64(int[] cells, int species, double[] values, OutputStream out) throws IOException {
        int voxels = checkGrid(cells, species, values.length);
        LittleEndianOutput le = new LittleEndianOutput(out);
        le.bytes(header("<f8", shape(cells, species)));
        for (int s = 0; s < species; s++) {
            le.doubles(values, s, species, voxels);
        }
        le.drain();
    }

    /** Reads an int32 .npy; throws IllegalArgumentException if the stream holds anything else. */
    public static Int32 readInt32(InputStream in) throws IOException {
        int[] shape = readHeader(in, "<i4");
        int[] data = new int[count(shape)];
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < data.length;) {
            int n = Math.min(data.length - done, chunk.capacity() / Integer.BYTES);
            fill(in, chunk, n * Integer.BYTES, done * (long) Integer.BYTES, data.length * (long) Integer.BYTES);
            chunk.asIntBuffer().get(data, done, n);
            done += n;
        }
        return new Int32(shape, data);
    }

    /** Reads a float64 .npy; throws IllegalArgumentException if the stream holds anything else. */
    public static Float64 readFloat64(InputStream in) throws IOException {
        int[] shape = readHeader(in, "<f8");
        double[] data = new double[count(shape)];
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < data.length;) {
            int n = Math.min(data.length - done, chunk.capacity() / Double.BYTES);
            fill(in, chunk, n * Double.BYTES, done * (long) Double.BYTES, data.length * (long) Double.BYTES);
            chunk.asDoubleBuffer().get(data, done, n);
            done += n;
        }
        return new Float64(shape, data);
    }

    private static int checkGrid(int[] cells, int species, int length) {
        int expected = GridAssembler.length(cells, species);
        if (length != expected) {
            throw new IllegalArgumentException(length + " values for a " + GridAssembler.box(new int[3], cells)
                    + " grid of " + species + " species; expected " + expected);
        }
        return expected / species;
    }

    private static int[] shape(int[] cells, int species) {
        return new int[] {species, cells[2], cells[1], cells[0]};
    }

    /** Magic, version 1.0, header length, then the dict padded with spaces to a 64-byte boundary and a newline. */
    static byte[] header(String descr, int[] shape) {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(i > 0 ? ", " : "").append(shape[i]);
        }
        tuple.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int length = dict.length() + 1 + (ALIGN - unpadded % ALIGN) % ALIGN;
        byte[] h = new byte[MAGIC.length + 4 + length];
        System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
        h[6] = 1;
        h[7] = 0;
        h[8] = (byte) length;
        h[9] = (byte) (length >>> 8);
        byte[] text = (dict + " ".repeat(length - dict.length() - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, h, 10, text.length);
        return h;
    }

    private static int[] readHeader(InputStream in, String descr) throws IOException {
        byte[] start = in.readNBytes(8);
        for (int i = 0; i < MAGIC.length; i++) {
            if (start.length <= i || start[i] != MAGIC[i]) {
                throw new IllegalArgumentException("not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        if (start.length < 8 || start[6] < 1 || start[6] > 3) {
            throw new IllegalArgumentException("unsupported .npy version " + (start.length < 8 ? "(truncated)"
                    : start[6] + "." + start[7]) + "; expected 1.0, 2.0 or 3.0");
        }
        byte[] len = in.readNBytes(start[6] == 1 ? 2 : 4);
        long length = 0;
        for (int i = len.length - 1; i >= 0; i--) {
            length = length << 8 | (len[i] & 0xff);
        }
        if (len.length < (start[6] == 1 ? 2 : 4) || length > MAX_HEADER) {
            throw new IllegalArgumentException("truncated or implausible .npy header length " + length);
        }
        byte[] text = in.readNBytes((int) length);
        if (text.length < length) {
            throw new IllegalArgumentException("truncated .npy header: " + text.length + " of " + length + " bytes");
        }
        String dict = new String(text, start[6] == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException(".npy header lacks descr, fortran_order or shape: " + dict.strip());
        }
        if (!d.group(1).equals(descr)) {
            throw new IllegalArgumentException(".npy dtype is '" + d.group(1) + "'; expected '" + descr + "' ("
                    + (descr.equals("<i4") ? "little-endian int32" : "little-endian float64") + ")");
        }
        if (f.group(1).equals("True")) {
            throw new IllegalArgumentException(".npy array is in Fortran order; expected C order");
        }
        String[] dims = s.group(1).split(",");
        int rank = dims[dims.length - 1].isBlank() ? dims.length - 1 : dims.length;
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            try {
                shape[i] = Integer.parseInt(dims[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(".npy shape (" + s.group(1) + ") is not a tuple of integers");
            }
        }
        return shape;
    }

    private static int count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(".npy shape has a negative dimension " + d);
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(".npy array of shape " + Arrays.toString(shape)
                        + " exceeds one Java array");
            }
        }
        return (int) n;
    }

    /** Reads exactly n bytes into the chunk, or says how much of the data is missing. */
    private static void fill(InputStream in, ByteBuffer chunk, int n, long before, long total) throws IOException {
        int got = in.readNBytes(chunk.array(), 0, n);
        if (got < n) {
            throw new IllegalArgumentException("truncated .npy data: the header promises " + total + " bytes, only "
                    + (before + got) + " follow");
        }
        chunk.clear().limit(n);
    }
}
