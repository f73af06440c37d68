package org.rdsim.core.fhd;

/** One fluctuating-hydrodynamics integrator: advances real-valued densities by one time step. */
public interface FhdScheme {

    /** Advances the densities n (species-major: n[s * cells + i]) by step number {@code step}. */
    void step(double[] n, long step);

    /**
     * Adds to negative[s] the cells of n whose density of species s is negative beyond round-off
     * ({@link FhdRunner#countNegative} against the species' largest |n| on the grid); a scheme
     * with threads of its own shares the two passes out among them.
     */
    default void tallyNegative(double[] n, long[] negative) {
        FhdRunner.countNegative(n, negative.length, FhdRunner.largest(n, negative.length), negative);
    }
}
