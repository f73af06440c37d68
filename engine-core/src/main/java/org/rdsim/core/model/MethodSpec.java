package org.rdsim.core.model;

import java.io.Serializable;

/**
 * The simulation method with its options, defaults filled in.
 *
 * @param algorithm         the algorithm named in the model file
 * @param epsilon           tau-leaping error control parameter (Cao-Gillespie-Petzold), 0 &lt; eps &lt; 1
 * @param critical          tau-leaping critical-reaction threshold n_c (firings to exhaustion)
 * @param ssaSteps          exact steps taken when a leap would be shorter than a few SSA steps
 * @param dt                time step of the CLE and of the split-mn lattice scheme
 * @param rtol              ODE relative tolerance
 * @param atol              ODE absolute tolerance in molecules
 * @param macroStep         spatial methods: the interval at which blocks exchange what crossed
 *                          their faces and voxel clocks restart (NaN: the default, see
 *                          MacroSchedule.macroStep)
 * @param block             spatial methods: block size in voxels per axis (null: the default)
 * @param fhd               the FHD schemes' options (null for the other algorithms)
 */
public record MethodSpec(Algorithm algorithm, double epsilon, int critical, int ssaSteps, double dt,
                         double rtol, double atol, double macroStep, int[] block, Fhd fhd) implements Serializable {

    /**
     * The options of an FHD scheme (fhd-schemes.md): the face average of eq. (20) by its key,
     * where the midpoint schemes take the second-half noise's face averages (eq. 30: start,
     * predictor or extrapolated), the deterministic twin (no diffusive noise, reaction increments
     * equal to their means, the mean initial field), and the chemical-Langevin reaction variant.
     */
    public record Fhd(String average, String secondHalfNoise, boolean deterministic, boolean cle)
            implements Serializable {
        public static final Fhd DEFAULT = new Fhd("arithmetic", "extrapolated", false, false);
    }

    public static final double DEFAULT_EPSILON = 0.03;
    public static final int DEFAULT_CRITICAL = 10;
    public static final int DEFAULT_SSA_STEPS = 100;
    public static final double DEFAULT_RTOL = 1e-8;
    public static final double DEFAULT_ATOL = 1e-6;

    public static MethodSpec of(Algorithm algorithm) {
        return new MethodSpec(algorithm, DEFAULT_EPSILON, DEFAULT_CRITICAL, DEFAULT_SSA_STEPS, Double.NaN,
                DEFAULT_RTOL, DEFAULT_ATOL, Double.NaN, null, algorithm.fhd() ? Fhd.DEFAULT : null);
    }

    /** An FHD scheme's name with its variant: ImMidTau, ImMidCLE, "ImMidTau (deterministic)". */
    public String fhdName() {
        String name = fhd.cle() ? algorithm.key().replace("Tau", "CLE") : algorithm.key();
        return name + (fhd.deterministic() ? " (deterministic)" : "");
    }

    private String blockText() {
        return block == null ? "" : ", block " + java.util.Arrays.toString(block);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodSpec m && m.algorithm == algorithm && Double.compare(m.epsilon, epsilon) == 0
                && m.critical == critical && m.ssaSteps == ssaSteps && Double.compare(m.dt, dt) == 0
                && Double.compare(m.rtol, rtol) == 0 && Double.compare(m.atol, atol) == 0
                && Double.compare(m.macroStep, macroStep) == 0 && java.util.Arrays.equals(m.block, block)
                && java.util.Objects.equals(m.fhd, fhd);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + java.util.Arrays.hashCode(block);
    }

    /** A one-line description with the options that matter for this algorithm. */
    public String describe() {
        return switch (algorithm) {
            case TAU, MIDPOINT_TAU -> algorithm.key() + " (epsilon " + epsilon + ", critical " + critical
                    + ", ssaSteps " + ssaSteps + ")";
            case CLE -> algorithm.key() + " (dt " + dt + ")";
            case ODE -> algorithm.key() + " (rtol " + rtol + ", atol " + atol + ")";
            case NSM -> algorithm.key() + (Double.isNaN(macroStep) ? "" : " (macroStep " + macroStep + ")")
                    + blockText();
            case SPLIT_MN -> algorithm.key() + " (dt " + dt + ")" + blockText();
            case EM_TAU, EM_SSA, EXMID_TAU, EXMID_SSA, IMMID_TAU, IMMID_SSA -> fhdName() + " (dt " + dt
                    + ", face average " + fhd.average()
                    + (algorithm == Algorithm.EM_TAU || algorithm == Algorithm.EM_SSA ? ""
                            : ", second-half noise " + fhd.secondHalfNoise()) + ")";
            default -> algorithm.key();
        };
    }
}
