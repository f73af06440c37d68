package org.rdsim.spark.cli;

import java.io.Writer;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.Model;
import org.rdsim.core.io.CsvFormat;
import org.rdsim.partitioning.BlockRunner;

/**
 * compartments.csv of a model with regions: per output time, compartment and species the
 * molecules and the mean density (molecules / (voxels x voxel volume)), one row each.
 */
final class CompartmentTable implements BlockRunner.ZoneObserver {
    private final Model model;
    private final long[] voxels; // per zone
    private final StringBuilder rows = new StringBuilder("t,compartment,species,molecules,density\n");

    CompartmentTable(Model model) {
        this.model = model;
        voxels = model.domain().zoneVoxels();
    }

    @Override
    public void observe(int index, double time, long[] zoneTotals) {
        Domain d = model.domain();
        String[] species = model.speciesNames();
        for (int z = 0; z < d.zones(); z++) {
            if (d.obstacle(z) || voxels[z] == 0) {
                continue;
            }
            for (int s = 0; s < species.length; s++) {
                long n = zoneTotals[z * species.length + s];
                rows.append(CsvFormat.number(time)).append(',').append(d.zoneName(z)).append(',')
                        .append(species[s]).append(',').append(n).append(',')
                        .append(CsvFormat.number(n / (voxels[z] * d.voxelVolume()))).append('\n');
            }
        }
    }

    void write(Writer w) throws java.io.IOException {
        w.write(rows.toString());
    }
}
