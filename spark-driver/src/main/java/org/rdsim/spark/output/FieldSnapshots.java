package org.rdsim.spark.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.rdsim.core.io.GridAssembler;
import org.rdsim.core.io.NpyFile;
import org.rdsim.core.io.VtkImage;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.model.FieldOutput;
import org.rdsim.core.model.Model;
import org.rdsim.partitioning.BlockLayout;

/**
 * Writes a spatial run's field snapshots under {@code fields/}, named by the (macro) step they
 * follow: {@code step-NNNNNN.npy} ([species, nz, ny, nx], int32 counts of a lattice run, float64
 * densities of an FHD run); {@code step-NNNNNN.vti}, or when a lattice run is decomposed a
 * {@code step-NNNNNN.pvti} index with one {@code step-NNNNNN/block-BBBB.vti} piece per block; and {@code step-NNNNNN-<species>.png}, the mid-plane slice (z = nz / 2 in 3-D, the
 * whole plane in 2-D, the line in 1-D).
 */
public final class FieldSnapshots {

    private final OutputDirectory dir;
    private final Model model;
    private final BlockLayout layout;
    private final int[] cells;
    private final String[] species;
    private final List<String> written = new ArrayList<>();

    public FieldSnapshots(OutputDirectory dir, Model model, BlockLayout layout) {
        this.dir = dir;
        this.model = model;
        this.layout = layout;
        this.cells = Box.cells(model.domain());
        this.species = model.speciesNames();
    }

    /** The snapshot of the whole field (voxel-major counts) at time t, after macro step {@code step}. */
    public void write(long step, double t, int[] field) {
        String base = base(step);
        if (formats().contains(FieldOutput.Format.NPY)) {
            write(base + ".npy", o -> NpyFile.writeInt32(cells, species.length, field, o));
        }
        if (formats().contains(FieldOutput.Format.VTI)) {
            if (layout.blocks() == 1) {
                write(base + ".vti", o -> VtkImage.writeVti(cells, dx(), new int[3], cells, species, field, o));
            } else {
                writePieces(base, field);
            }
        }
        slices(base, t, i -> field[i], "per voxel");
    }

    /**
     * The snapshot of a real-valued field (voxel-major densities, an FHD run held as one block)
     * at time t, after step {@code step}: float64 .npy and .vti.
     */
    public void write(long step, double t, double[] field) {
        String base = base(step);
        if (formats().contains(FieldOutput.Format.NPY)) {
            write(base + ".npy", o -> NpyFile.writeFloat64(cells, species.length, field, o));
        }
        if (formats().contains(FieldOutput.Format.VTI)) {
            write(base + ".vti", o -> VtkImage.writeVti(cells, dx(), new int[3], cells, species, field, o));
        }
        slices(base, t, i -> field[i], "density");
    }

    private static String base(long step) {
        return String.format("fields/step-%06d", step);
    }

    private java.util.Set<FieldOutput.Format> formats() {
        return model.fields().formats();
    }

    private double dx() {
        return model.domain().dx();
    }

    private void write(String name, OutputDirectory.IoConsumer<java.io.OutputStream> content) {
        dir.write(name, content);
        written.add(name);
    }

    /** A .pvti index with one .vti piece per block of the layout. */
    private void writePieces(String base, int[] field) {
        List<VtkImage.Piece> pieces = new ArrayList<>();
        String folder = base.substring("fields/".length());
        for (int b = 0; b < layout.blocks(); b++) {
            Box box = layout.box(b);
            String piece = String.format("%s/block-%04d.vti", folder, b);
            int[] counts = GridAssembler.extract(field, cells, species.length, box.lo(), box.size());
            dir.write("fields/" + piece, o -> VtkImage.writeVti(cells, dx(), box.lo(), box.size(), species, counts, o));
            pieces.add(new VtkImage.Piece(box.lo(), box.size(), piece));
        }
        write(base + ".pvti", o -> VtkImage.writePvti(cells, dx(), species, VtkImage.Type.INT32, pieces, o));
    }

    /** The mid-plane slice per species as PNG (z = nz / 2 in 3-D, the plane in 2-D, the line in 1-D). */
    private void slices(String base, double t, IntToDoubleFunction value, String unit) {
        if (!formats().contains(FieldOutput.Format.PNG)) {
            return;
        }
        int z = cells[2] / 2;
        for (int s = 0; s < species.length; s++) {
            double[][] slice = new double[cells[1]][cells[0]];
            for (int y = 0; y < cells[1]; y++) {
                for (int x = 0; x < cells[0]; x++) {
                    slice[y][x] = value.applyAsDouble((x + cells[0] * (y + cells[1] * z)) * species.length + s);
                }
            }
            String where = cells[2] > 1 ? ", z = " + z : "";
            String title = String.format("%s: %s at t = %s%s", model.name(), species[s], (float) t, where);
            String legend = species[s] + " " + unit;
            write(base + "-" + species[s] + ".png", o -> Plots.slice(slice, dx(), title, legend, o));
        }
    }

    /** The files written so far (the snapshot's main file per format), for summary.json. */
    /** Counts the snapshots a run wrote before the checkpoint it is restarted from as written. */
    public void restore(List<String> earlier) {
        written.addAll(earlier);
    }

    public List<String> written() {
        return List.copyOf(written);
    }
}
