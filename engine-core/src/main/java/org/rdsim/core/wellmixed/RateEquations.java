package org.rdsim.core.wellmixed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * The deterministic rate equations dN/dt = sum_j nu_j c_j prod N_s^m_s (the large-volume limit
 * of the propensities, in molecules), integrated by Hipparchus' adaptive Dormand-Prince 8(5,3)
 * with dense output at the recording times. The reaction extents are integrated alongside so
 * the summary can report how far each reaction ran. The random stream is not used.
 */
public final class RateEquations extends ContinuousSimulator {

    private final double rtol;
    private final double atol;
    private long evaluations;

    public RateEquations(ReactionNetwork net, double rtol, double atol) {
        super(net);
        this.rtol = rtol;
        this.atol = atol;
    }

    @Override
    public String name() {
        return "ode";
    }

    @Override
    public void simulate(double[] x, double[] times, UniformRandomProvider rng, StateRecorder recorder) {
        final ReactionNetwork n = net;
        final int s = n.species;
        final int m = n.reactions;
        OrdinaryDifferentialEquation rhs = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return s + m;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dy = new double[s + m];
                for (int j = 0; j < m; j++) {
                    double r = n.massActionRate(j, y); // reads y[0..s)
                    n.fire(j, dy, r);
                    dy[s + j] = r;
                }
                return dy;
            }
        };
        double span = times[times.length - 1] - times[0];
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(0.0, span, atol, rtol);
        integrator.setMaxEvaluations(Integer.MAX_VALUE);
        double[] y0 = new double[s + m];
        System.arraycopy(x, 0, y0, 0, s);
        int[] next = {0};
        integrator.addStepHandler(new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator interpolator) {
                double tCurrent = interpolator.getCurrentState().getTime();
                while (next[0] < times.length && times[next[0]] <= tCurrent) {
                    double[] y = interpolator.getInterpolatedState(times[next[0]]).getPrimaryState();
                    System.arraycopy(y, 0, x, 0, s);
                    recorder.record(next[0], times[next[0]], x);
                    next[0]++;
                }
            }
        });
        recorder.record(0, times[0], x);
        next[0] = 1;
        double[] yEnd = integrator.integrate(rhs, new ODEState(times[0], y0), times[times.length - 1])
                .getPrimaryState();
        System.arraycopy(yEnd, 0, x, 0, s);
        for (int j = 0; j < m; j++) {
            extent[j] += yEnd[s + j];
        }
        while (next[0] < times.length) { // only reached if the last step ended a hair early
            recorder.record(next[0], times[next[0]], x);
            next[0]++;
        }
        evaluations += integrator.getEvaluations();
    }

    @Override
    public Map<String, Long> diagnostics() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("rhsEvaluations", evaluations);
        return d;
    }

    @Override
    public void resetCounters() {
        super.resetCounters();
        evaluations = 0;
    }
}
