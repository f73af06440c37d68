package org.rdsim.core.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.rdsim.core.testing.Stat;

class KeyedStreamsTest {

    private static long[] first(UniformRandomProvider rng, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextLong();
        }
        return v;
    }

    @Test
    void aStreamIsAPureFunctionOfItsKey() {
        assertArrayEquals(first(KeyedStreams.stream(42, KeyedStreams.TRAJECTORY, 7), 100),
                first(KeyedStreams.stream(42, KeyedStreams.TRAJECTORY, 7), 100));
        assertArrayEquals(first(KeyedStreams.stream(42, 5, 1, 2, 3, 4), 100),
                first(KeyedStreams.stream(42, 5, 1, 2, 3, 4), 100));
    }

    @Test
    void everyPartOfTheKeyMatters() {
        long[] base = first(KeyedStreams.stream(42, KeyedStreams.TRAJECTORY, 7), 4);
        assertFalse(Arrays.equals(base, first(KeyedStreams.stream(43, KeyedStreams.TRAJECTORY, 7), 4)));
        assertFalse(Arrays.equals(base, first(KeyedStreams.stream(42, KeyedStreams.INITIAL_STATE, 7), 4)));
        assertFalse(Arrays.equals(base, first(KeyedStreams.stream(42, KeyedStreams.TRAJECTORY, 8), 4)));
        long[] multi = first(KeyedStreams.stream(42, 5, 1, 2, 3, 4), 4);
        assertFalse(Arrays.equals(multi, first(KeyedStreams.stream(42, 5, 1, 2, 4, 3), 4)));
        assertFalse(Arrays.equals(multi, first(KeyedStreams.stream(42, 5, 2, 1, 3, 4), 4)));
    }

    @Test
    void neighbouringKeysGiveUniformAndUncorrelatedDraws() {
        int keys = 200_000;
        int bins = 64;
        long[] counts = new long[bins];
        double[] u = new double[keys];
        double[] v = new double[keys];
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < keys; r++) {
            UniformRandomProvider rng = KeyedStreams.stream(1, KeyedStreams.TRAJECTORY, r);
            long firstLong = rng.nextLong();
            assertTrue(seen.add(firstLong), "two keys gave the same first draw");
            u[r] = (firstLong >>> 11) * 0x1.0p-53;
            v[r] = rng.nextDouble();
            counts[(int) (u[r] * bins)]++;
        }
        double[] p = new double[bins];
        Arrays.fill(p, 1.0 / bins);
        Stat.chiSquare(counts, p).assertFits("first draw over consecutive keys");
        // Correlation of first draws of key r and r + 1, and of first and second draw of a key:
        // each is ~ N(0, 1/n) for independent uniforms.
        double across = 0;
        double within = 0;
        for (int r = 0; r < keys - 1; r++) {
            across += (u[r] - 0.5) * (u[r + 1] - 0.5);
        }
        for (int r = 0; r < keys; r++) {
            within += (u[r] - 0.5) * (v[r] - 0.5);
        }
        double unitVar = 1.0 / 144; // Var((U - 1/2)(V - 1/2))
        Stat.assertAgrees("correlation across keys", across / (keys - 1), 0, Math.sqrt(unitVar / (keys - 1)));
        Stat.assertAgrees("correlation within a key", within / keys, 0, Math.sqrt(unitVar / keys));
    }

    @Test
    void aFixedKeyRekeyedByItsCellGivesTheFullKeysStream() {
        KeyedStreams.Generator fixed = new KeyedStreams.Generator().fix(42, KeyedStreams.FHD_NOISE, 3, 17, 2);
        for (long cell : new long[] {0, 1, 2, 1000, 262143, -1, Long.MAX_VALUE}) {
            fixed.rekey(cell);
            assertArrayEquals(first(KeyedStreams.stream(42, KeyedStreams.FHD_NOISE, 3, cell, 17, 2), 8),
                    first(fixed, 8), "cell " + cell);
        }
        long[] states = new long[4 * 5];
        fixed.rekeyAll(262140, 5, states);
        for (int j = 4; j >= 0; j--) {
            assertArrayEquals(first(KeyedStreams.stream(42, KeyedStreams.FHD_NOISE, 3, 262140 + j, 17, 2), 8),
                    first(fixed.resume(states, j), 8), "run of keys, cell " + (262140 + j));
        }
        int[] keys = {9, 262143, 0, 9, 77};  // a block's window: any cells, repeats allowed
        fixed.rekeyAll(keys, 1, 4, states);
        for (int j = 0; j < 4; j++) {
            assertArrayEquals(first(KeyedStreams.stream(42, KeyedStreams.FHD_NOISE, 3, keys[1 + j], 17, 2), 8),
                    first(fixed.resume(states, j), 8), "listed keys, cell " + keys[1 + j]);
        }
    }
}
