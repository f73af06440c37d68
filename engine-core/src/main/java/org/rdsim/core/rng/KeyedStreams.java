package org.rdsim.core.rng;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * Random streams that are pure functions of a key.
 *
 * <p>A stream is identified by the run seed, a purpose tag and a few indices (replica, step,
 * stage, global cell or face). Hashing the key into the 256-bit state of a XoShiRo256++
 * generator means that trajectory r of a run with seed s draws the same numbers on any machine,
 * in any partition, after any task retry. The key is absorbed into a 128-bit digest by two
 * independent SplitMix64-style lanes, so distinct keys collide with probability ~2^-128 per
 * pair, far below anything a run can reach.
 *
 * <p>Purpose tags keep streams for different uses of the same indices apart.
 */
public final class KeyedStreams {

    /** Purpose: one well-mixed trajectory, indexed by replica. */
    public static final long TRAJECTORY = 0x7452414aL;
    /** Purpose: draws that set up a replica's initial state (kept apart from its dynamics). */
    public static final long INITIAL_STATE = 0x494e4954L;
    /** Purpose: the dynamics of one block of a lattice over one macro step. */
    public static final long LATTICE = 0x4c415454L;
    /** Purpose: one voxel's draws in one stage of one step of the multinomial split scheme. */
    public static final long SPLIT_VOXEL = 0x53504c54L;
    /** Purpose: one cell's face normals in one stage of one FHD step. */
    public static final long FHD_NOISE = 0x46484e5aL;
    /** Purpose: one cell's reaction counts in one stage of one FHD step. */
    public static final long FHD_REACT = 0x46485243L;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long LANE_B = 0xD1B54A32D192ED03L;
    private static final long LANE_B_ADD = 0x632BE59BD9B4E019L;

    private KeyedStreams() {
    }

    /** The stream of (seed, purpose, index). */
    public static UniformRandomProvider stream(long seed, long purpose, long index) {
        long a = absorbA(absorbA(absorbA(GOLDEN, seed), purpose), index);
        long b = absorbB(absorbB(absorbB(LANE_B, seed), purpose), index);
        return fromDigest(a, b);
    }

    /** The stream of (seed, purpose, i0, i1, i2, i3), for keys with several indices. */
    public static UniformRandomProvider stream(long seed, long purpose, long i0, long i1, long i2, long i3) {
        Generator g = new Generator().rekey(seed, purpose, i0, i1, i2, i3);
        return new XoShiRo256PlusPlus(g.s0, g.s1, g.s2, g.s3);
    }

    private static UniformRandomProvider fromDigest(long a, long b) {
        Generator g = new Generator().seed(a, b);
        return new XoShiRo256PlusPlus(g.s0, g.s1, g.s2, g.s3);
    }

    /**
     * A XoShiRo256++ generator that can be moved to another key in place: for loops that need a
     * keyed stream per cell and step, where a new generator per cell would allocate in the hot
     * loop. After {@link #rekey} its longs and doubles are those of
     * {@link #stream(long, long, long, long, long, long)} of the same key.
     */
    public static final class Generator implements UniformRandomProvider {
        // The state; package-private for the samplers that keep it in local variables across a cell's draws.
        long s0;
        long s1;
        long s2;
        long s3;
        // The lanes after the key words fixed by fix(): all but i1.
        private long prefixA;
        private long prefixB;

        /**
         * The stream of the key. The words are absorbed in the order seed, purpose, i0, i2, i3,
         * i1: the index a sweep varies (a cell, a voxel) goes last, so that {@link #fix} can
         * absorb the others once.
         */
        public Generator rekey(long seed, long purpose, long i0, long i1, long i2, long i3) {
            return seed(absorbA(absorbA(absorbA(absorbA(absorbA(absorbA(GOLDEN, seed), purpose), i0), i2), i3), i1),
                    absorbB(absorbB(absorbB(absorbB(absorbB(absorbB(LANE_B, seed), purpose), i0), i2), i3), i1));
        }

        /**
         * Fixes every word of the key (seed, purpose, i0, i1, i2, i3) but i1, for a sweep that
         * rekeys once per cell with the cell as i1: {@link #rekey(long)} then absorbs only i1
         * (7 mixing rounds instead of 22, 4 of them the state's expansion) and gives exactly the
         * stream of the full key. The generator's current stream is not touched.
         */
        public Generator fix(long seed, long purpose, long i0, long i2, long i3) {
            prefixA = absorbA(absorbA(absorbA(absorbA(absorbA(GOLDEN, seed), purpose), i0), i2), i3);
            prefixB = absorbB(absorbB(absorbB(absorbB(absorbB(LANE_B, seed), purpose), i0), i2), i3);
            return this;
        }

        /** The stream of the key set by {@link #fix} with i1 in its place. */
        public Generator rekey(long i1) {
            return seed(absorbA(prefixA, i1), absorbB(prefixB, i1));
        }

