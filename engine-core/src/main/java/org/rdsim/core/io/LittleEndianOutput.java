package org.rdsim.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Primitive values written little-endian through one reusable 64 KiB buffer. The strided
 * methods read {@code a[first + k * stride]}, which turns voxel-major counts
 * ({@code v * species + s}) into one species' array without a copy.
 */
final class LittleEndianOutput {

    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    LittleEndianOutput(OutputStream out) {
        this.out = out;
    }

    void bytes(byte[] b) throws IOException {
        drain();
        out.write(b);
    }

    void uint64(long v) throws IOException {
        if (buffer.remaining() < Long.BYTES) {
            drain();
        }
        buffer.putLong(v);
    }

    void ints(int[] a, int first, int stride, int count) throws IOException {
        int i = first;
        for (int left = count; left > 0;) {
            int n = Math.min(left, buffer.remaining() / Integer.BYTES);
            if (n == 0) {
                drain();
                continue;
            }
            for (int k = 0; k < n; k++, i += stride) {
                buffer.putInt(a[i]);
            }
            left -= n;
        }
    }

    void doubles(double[] a, int first, int stride, int count) throws IOException {
        int i = first;
        for (int left = count; left > 0;) {
            int n = Math.min(left, buffer.remaining() / Double.BYTES);
            if (n == 0) {
                drain();
                continue;
            }
            for (int k = 0; k < n; k++, i += stride) {
                buffer.putDouble(a[i]);
            }
            left -= n;
        }
    }

    /** Writes what is buffered; the stream stays open and is not flushed. */
    void drain() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
