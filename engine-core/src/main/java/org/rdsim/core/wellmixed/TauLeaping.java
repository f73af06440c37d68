package org.rdsim.core.wellmixed;

/** Explicit tau-leaping: non-critical reaction j fires Poisson(a_j(x) tau) times in a leap. */
public final class TauLeaping extends AbstractTauLeaping {

    public TauLeaping(ReactionNetwork net, double epsilon, int criticalThreshold, int ssaSteps) {
        super(net, epsilon, criticalThreshold, ssaSteps);
    }

    @Override
    public String name() {
        return "tau";
    }

    @Override
    protected void leapMeans(double[] x, double tau, double[] means) {
        for (int j = 0; j < means.length; j++) {
            means[j] = a[j] * tau;
        }
    }
}