        /**
         * The start states of the streams of i1 = first ... first + count - 1 under the key set by
         * {@link #fix}, into states[4 j ...], for {@link #resume}: keying a run of cells in one
         * loop lets the processor overlap the cells' mixing chains, which a rekey between draws
         * cannot. The generator's current stream is not touched.
         */
        public void rekeyAll(long first, int count, long[] states) {
            for (int j = 0; j < count; j++) {
                start(first + j, states, 4 * j);
            }
        }

        /** The same for the keys i1 = keys[from] ... keys[from + count - 1] (a block's cells, keyed by their global index). */
        public void rekeyAll(int[] keys, int from, int count, long[] states) {
            for (int j = 0; j < count; j++) {
                start(keys[from + j], states, 4 * j);
            }
        }

        /** The start state of i1's stream under the fixed key into states[at ... at + 3]. */
        private void start(long i1, long[] states, int at) {
            long a = absorbA(prefixA, i1);
            long b = absorbB(prefixB, i1);
            long t0 = mix(a + GOLDEN);
            long t1 = mix(a + 2 * GOLDEN);
            long t2 = mix(b + 3 * GOLDEN);
            long t3 = mix(b + 4 * GOLDEN);
            states[at] = (t0 | t1 | t2 | t3) == 0 ? GOLDEN : t0;
            states[at + 1] = t1;
            states[at + 2] = t2;
            states[at + 3] = t3;
        }

        /**
         * The stream of the j-th key of the last {@link #rekeyAll} into states, from its start (or
         * a stream {@link #save}d there, from where it stood).
         */
        public Generator resume(long[] states, int j) {
            s0 = states[4 * j];
            s1 = states[4 * j + 1];
            s2 = states[4 * j + 2];
            s3 = states[4 * j + 3];
            return this;
        }

        /**
         * The generator's current state into states[4 j ...], for a later {@link #resume} to
         * continue this stream where it stands.
         */
        public void save(long[] states, int j) {
            states[4 * j] = s0;
            states[4 * j + 1] = s1;
            states[4 * j + 2] = s2;
            states[4 * j + 3] = s3;
        }

        /** Expands a 128-bit key digest into the state with SplitMix64 steps. */
        private Generator seed(long a, long b) {
            s0 = mix(a + GOLDEN);
            s1 = mix(a + 2 * GOLDEN);
            s2 = mix(b + 3 * GOLDEN);
            s3 = mix(b + 4 * GOLDEN);
            if ((s0 | s1 | s2 | s3) == 0) {
                s0 = GOLDEN; // the all-zero state is the one XoShiRo cannot leave
            }
            return this;
        }

        @Override
        public long nextLong() {
            long result = Long.rotateLeft(s0 + s3, 23) + s0;
            long t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = Long.rotateLeft(s3, 45);
            return result;
        }

        @Override
        public double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        /** A standard normal deviate from this stream ({@link Ziggurat}). */
        public double normal() {
            return Ziggurat.normal(nextLong(), this);
        }

        /**
         * {@code count} standard normal deviates into out[0][j], ..., out[count - 1][j], the same
         * as that many {@link #normal} calls. The state stays in local variables across the draws
         * (the generator's fields only around a rare draw that leaves the fast path): a sweep
         * drawing several normals per cell spends most of its time here. The xoshiro step is
         * written out here and in PoissonDeviate.sampleAll on purpose: shared through a small
         * state holder it was bit-identical but slower, the JIT keeping the state in memory
         * (docs/PERFORMANCE.md section 8).
         */
        public void normals(double[][] out, int count, int j) {
            long a = s0;
            long b = s1;
            long c = s2;
            long d = s3;
            for (int f = 0; f < count; f++) {
                long r = Long.rotateLeft(a + d, 23) + a;   // nextLong on the local state
                long t = b << 17;
                c ^= a;
                d ^= b;
                b ^= c;
                a ^= d;
                c ^= t;
                d = Long.rotateLeft(d, 45);
                int k = (int) r & (Ziggurat.LAYERS - 1);
                double u = (r >> 11) * 0x1.0p-52;
                if (Math.abs(u) < Ziggurat.INNER[k]) {
                    out[f][j] = u * Ziggurat.WIDTH[k];
                } else {
                    s0 = a;
                    s1 = b;
                    s2 = c;
                    s3 = d;
                    out[f][j] = Ziggurat.outer(this, k, u);
                    a = s0;
                    b = s1;
                    c = s2;
                    d = s3;
                }
            }
            s0 = a;
            s1 = b;
            s2 = c;
            s3 = d;
        }
    }

    private static long absorbA(long h, long word) {
        return mix(h ^ mix(word + GOLDEN));
    }

    private static long absorbB(long h, long word) {
        return mix2(h + Long.rotateLeft(word * LANE_B, 23) + LANE_B_ADD);
    }

    /** SplitMix64 finaliser (Stafford variant 13). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A second, unrelated 64-bit finaliser (Moremur), so the two lanes are not the same function. */
    static long mix2(long z) {
        z = (z ^ (z >>> 27)) * 0x3C79AC492BA7B653L;
        z = (z ^ (z >>> 33)) * 0x1C69B3F74AC4AE35L;
        return z ^ (z >>> 27);
    }
}
