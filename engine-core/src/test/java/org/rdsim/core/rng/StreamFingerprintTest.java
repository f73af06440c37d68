package org.rdsim.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The draws a checkpoint's continuation depends on, pinned: a hash of the ziggurat's tables, of
 * normals one at a time and in batches, and of Poisson counts over both of PoissonDeviate's
 * algorithms, from fixed keys. A change here changes every stochastic run; if it is meant, raise
 * the checkpoint format (spark-driver's Checkpoints.FORMAT) so that a checkpoint written with the
 * old streams is refused rather than continued on new ones, then record the new value. The value
 * was recorded on x86-64; a processor whose Math.exp or Math.log differs in the last place (the
 * samplers' rarer paths use them) fails this too, which is the README's limit on reproducibility
 * across architectures, not a change to record.
 */
class StreamFingerprintTest {

    private static final long FINGERPRINT = 7826637340188608018L;

    @Test
    void theStreamsAreTheRecordedOnes() {
        assertEquals(FINGERPRINT, fingerprint(), "the random streams changed: raise Checkpoints.FORMAT, then record "
                + "the new fingerprint here");
    }

    static long fingerprint() {
        long h = 17;
        for (int k = 0; k <= Ziggurat.LAYERS; k++) {
            h = mix(h, Double.doubleToRawLongBits(Ziggurat.WIDTH[k]));
            h = mix(h, Double.doubleToRawLongBits(Ziggurat.HEIGHT[k]));
            if (k < Ziggurat.LAYERS) {
                h = mix(h, Double.doubleToRawLongBits(Ziggurat.INNER[k]));
            }
        }
        KeyedStreams.Generator g = new KeyedStreams.Generator().rekey(1, 2, 3, 4, 5, 6);
        double[][] out = new double[6][1];
        for (int i = 0; i < 20_000; i++) {
            h = mix(h, Double.doubleToRawLongBits(g.normal()));
            g.normals(out, 6, 0);
            for (double[] z : out) {
                h = mix(h, Double.doubleToRawLongBits(z[0]));
            }
        }
        PoissonDeviate poisson = new PoissonDeviate(g);
        double[] law = {1e-3, 0.4, 3.0, 9.5, 10.0, 37.5, 250.0, 4000.0};
        double[][] means = new double[law.length][1];
        for (int i = 0; i < 20_000; i++) {
            h = mix(h, poisson.sample(law[i % law.length]));
            for (int r = 0; r < law.length; r++) {
                means[r][0] = law[r];
            }
            poisson.sampleAll(g, means, law.length, 0);
            for (double[] m : means) {
                h = mix(h, (long) m[0]);
            }
        }
        return h;
    }

    private static long mix(long h, long v) {
        return (h ^ v) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }
}
