package org.rdsim.core.wellmixed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.rdsim.core.rng.PoissonDeviate;

/**
 * Tau-leaping with the step selection of Cao, Gillespie and Petzold (J. Chem. Phys. 124, 044109,
 * 2006):
 * <ol>
 *   <li>reactions within {@code critical} firings of exhausting a reactant are critical;</li>
 *   <li>the leap tau' bounds the expected relative change of every reactant species by
 *       epsilon/g_i (their eq. 33);</li>
 *   <li>when tau' is shorter than 10/a0, a batch of exact SSA steps is cheaper and is taken
 *       instead;</li>
 *   <li>at most one critical reaction fires in a leap, at an exponential time with rate a0c;</li>
 *   <li>a leap that would make a count negative is rejected and tau' halved.</li>
 * </ol>
 * Leaps never cross an output time, so the recorded states are states of the leap chain.
 * Subclasses say which Poisson means the non-critical reactions get.
 */
public abstract class AbstractTauLeaping extends WellMixedSimulator {

    private static final double SSA_SWITCH = 10.0;

    protected final double epsilon;
    private final int criticalThreshold;
    private final int ssaSteps;

    protected final double[] a;
    protected final boolean[] isCritical;
    private final double[] trial;
    private final long[] k;
    private final int[] reactantSpeciesList;
    /** Per species, a bit mask of the g cases of the reactions it is a reactant of. */
    private final int[] gCases;
    private final double[] mu;
    private final double[] sigma2;
    private final double[] means;

    private long leaps;
    private long rejected;
    private long exactSteps;

    protected AbstractTauLeaping(ReactionNetwork net, double epsilon, int criticalThreshold, int ssaSteps) {
        super(net);
        this.epsilon = epsilon;
        this.criticalThreshold = criticalThreshold;
        this.ssaSteps = ssaSteps;
        int m = net.reactions();
        a = new double[m];
        isCritical = new boolean[m];
        trial = new double[net.species()];
        k = new long[m];
        mu = new double[net.species()];
        sigma2 = new double[net.species()];
        means = new double[m];
        boolean[] isReactant = new boolean[net.species()];
        gCases = new int[net.species()];
        for (int j = 0; j < m; j++) {
            for (int p = net.reactantStart[j]; p < net.reactantStart[j + 1]; p++) {
                isReactant[net.reactantSpecies[p]] = true;
                gCases[net.reactantSpecies[p]] |= 1 << gCase(net.order[j], net.reactantCount[p]);
            }
        }
        int count = 0;
        for (boolean b : isReactant) {
            count += b ? 1 : 0;
        }
        reactantSpeciesList = new int[count];
        for (int s = 0, i = 0; s < isReactant.length; s++) {
            if (isReactant[s]) {
                reactantSpeciesList[i++] = s;
            }
        }
    }

    /**
     * Fills {@code means[j]} with the expected firings of non-critical reaction j over a leap
     * of length tau from state x (whose propensities are in {@link #a}).
     */
    protected abstract void leapMeans(double[] x, double tau, double[] means);

    @Override
    public void simulate(double[] x, double[] times, UniformRandomProvider rng, StateRecorder recorder) {
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
        PoissonDeviate poisson = new PoissonDeviate(rng);
        final ReactionNetwork n = net;
        final int m = n.reactions;
        double t = times[0];
        recorder.record(0, t, x);
        int next = 1;
        outer:
        while (next < times.length) {
            double a0 = n.propensities(x, a);
            if (!(a0 > 0)) {
                break;
            }
            double tauPrime = selectLeap(x);
            while (true) {
                if (tauPrime < SSA_SWITCH / a0) {
                    // A leap this short is no faster than exact steps: take a batch of them.
                    for (int step = 0; step < ssaSteps && next < times.length; step++) {
                        double a0s = step == 0 ? a0 : n.propensities(x, a);
                        if (!(a0s > 0)) {
                            break outer;
                        }
                        double tNext = t + exponential.sample() / a0s;
                        while (next < times.length && times[next] < tNext) {
                            recorder.record(next, times[next], x);
                            next++;
                        }
                        if (next == times.length) {
                            break outer;
                        }
                        t = tNext;
                        int j = select(a, m, rng.nextDouble() * a0s);
                        n.fire(j, x);
                        firings[j]++;
                        exactSteps++;
                    }
                    continue outer;
                }
                double a0c = 0;
                for (int j = 0; j < m; j++) {
                    if (isCritical[j]) {
                        a0c += a[j];
                    }
                }
                double tauCritical = a0c > 0 ? exponential.sample() / a0c : Double.POSITIVE_INFINITY;
                double tau = Math.min(tauPrime, tauCritical);
                boolean fireCritical = tauCritical <= tauPrime;
                double toOutput = times[next] - t;
                boolean reachesOutput = tau >= toOutput;
                if (reachesOutput) {
                    tau = toOutput;
                    fireCritical = false; // memoryless: the critical firing lies beyond the output
                }
                leapMeans(x, tau, means);
                System.arraycopy(x, 0, trial, 0, x.length);
                for (int j = 0; j < m; j++) {
                    k[j] = isCritical[j] ? 0 : poisson.sample(means[j]);
                }
                if (fireCritical) {
                    double r = rng.nextDouble() * a0c;
                    double acc = 0;
                    int chosen = -1;
                    for (int j = 0; j < m && chosen < 0; j++) {
                        if (isCritical[j]) {
                            acc += a[j];
                            if (acc > r) {
                                chosen = j;
                            }
                        }
                    }
                    if (chosen < 0) {
                        chosen = lastCritical(m);
                    }
                    k[chosen] = 1;
                }
                boolean negative = false;
                for (int j = 0; j < m; j++) {
                    if (k[j] != 0) {
                        n.fire(j, trial, k[j]);
                    }
                }
                for (double v : trial) {
                    negative |= v < 0;
                }
                if (negative) {
                    rejected++;
                    // Cao et al. halve tau'; when the leap was cut short (output time, critical
                    // firing) halving tau' could repeat the same leap, so halve what was taken.
                    tauPrime = Math.min(tauPrime, tau) / 2;
                    continue;
                }
                System.arraycopy(trial, 0, x, 0, x.length);
                for (int j = 0; j < m; j++) {
                    firings[j] += k[j];
                }
                leaps++;
                if (reachesOutput) {
                    t = times[next];
                    recorder.record(next, t, x);
                    next++;
                } else {
                    t += tau;
                }
                continue outer;
            }
        }
        for (; next < times.length; next++) {
            recorder.record(next, times[next], x);
        }
    }

