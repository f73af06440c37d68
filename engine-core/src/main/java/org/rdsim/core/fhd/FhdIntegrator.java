package org.rdsim.core.fhd;

import org.rdsim.core.model.Model;

/**
 * What every FHD scheme holds: the terms it is assembled from, how it samples reactions, and its
 * name in the paper (EMTau, ImMidSSA, ...).
 */
abstract class FhdIntegrator implements FhdScheme {

    final FhdTerms terms;
    final ReactionSampling reactions;
    private final String family;

    /**
     * A scheme of the family named (EM, ExMid, ImMid) for the model's domain: time step dt, noise
     * scale eps (1 for FHD, 0 for no diffusive noise), on the whole grid or on a block's window,
     * its sweeps shared by {@code threads} threads.
     */
    FhdIntegrator(String family, Model model, double dt, double eps, FaceAverage average, ReactionSampling reactions,
                  boolean deterministic, long replica, Window window, int threads) {
        this.family = family;
        this.terms = new FhdTerms(model, dt, eps, average, reactions, deterministic, replica, window, threads);
        this.reactions = reactions;
    }

    /** True when this step runs each cell's exact SSA; the twins of the SSA schemes use the tau means. */
    final boolean exactReactions() {
        return reactions == ReactionSampling.SSA && !terms.deterministic;
    }

    /** A zeroed array of the scheme's field (species x cells). */
    final double[] field() {
        return new double[terms.species * terms.cells];
    }

    @Override
    public String toString() {
        return reactions.name(family) + (terms.deterministic ? " (deterministic)" : "");
    }
}
