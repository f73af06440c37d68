package org.rdsim.core.fhd;

/** How an FHD scheme samples the reactions of a step (fhd-schemes.md section 3). */
public enum ReactionSampling {
    /** Poisson counts at given rates: the tau schemes (EMTau, ExMidTau, ImMidTau). */
    TAU("Tau"),
    /**
     * The tau schemes' chemical-Langevin variant: each count is its mean m plus sqrt(m) Z, a
     * Gaussian with the Poisson's first two moments (not whole, possibly negative).
     */
    CLE("CLE"),
    /** Each cell's exact SSA over the (half) step: the SSA schemes (EM-SSA, ExMidSSA, ImMidSSA). */
    SSA("SSA");

    private final String suffix;

    ReactionSampling(String suffix) {
        this.suffix = suffix;
    }

    /** The scheme's name with this sampling: EM + Tau = EMTau, EM + SSA = EM-SSA (the paper's names). */
    String name(String integrator) {
        return integrator + (this == SSA && integrator.equals("EM") ? "-" : "") + suffix;
    }
}
