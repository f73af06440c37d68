package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.model.Model;
import org.rdsim.core.testing.Ensembles;

/**
 * A whole box stepped by several threads of one JVM gives the numbers of one thread, bit for bit:
 * every cell's terms come from its own keyed streams, whichever lane computes them, and
 * JTransforms' threaded transforms equal its serial ones.
 */
class FhdThreadsTest {

    @ParameterizedTest
    @CsvSource({"EMTau, 0.05, periodic", "EM-SSA, 0.05, periodic", "ExMidTau, 0.05, periodic",
            "ExMidSSA, 0.05, periodic", "ImMidTau, 0.25, periodic", "ImMidSSA, 0.25, periodic",
            "ImMidTau, 0.25, '{x-: reflecting, x+: {reservoir: {A: 0.0, B: 10.0}}, y-: periodic, y+: periodic,"
                    + " z-: absorbing, z+: reflecting}'",
            "ExMidTau, 0.05, '{x-: reflecting, x+: {reservoir: {A: 0.0, B: 10.0}}, y-: periodic, y+: periodic,"
                    + " z-: absorbing, z+: reflecting}'"})
    void everySchemeGivesTheSameFieldOnOneTwoAndThreeThreads(String algorithm, double dt, String boundary) {
        Model m = FhdBlocksTest.front(algorithm, dt, boundary);
        double[] one = FhdBlocksTest.run(FhdRunner.scheme(m, 1, 1), m);
        for (int threads : new int[] {2, 3}) {
            assertArrayEquals(one, FhdBlocksTest.run(FhdRunner.scheme(m, 1, threads), m),
                    algorithm + " on " + boundary + " with " + threads + " threads");
        }
    }

    /**
     * The negative-density tally shared out over threads counts what one thread counts. Species 0
     * has its largest value at the end, in the last lane's cells, and cells in the first lane's
     * just below -1e-9 times the first lane's own largest: a floor taken per lane, or from the
     * wrong lane, counts them. Species 1's scale is a thousand times smaller, so a scale carried
     * over from species 0 misses its negatives.
     */
    @Test
    void theNegativeTallyOnThreadsIsTheSerialOne() {
        Model m = FhdBlocksTest.front("ImMidTau", 0.25, "periodic");
        int cells = 16 * 16 * 16;
        double[] n = new double[2 * cells];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < cells; i++) {
            n[i] = random.nextDouble();                        // largest about 1 in the first half
            n[cells + i] = random.nextDouble() * 1e-3;
            if (i % 5 == 0) {
                n[i] = -5e-9;                                  // negative against 1, round-off against 9
                n[cells + i] = -5e-12;                         // negative against 1e-3
            }
        }
        n[cells - 1] = 9;
        long[] serial = new long[2];
        FhdRunner.countNegative(n, 2, FhdRunner.largest(n, 2), serial);
        assertArrayEquals(new long[] {0, (cells + 4) / 5}, serial, "the serial tally itself");
        for (int threads : new int[] {1, 2, 3}) {
            long[] shared = new long[2];
            FhdRunner.scheme(m, 1, threads).tallyNegative(n, shared);
            assertArrayEquals(serial, shared, threads + " threads");
        }
    }

    /** The deterministic twin, and a 2-D box, whose slabs are rows. */
    @Test
    void theTwinAndTwoDimensionsToo() {
        Model twin = FhdBlocksTest.front("ImMidTau, deterministic: true", 0.25, "periodic");
        assertArrayEquals(FhdBlocksTest.run(FhdRunner.scheme(twin, 1, 1), twin),
                FhdBlocksTest.run(FhdRunner.scheme(twin, 1, 2), twin));
        Model flat = Ensembles.model("""
                name: bpm-threads
                species:
                  U: {D: 1.0, initial: {uniform: 1.0}}
                  V: {D: 0.5, initial: {uniform: 2.0}}
                reactions: ['U + V -> 2 V @ 0.1', 'V -> 0 @ 0.2', '0 -> U @ 0.3']
                domain: {cells: [24, 20], dx: 1.0, A: 10.0, boundary: periodic}
                method: {algorithm: ImMidTau, dt: 0.5}
                time: {end: 5.0, output: 5.0}
                seed: 3
                """);
        assertArrayEquals(FhdBlocksTest.run(FhdRunner.scheme(flat, 1, 1), flat),
                FhdBlocksTest.run(FhdRunner.scheme(flat, 1, 3), flat));
    }

    /**
     * Boxes above JTransforms' threshold for threads (65536 cells), cubic and not: a 3-D box's
     * slab solve shared by slab and by column, a 2-D box's threaded transform.
     */
    @ParameterizedTest
    @CsvSource({"64, 64, 64", "32, 64, 128", "512, 256, 1"})
    void threadedTransformsEqualSerialOnes(int nx, int ny, int nz) {
        int cells = nx * ny * nz;
        SplittableRandom random = new SplittableRandom(cells);
        double[] f = new double[cells];
        for (int i = 0; i < cells; i++) {
            f[i] = random.nextDouble(-1, 1);
        }
        int[] size = {nx, ny, nz};
        double[] serial = new double[cells];
        new SpectralSolve(size, 1).solve(0.3125, f, 0, serial, 0);
        double[] threaded = new double[cells];
        new SpectralSolve(size, 2).solve(0.3125, f, 0, threaded, 0);
        assertArrayEquals(serial, threaded);
    }

    @Test
    void aTeamCoversTheRangeOnceAndPassesOnFailures() {
        SlabTeam team = new SlabTeam(3);
        int[] hits = new int[1000];
        AtomicInteger lanesSeen = new AtomicInteger();
        team.run(hits.length, 12, (lane, from, to) -> {
            lanesSeen.accumulateAndGet(1 << lane, (a, b) -> a | b);
            for (int k = from; k < to; k++) {
                hits[k]++;
            }
        });
        for (int h : hits) {
            assertEquals(1, h);
        }
        // Fewer pieces than threads: only as many lanes as pieces take part (a solver per species).
        // Each piece takes a moment, so an idle third lane would win the second piece about half the time.
        AtomicInteger highest = new AtomicInteger();
        for (int round = 0; round < 40; round++) {
            team.run(2, 2, (lane, from, to) -> {
                highest.accumulateAndGet(lane, Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertEquals(1, highest.get(), "the highest lane that took one of two pieces");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(100, 12, (lane, from, to) -> {
            if (from > 50) {
                throw new IllegalStateException("lane " + lane + " failed");
            }
        }));
        assertEquals("lane", e.getMessage().substring(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new SlabTeam(0));
    }
}
