package org.rdsim.core.fhd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * The clamped, LMA-corrected rates of fhd-schemes.md section 3, a_r(n) = k_r prod g(n_s, m_sr),
 * as the FHD schemes take them: {@link ReactionNetwork#propensityClamped} of the cell's molecules
 * n dV, divided by dV (a spatial model's volume is its cell volume). And the face averages of
 * section 2.
 */
class ClampedRatesTest {

    /** Schlogl on cells of volume dV (dx = 1, depth dV): a_r(n) for the densities of one cell. */
    private static final class Rates {
        private final ReactionNetwork net;
        private final double dV;

        Rates(double dV) {
            this.dV = dV;
            this.net = new ReactionNetwork(Ensembles.model("""
                    name: schlogl
                    domain: {cells: [8], dx: 1.0, A: %s, boundary: periodic}
                    species: {X: {D: 1.0, initial: {uniform: 1.0}}}
                    reactions: ["2 X -> 3 X @ 0.15", "3 X -> 2 X @ 0.06", "0 -> X @ 0.205", "X -> 0 @ 0.295"]
                    time: {end: 1.0}
                    seed: 1
                    """.formatted(dV)));
        }

        double rate(int r, double n) {
            return net.propensityClamped(r, new double[] {n * dV}) / dV;
        }
    }

    /**
     * With Poisson counts N, the mean of a_r(N / dV) is k_r nbar^m exactly: summed over the
     * Poisson law (to a tail below 1e-16), not sampled.
     */
    @ParameterizedTest(name = "dV {0}, nbar {1}")
    @CsvSource({"10, 1.0", "1, 2.5", "4, 0.3", "100, 1.7"})
    void poissonMeansGiveTheDeterministicRates(double dV, double nbar) {
        Rates p = new Rates(dV);
        double mu = nbar * dV;
        double[] mean = new double[4];
        double pmf = Math.exp(-mu);
        for (int count = 0; count < mu + 40 * Math.sqrt(mu) + 40; count++) {
            if (count > 0) {
                pmf *= mu / count;
            }
            for (int r = 0; r < 4; r++) {
                mean[r] += pmf * p.rate(r, count / dV);
            }
        }
        double[] exact = {0.15 * nbar * nbar, 0.06 * nbar * nbar * nbar, 0.205, 0.295 * nbar};
        for (int r = 0; r < 4; r++) {
            assertEquals(exact[r], mean[r], 1e-12 * Math.max(1, exact[r]), "reaction " + r);
        }
    }

    @Test
    void everyFactorIsClampedAtZero() {
        Rates p = new Rates(10);
        assertEquals(0, p.rate(0, -0.3));        // 2X: n+ = 0
        assertEquals(0, p.rate(0, 0.05));        // 2X: (n - 1/dV)+ = 0 below one molecule
        assertEquals(0.15 * 0.25 * 0.15, p.rate(0, 0.25), 1e-15);
        assertEquals(0, p.rate(1, 0.15));        // 3X: (n - 2/dV)+ = 0 below two molecules
        assertEquals(0.06 * 0.5 * 0.4 * 0.3, p.rate(1, 0.5), 1e-15);
        assertEquals(0.205, p.rate(2, -5));       // 0 -> X does not depend on n
        assertEquals(0, p.rate(3, -0.1));
    }

    @Test
    void faceAveragesFollowTheirDefinitions() {
        double dV = 10;
        // Default: the arithmetic mean, ramped by each cell's molecule count over the first molecule.
        assertEquals(1.5, FaceAverage.ARITHMETIC.of(1.0, 2.0, dV), 1e-15);
        assertEquals(0.5 * (0.05 + 2.0) * 0.5, FaceAverage.ARITHMETIC.of(0.05, 2.0, dV), 1e-15);
        assertEquals(0, FaceAverage.ARITHMETIC.of(-0.01, 2.0, dV));
        assertEquals(0, FaceAverage.ARITHMETIC.of(0, 2.0, dV));
        assertEquals(0.5 * (0.05 + 2.0), FaceAverage.HEAVISIDE.of(0.05, 2.0, dV), 1e-15);
        // The smooth ramps pass through 1/2 at half a molecule and reach 1 at one molecule.
        assertEquals(0.5 * (0.05 + 2.0) * 0.5, FaceAverage.C1.of(0.05, 2.0, dV), 1e-15);
        assertEquals(0.5 * (0.05 + 2.0) * 0.5, FaceAverage.C2.of(0.05, 2.0, dV), 1e-15);
        assertEquals(1.5, FaceAverage.C1.of(0.1, 2.9, dV), 1e-15);
        assertEquals(1.5, FaceAverage.C2.of(0.1, 2.9, dV), 1e-15);
        assertEquals(Math.sqrt(2.0), FaceAverage.GEOMETRIC.of(1.0, 2.0, dV), 1e-15);
        assertEquals(0, FaceAverage.GEOMETRIC.of(-1.0, 2.0, dV));
        assertEquals(4.0 / 3.0, FaceAverage.HARMONIC.of(1.0, 2.0, dV), 1e-15);
        assertEquals(0, FaceAverage.HARMONIC.of(0, 2.0, dV));
        assertEquals(FaceAverage.C2, FaceAverage.fromKey("c2"));
        assertNull(FaceAverage.fromKey("median"));
    }
}
