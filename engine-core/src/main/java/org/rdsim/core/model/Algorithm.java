package org.rdsim.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The simulation algorithms a model's {@code method.algorithm} can name: well-mixed, lattice
 * (RDME) and fluctuating hydrodynamics (FHD, the paper's six schemes, fhd-schemes.md).
 */
public enum Algorithm {
    /** Exact SSA; the direct method or the next-reaction method, chosen by network size. */
    SSA("ssa", true),
    /** Gillespie's direct method with a dependency graph. */
    DIRECT("direct", true),
    /** Next-reaction method (Gibson-Bruck, in Anderson's modified form) with an indexed heap. */
    NRM("nrm", true),
    /** Explicit tau-leaping with Cao-Gillespie-Petzold step selection and critical reactions. */
    TAU("tau", true, "epsilon", "critical", "ssaSteps"),
    /** Midpoint (second-order) tau-leaping with the same step selection. */
    MIDPOINT_TAU("midpoint-tau", true, "epsilon", "critical", "ssaSteps"),
    /** Chemical Langevin equation, Euler-Maruyama. */
    CLE("cle", false, "dt"),
    /** Deterministic rate equations, adaptive Dormand-Prince 8(5,3). */
    ODE("ode", false, "rtol", "atol"),
    /** Exact spatial SSA on the lattice: the Next Subvolume Method. */
    NSM("nsm", true, "macroStep", "block"),
    /** Lattice split scheme SSA/2 + multinomial diffusion + SSA/2, first order in dt. */
    SPLIT_MN("split-mn", true, "dt", "block"),
    /** FHD, Euler-Maruyama with Poisson reaction counts (paper eq. 25). */
    EM_TAU("EMTau", false, FhdOptions.TAU),
    /** FHD, Euler-Maruyama diffusion with each cell's exact SSA (eq. 26). */
    EM_SSA("EM-SSA", false, FhdOptions.BASE),
    /** FHD, explicit midpoint with Poisson reaction counts (eq. 29). */
    EXMID_TAU("ExMidTau", false, FhdOptions.MID_TAU),
    /** FHD, explicit midpoint with each cell's exact SSA (eq. 31). */
    EXMID_SSA("ExMidSSA", false, FhdOptions.MID),
    /** FHD, implicit midpoint diffusion with Poisson reaction counts (eq. 32). */
    IMMID_TAU("ImMidTau", false, FhdOptions.MID_TAU),
    /** FHD, implicit midpoint diffusion with each cell's exact SSA (eq. 33). */
    IMMID_SSA("ImMidSSA", false, FhdOptions.MID);

    private final String key;
    private final boolean discrete;
    private final List<String> options;

    Algorithm(String key, boolean discrete, String... options) {
        this.key = key;
        this.discrete = discrete;
        this.options = List.of(options);
    }

    /** The name used in model files. */
    public String key() {
        return key;
    }

    /** True when the state is a vector of whole molecule counts. */
    public boolean discrete() {
        return discrete;
    }

    /** True for the methods of spatial models: on the lattice (RDME) or FHD. */
    public boolean spatial() {
        return this == NSM || this == SPLIT_MN || fhd();
    }

    /** True for the fluctuating-hydrodynamics schemes (real-valued densities). */
    public boolean fhd() {
        return ordinal() >= EM_TAU.ordinal();
    }

    /** True for the FHD schemes whose reactions are each cell's exact SSA. */
    public boolean fhdSsa() {
        return this == EM_SSA || this == EXMID_SSA || this == IMMID_SSA;
    }

    /** The option keys of the FHD schemes (constants may not name the enum's own static fields). */
    private static final class FhdOptions {
        static final String[] BASE = {"dt", "deterministic", "average"};
        static final String[] TAU = {"dt", "deterministic", "average", "cle"};
        static final String[] MID = {"dt", "deterministic", "average", "secondHalfNoise"};
        static final String[] MID_TAU = {"dt", "deterministic", "average", "secondHalfNoise", "cle"};
    }

    /** The names of the well-mixed or of the spatial algorithms. */
    public static String keys(boolean spatial) {
        return Arrays.stream(values()).filter(a -> a.spatial() == spatial).map(Algorithm::key)
                .collect(Collectors.joining(", "));
    }

    /** Option keys accepted next to {@code algorithm} in the method block. */
    public List<String> options() {
        return options;
    }

    public static Algorithm fromKey(String key) {
        for (Algorithm a : values()) {
            if (a.key.equalsIgnoreCase(key)) {
                return a;
            }
        }
        return null;
    }

    public static String allKeys() {
        return Arrays.stream(values()).map(Algorithm::key).collect(Collectors.joining(", "));
    }
}
