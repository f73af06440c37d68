package org.rdsim.spark.output;

import java.util.ArrayList;
import java.util.List;
import org.rdsim.core.io.GridAssembler;
import org.rdsim.core.io.NpyFile;
import org.rdsim.core.io.VtkImage;
import org.rdsim.core.lattice.Box;
import org.rdsim.core.model.FieldOutput;
import org.rdsim.core.model.Model;
import org.rdsim.partitioning.BlockLayout;

/**
 * Writes a lattice run's field snapshots under {@code fields/}, named by the macro step they
 * follow: {@code step-NNNNNN.npy} (int32 [species, nz, ny, nx]); {@code step-NNNNNN.vti}, or when
 * decomposed a {@code step-NNNNNN.pvti} index with one {@code step-NNNNNN/block-BBBB.vti} piece
 * per block; and {@code step-NNNNNN-<species>.png}, the mid-plane slice (z = nz / 2 in 3-D, the
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
        FieldOutput out = model.fields();
        String base = String.format("fields/step-%06d", step);
        double dx = model.domain().dx();
        if (out.formats().contains(FieldOutput.Format.NPY)) {
            dir.write(base + ".npy", o -> NpyFile.writeInt32(cells, species.length, field, o));
            written.add(base + ".npy");
        }
        if (out.formats().contains(FieldOutput.Format.VTI)) {
            if (layout.blocks() == 1) {
                dir.write(base + ".vti", o -> VtkImage.writeVti(cells, dx, new int[3], cells, species, field, o));
                written.add(base + ".vti");
            } else {
                List<VtkImage.Piece> pieces = new ArrayList<>();
                String folder = base.substring("fields/".length());
                for (int b = 0; b < layout.blocks(); b++) {
                    Box box = layout.box(b);
                    String piece = String.format("%s/block-%04d.vti", folder, b);
                    int[] counts = GridAssembler.extract(field, cells, species.length, box.lo(), box.size());
                    dir.write("fields/" + piece,
                            o -> VtkImage.writeVti(cells, dx, box.lo(), box.size(), species, counts, o));
                    pieces.add(new VtkImage.Piece(box.lo(), box.size(), piece));
                }
                dir.write(base + ".pvti",
                        o -> VtkImage.writePvti(cells, dx, species, VtkImage.Type.INT32, pieces, o));
                written.add(base + ".pvti");
            }
        }
        if (out.formats().contains(FieldOutput.Format.PNG)) {
            int z = cells[2] / 2;
            for (int s = 0; s < species.length; s++) {
                double[][] slice = new double[cells[1]][cells[0]];
                for (int y = 0; y < cells[1]; y++) {
                    for (int x = 0; x < cells[0]; x++) {
                        slice[y][x] = field[(x + cells[0] * (y + cells[1] * z)) * species.length + s];
                    }
                }
                String where = cells[2] > 1 ? ", z = " + z : "";
                String title = String.format("%s: %s at t = %s%s", model.name(), species[s], (float) t, where);
                String name = base + "-" + species[s] + ".png";
                String legend = species[s] + " per voxel";
                dir.write(name, o -> Plots.slice(slice, dx, title, legend, o));
                written.add(name);
            }
        }
    }

    /** The files written so far (the snapshot's main file per format), for summary.json. */
    public List<String> written() {
        return List.copyOf(written);
    }
}
