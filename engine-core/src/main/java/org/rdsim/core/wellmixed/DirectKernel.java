package org.rdsim.core.wellmixed;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The event loop of the direct method specialised to one network structure (generated and
 * compiled at run time by {@link DirectKernelGenerator}). Stateless and thread safe: rate
 * constants, state and counters are passed in.
 */
public interface DirectKernel {

    /**
     * Simulates like {@link DirectMethod#simulate}, bit for bit, with stochastic constants c,
     * adding each reaction's firings to {@code fired}.
     */
    void simulate(double[] x, double[] times, double[] c, UniformRandomProvider rng, StateRecorder recorder,
                  long[] fired);
}