    /** Marks critical reactions and returns tau' (eq. 33 of Cao et al. 2006). */
    private double selectLeap(double[] x) {
        final ReactionNetwork n = net;
        final int m = n.reactions;
        boolean anyNonCritical = false;
        for (int j = 0; j < m; j++) {
            double limit = Double.POSITIVE_INFINITY;
            for (int q = n.changeStart[j]; q < n.changeStart[j + 1]; q++) {
                double change = n.changeAmount[q];
                if (change < 0) {
                    limit = Math.min(limit, Math.floor(x[n.changeSpecies[q]] / -change));
                }
            }
            isCritical[j] = a[j] > 0 && limit < criticalThreshold;
            anyNonCritical |= !isCritical[j] && a[j] > 0;
        }
        if (!anyNonCritical) {
            return Double.POSITIVE_INFINITY;
        }
        for (int s : reactantSpeciesList) {
            mu[s] = 0;
            sigma2[s] = 0;
        }
        for (int j = 0; j < m; j++) {
            if (isCritical[j] || a[j] == 0) {
                continue;
            }
            for (int q = n.changeStart[j]; q < n.changeStart[j + 1]; q++) {
                double v = n.changeAmount[q];
                int s = n.changeSpecies[q];
                mu[s] += v * a[j];
                sigma2[s] += v * v * a[j];
            }
        }
        double tau = Double.POSITIVE_INFINITY;
        for (int s : reactantSpeciesList) {
            if (mu[s] == 0 && sigma2[s] == 0) {
                continue;
            }
            double bound = Math.max(epsilon * x[s] / g(s, x[s]), 1.0);
            tau = Math.min(tau, bound / Math.abs(mu[s]));
            tau = Math.min(tau, bound * bound / sigma2[s]);
        }
        return tau;
    }

    /**
     * g_i of Cao et al.: how strongly a relative change of species s changes the propensities
     * it feeds, the largest over the (order, molecules of s) cases of the reactions it is a
     * reactant of (precomputed as a bit mask, see {@link #G_CASES}).
     */
    private double g(int s, double xs) {
        int cases = gCases[s];
        double g = 0;
        for (int c = 0; c < G_CASES; c++) {
            if ((cases & (1 << c)) == 0) {
                continue;
            }
            double gc = switch (c) {
                case 0 -> 1;                                        // A -> ...
                case 1 -> 2;                                        // A + B -> ...
                case 2 -> 2 + 1 / (xs - 1);                         // 2 A -> ...
                case 3 -> 3;                                        // A + B + C -> ...
                case 4 -> 1.5 * (2 + 1 / (xs - 1));                 // 2 A + B -> ...
                default -> 3 + 1 / (xs - 1) + 2 / (xs - 2);         // 3 A -> ...
            };
            g = Math.max(g, gc);
        }
        return g > 0 ? g : 1;
    }

    /** Cases of g: (order 1), (2, one molecule), (2, two), (3, one), (3, two), (3, three). */
    private static final int G_CASES = 6;

    private static int gCase(int order, int count) {
        return order == 1 ? 0 : order == 2 ? (count == 2 ? 2 : 1) : (count == 3 ? 5 : count == 2 ? 4 : 3);
    }

    private static int select(double[] a, int m, double r) {
        double acc = 0;
        int last = -1;
        for (int i = 0; i < m; i++) {
            if (a[i] > 0) {
                acc += a[i];
                last = i;
                if (acc > r) {
                    return i;
                }
            }
        }
        return last;
    }

    private int lastCritical(int m) {
        for (int j = m - 1; j >= 0; j--) {
            if (isCritical[j]) {
                return j;
            }
        }
        throw new IllegalStateException("no critical reaction");
    }

    @Override
    public Map<String, Long> diagnostics() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("leaps", leaps);
        d.put("rejectedLeaps", rejected);
        d.put("exactSteps", exactSteps);
        return d;
    }

    @Override
    public void resetCounters() {
        super.resetCounters();
        leaps = 0;
        rejected = 0;
        exactSteps = 0;
    }
}
