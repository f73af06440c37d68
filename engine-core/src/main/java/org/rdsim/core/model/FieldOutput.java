package org.rdsim.core.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Field snapshots of a spatial run ({@code output: {fields: {every: ..., format: [...]}}}): taken
 * at t = 0, every {@code every} (a whole number of output intervals) and at the end.
 *
 * @param stride  output intervals between snapshots
 * @param formats the files written per snapshot
 */
public record FieldOutput(int stride, Set<Format> formats) implements Serializable {

    /** Snapshot files. */
    public enum Format {
        /** VTK XML image data for ParaView: one .vti, or a .pvti index and a .vti per block. */
        VTI("vti"),
        /** NumPy array [species, nz, ny, nx] of int32 counts. */
        NPY("npy"),
        /** A PNG heat map of the mid-plane slice per species. */
        PNG("png");

        private final String key;

        Format(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Format fromKey(String key) {
            for (Format f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            return null;
        }

        static String keys() {
            return Arrays.stream(values()).map(Format::key).collect(Collectors.joining(", "));
        }
    }

    public FieldOutput {
        formats = Set.copyOf(formats.isEmpty() ? EnumSet.noneOf(Format.class) : EnumSet.copyOf(formats));
    }

    /** True when output k of {@code outputs} gets a snapshot. */
    public boolean at(int k, int outputs) {
        return k % stride == 0 || k == outputs - 1;
    }
}
