package org.rdsim.core.testing;

import java.util.List;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.wellmixed.ReplicaRunner;

/** Small helpers to build test models and run ensembles in-process. */
public final class Ensembles {

    /**
     * An FHD model that goes negative often: one molecule per cell on average, EMTau near its
     * limit, the geometric face average; 100 steps.
     */
    public static final String SPARSE_FHD = """
            name: sparse
            domain: {cells: [32], dx: 1.0, A: 1.0, boundary: periodic}
            species: {X: {D: 1.0, initial: {uniform: 1.0}}}
            reactions: ['0 -> X @ 0.5', 'X -> 0 @ 0.5']
            method: {algorithm: EMTau, dt: 0.4, average: geometric}
            time: {end: 40.0, output: 0.4}
            seed: 4
            """;

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
