package org.rdsim.core.model;

import java.io.Serializable;

/**
 * The simulation method with its options, defaults filled in.
 *
 * @param algorithm         the algorithm named in the model file
 * @param epsilon           tau-leaping error control parameter (Cao-Gillespie-Petzold), 0 &lt; eps &lt; 1
 * @param critical          tau-leaping critical-reaction threshold n_c (firings to exhaustion)
 * @param ssaSteps          exact steps taken when a leap would be shorter than a few SSA steps
 * @param dt                CLE time step
 * @param rtol              ODE relative tolerance
 * @param atol              ODE absolute tolerance in molecules
 * @param macroStep         spatial methods: the interval at which blocks exchange what crossed
 *                          their faces and voxel clocks restart (NaN: the output interval)
 */
public record MethodSpec(Algorithm algorithm, double epsilon, int critical, int ssaSteps, double dt,
                         double rtol, double atol, double macroStep) implements Serializable {

    public static final double DEFAULT_EPSILON = 0.03;
    public static final int DEFAULT_CRITICAL = 10;
    public static final int DEFAULT_SSA_STEPS = 100;
    public static final double DEFAULT_RTOL = 1e-8;
    public static final double DEFAULT_ATOL = 1e-6;

    public static MethodSpec of(Algorithm algorithm) {
        return new MethodSpec(algorithm, DEFAULT_EPSILON, DEFAULT_CRITICAL, DEFAULT_SSA_STEPS, Double.NaN,
                DEFAULT_RTOL, DEFAULT_ATOL, Double.NaN);
    }

    /** A one-line description with the options that matter for this algorithm. */
    public String describe() {
        return switch (algorithm) {
            case TAU, MIDPOINT_TAU -> algorithm.key() + " (epsilon " + epsilon + ", critical " + critical
                    + ", ssaSteps " + ssaSteps + ")";
            case CLE -> algorithm.key() + " (dt " + dt + ")";
            case ODE -> algorithm.key() + " (rtol " + rtol + ", atol " + atol + ")";
            case NSM -> algorithm.key() + (Double.isNaN(macroStep) ? "" : " (macroStep " + macroStep + ")");
            default -> algorithm.key();
        };
    }
}
