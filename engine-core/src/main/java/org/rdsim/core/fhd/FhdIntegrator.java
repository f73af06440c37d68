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

    /**
     * The tally on the team's threads: each lane keeps its own largest |n| and count, and max and
     * integer sums do not depend on how the cells were shared out, so the counts are those of one
     * thread. At 256^3 the two passes are about a tenth of a second on one thread, memory-bound.
     */
    @Override
    public void tallyNegative(double[] n, long[] negative) {
        SlabTeam team = terms.team();
        int lanes = team.threads();
        if (lanes == 1) {
            FhdScheme.super.tallyNegative(n, negative);
            return;
        }
        int cells = terms.cells;
        double[] largest = new double[lanes];
        long[] below = new long[lanes];
        for (int s = 0; s < negative.length; s++) {
            int o = s * cells;
            java.util.Arrays.fill(largest, 0);
            team.run(cells, lanes, (lane, from, to) ->
                    largest[lane] = FhdRunner.largest(n, o + from, o + to, largest[lane]));
            double scale = 0;
            for (double m : largest) {
                scale = Math.max(scale, m);
            }
            double floor = -FhdRunner.ROUND_OFF * scale;
            java.util.Arrays.fill(below, 0);
            team.run(cells, lanes, (lane, from, to) -> below[lane] += FhdRunner.below(n, o + from, o + to, floor));
            for (long b : below) {
                negative[s] += b;
            }
        }
    }

    @Override
    public String toString() {
        return reactions.name(family) + (terms.deterministic ? " (deterministic)" : "");
    }
}
