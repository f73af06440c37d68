package org.rdsim.bench;

import java.util.List;
import org.rdsim.core.model.Model;
import org.rdsim.partitioning.BlockLayout;
import org.rdsim.partitioning.BlockRunner;
import org.rdsim.partitioning.MacroSchedule;

/**
 * Measures the lag error of NSM on several blocks: A + B &lt;-&gt; C on 8^3 periodic voxels
 * (conf/models/binding-3d.yaml on 8^3 voxels, seed 41: k1 = k2 = 1, 10 A and 10 B per voxel;
 * exact mean bound amount 7.2988 per voxel) cut into
 * 4^3 blocks, against one block, for several macro steps. Prints the mean bound amount per voxel
 * at t = 4 over R replicas with its standard error, the in-transit fraction the macro step implies,
 * and the relative shift. Run: java -cp benchmarks/target/benchmarks.jar org.rdsim.bench.NsmLag [R]
 */
public final class NsmLag {

    private NsmLag() {
    }

    public static void main(String[] args) {
        int replicas = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double exact = 7.298792; // BindingEquilibriumTest.exactMeanBound(5120, 512)
        System.out.printf("%-28s %10s %10s %9s %12s %9s%n", "method", "macroStep", "C/voxel", "se", "in transit",
                "shift");
        for (String method : List.of("nsm", "{algorithm: nsm, block: [4, 4, 4]}",
                "{algorithm: nsm, block: [4, 4, 4], macroStep: 0.0125}",
                "{algorithm: nsm, block: [4, 4, 4], macroStep: 0.05}",
                "{algorithm: nsm, block: [4, 4, 4], macroStep: 0.2}")) {
            Model m = Engines.model("binding-3d.yaml", "domain.cells=[8, 8, 8]", "time.end=4", "time.output=4",
                    "seed=41", "method=" + method);
            BlockLayout layout = BlockLayout.of(m);
            double step = MacroSchedule.macroStep(m, layout);
            double inTransit = layout.sharedFacesPerVoxel() * step / 2; // D / dx^2 = 1
            BlockRunner runner = new BlockRunner(m, layout);
            double sum = 0;
            double sumSq = 0;
            for (int r = 0; r < replicas; r++) {
                double[] c = new double[1];
                runner.run(r, k -> false, (k, t, counts, totals) -> c[0] = totals[2] / 512.0, null);
                sum += c[0];
                sumSq += c[0] * c[0];
            }
            double mean = sum / replicas;
            double se = Math.sqrt((sumSq / replicas - mean * mean) / (replicas - 1));
            System.out.printf("%-28s %10.5f %10.5f %9.5f %11.3f%% %8.2f%%%n",
                    layout.blocks() + (layout.blocks() == 1 ? " block" : " blocks"), step, mean, se,
                    100 * inTransit, 100 * (mean - exact) / exact);
        }
    }
}
