package org.rdsim.partitioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.observe.EnsembleStatistics;

/** The in-process reference execution gives bit-identical statistics for any partitioning. */
class ChunkedEnsembleTest {

    @ParameterizedTest(name = "{0} replicas, {1}")
    @CsvSource({"37, direct", "5000, tau", "300, '{algorithm: cle, dt: 0.05}'"})
    void statisticsDoNotDependOnThePartitioning(int replicas, String method) {
        Model m = ModelLoader.parse("""
                name: schlogl
                volume: 20.0
                species: {X: 30}
                reactions: ["2 X -> 3 X @ 0.31", "3 X -> 2 X @ 0.1", "0 -> X @ 0.08", "X -> 0 @ 0.29"]
                time: {end: 5.0, output: 0.5}
                seed: 77
                """, "t.yaml", List.of("method=" + method));
        EnsembleStatistics one = ChunkedEnsemble.runInProcess(m, replicas, 1);
        assertEquals(replicas, one.count());
        for (int partitions : new int[] {2, 3, 4, 7, 64}) {
            EnsembleStatistics many = ChunkedEnsemble.runInProcess(m, replicas, partitions);
            assertTrue(one.sameAs(many), partitions + " partitions changed the statistics");
        }
    }

    @Test
    void partialResultsCombinedInAnyOrderGiveTheSameStatistics() {
        Model m = ModelLoader.parse("""
                name: bd
                volume: 1.0
                species: {X: 0}
                reactions: ["0 -> X @ 10", "X -> 0 @ 1"]
                time: {end: 2.0, output: 0.5}
                seed: 5
                """, "t.yaml", List.of());
        ReplicaChunks chunks = ReplicaChunks.of(333);
        EnsembleStatistics reference = ChunkedEnsemble.runInProcess(m, 333, 1);
        Random rnd = new Random(17);
        for (int trial = 0; trial < 10; trial++) {
            // Fresh partial results each time: the real merger updates its left argument.
            List<AlignedReduction<EnsembleStatistics>> parts = new ArrayList<>();
            for (ReplicaChunks.Range r : chunks.split(2 + rnd.nextInt(40))) {
                parts.add(ChunkedEnsemble.runRange(m, chunks, r));
            }
            while (parts.size() > 1) {
                var a = parts.remove(rnd.nextInt(parts.size()));
                var b = parts.remove(rnd.nextInt(parts.size()));
                parts.add(ChunkedEnsemble.combine(a, b));
            }
            assertTrue(reference.sameAs(ChunkedEnsemble.finish(parts.get(0), chunks)), "trial " + trial);
        }
    }
}
