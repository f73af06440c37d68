package org.rdsim.core.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.testing.Ensembles;

class VoxelSizeCheckTest {

    private static final String MODEL = """
            name: radius
            domain: {cells: %s, dx: %s, A: 1.0, boundary: periodic}
            species:
              A: {D: 1.0, initial: {uniform: 0.001}}
              B: {D: 1.0, initial: {uniform: 0.001}}
              C: {D: 0.0, initial: {uniform: 0}}
            reactions: ["bind: %s -> C @ %s"]
            time: {end: 1.0}
            seed: 1
            """;

    private static List<String> warnings(String cells, double dx, String reactants, double k) {
        return VoxelSizeCheck.warnings(Ensembles.model(MODEL.formatted(cells, dx, reactants, k)));
    }

    /** 4 pi beta sigma = 3.1756 sigma; the loss is beta k / (D dx + beta k) with D = D_A + D_B = 2. */
    @Test
    void voxelsBelowTheCriticalSizeAreNamedWithTheNumbers() {
        List<String> w = warnings("[8, 8, 8]", 2.0, "A +(1.0) B", 1.0);
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("reaction 'bind'"), w.get(0));
        assertTrue(w.get(0).contains("dx 2 is below 4 pi beta sigma = 3.176 (sigma 1)"), w.get(0));
        double keeps = 100 * (1 - 0.2527 / (2 * 2.0 + 0.2527));
        assertTrue(w.get(0).contains(String.format("keeps %.1f%%", keeps)), w.get(0));
    }

    @Test
    void aLargeRateLosesTooMuchEvenOnLargeVoxels() {
        List<String> w = warnings("[4, 4, 4]", 40.0, "A +(1.0) B", 100.0);
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("keeps 76.0%"), w.get(0));
        assertTrue(w.get(0).contains("use dx >= 240.1"), w.get(0)); // 19 beta k / D
    }

    @ParameterizedTest(name = "{0} dx {1} {2} k {3}")
    @CsvSource(delimiter = ';', value = {
        "[8, 8, 8]; 40.0; A +(1.0) B; 1.0",   // large voxels, small loss
        "[8, 8, 8]; 0.1;  A + B;      1.0",   // no radius: k is the lattice's own
        "[8, 8];    0.1;  A +(1.0) B; 1.0",   // 2-D is not checked
        "[8, 8, 8]; 0.1;  A;          1.0",   // first order
    })
    void wellResolvedOrUncheckedReactionsPassQuietly(String cells, double dx, String reactants, double k) {
        assertEquals(List.of(), warnings(cells, dx, reactants, k));
    }
}
