package org.rdsim.core.fhd;

/** One fluctuating-hydrodynamics integrator: advances real-valued densities by one time step. */
public interface FhdScheme {

    /** Advances the densities n (species-major: n[s * cells + i]) by step number {@code step}. */
    void step(double[] n, long step);
}
