package org.rdsim.core.fhd;

/** How an FHD scheme samples the reactions of a step (fhd-schemes.md section 3). */
public enum ReactionSampling {
    /** Poisson counts at given rates: the tau schemes (EMTau, ExMidTau, ImMidTau). */
    TAU,
    /** Each cell's exact SSA over the (half) step: the SSA schemes (EM-SSA, ExMidSSA, ImMidSSA). */
    SSA
}
