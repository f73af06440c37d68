package org.rdsim.core.wellmixed;

/**
 * Midpoint tau-leaping (Gillespie 2001; analysed by Anderson, Ganguly and Kurtz 2011): the
 * propensities are evaluated at the deterministic midpoint x + (tau/2) sum_j nu_j a_j(x) of the
 * leap, which cancels the leading O(tau) bias of the explicit method for the mean. The midpoint
 * is kept real-valued (not rounded) and its propensities clamped at zero. A reaction that cannot
 * fire from the current state (a_j(x) = 0, e.g. 2 A -&gt; B with one A) does not fire in the leap,
 * whatever the midpoint says: its firings would only produce rejected leaps.
 */
public final class MidpointTauLeaping extends AbstractTauLeaping {

    private final double[] midpoint;

    public MidpointTauLeaping(ReactionNetwork net, double epsilon, int criticalThreshold, int ssaSteps) {
        super(net, epsilon, criticalThreshold, ssaSteps);
        midpoint = new double[net.species()];
    }

    @Override
    public String name() {
        return "midpoint-tau";
    }

    @Override
    protected void leapMeans(double[] x, double tau, double[] means) {
        System.arraycopy(x, 0, midpoint, 0, x.length);
        for (int j = 0; j < means.length; j++) {
            if (a[j] > 0) {
                net.fire(j, midpoint, 0.5 * tau * a[j]);
            }
        }
        for (int j = 0; j < means.length; j++) {
            means[j] = isCritical[j] || a[j] == 0 ? 0 : net.propensityClamped(j, midpoint) * tau;
        }
    }
}
