package org.rdsim.core.testing;

import java.util.List;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.wellmixed.ReplicaRunner;

/** Small helpers to build test models and run ensembles in-process. */
public final class Ensembles {

    private Ensembles() {
    }

    public static Model model(String yaml, String... overrides) {
        return ModelLoader.parse(yaml, "test-model.yaml", List.of(overrides));
    }

    public static EnsembleStatistics run(Model model, int replicas) {
        return new ReplicaRunner(model).run(0, replicas);
    }

    /** Final value of species s in every replica. */
    public static double[] finals(EnsembleStatistics stats, int s) {
        double[] v = new double[(int) stats.count()];
        for (int i = 0; i < v.length; i++) {
            v[i] = stats.finalValue(i, s);
        }
        return v;
    }

    /** Counts of the whole-number values 0..size-1 (larger values land in the last bin). */
    public static long[] histogram(double[] values, int size) {
        long[] h = new long[size];
        for (double v : values) {
            h[(int) Math.min(size - 1, Math.max(0, v))]++;
        }
        return h;
    }
}
