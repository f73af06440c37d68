package org.rdsim.core.fhd;

import org.rdsim.core.model.Model;

/**
 * Each of the six FHD schemes ({@link #scheme}) and the stationary structure factor of its
 * linearized discrete-time recursion
 * (fhd-schemes.md section 7): one mode of a one-species model linearized at nbar, with
 * lambda = D ktilde^2, relaxation rate r and noise strength Gamma, S = V <|delta|^2> in the
 * stationary state. With d' = phi d + sum_j c_j X_j (X_j iid unit noises), S = sum c_j^2 / (1 - phi^2)
 * (the c_j^2 here already carry the factor V). At equilibrium (Gamma = nbar r) every recursion
 * tends to S = nbar as dt goes to 0.
 */
enum LinearRecursion {

    /** d' = (1 - (lambda + r) dt) d + noise of variance (2/V)(nbar lambda + Gamma) dt. */
    EM_TAU {
        @Override
        double s(double lambda, double r, double gamma, double nbar, double dt) {
            double phi = 1 - (lambda + r) * dt;
            return 2 * (nbar * lambda + gamma) * dt / (1 - phi * phi);
        }
    },
    /**
     * Explicit diffusion and the exact reaction relaxation: d' = (e^{-r dt} - lambda dt) d + noise,
     * the reaction part of variance (Gamma / r)(1 - e^{-2 r dt}) / V.
     */
    EM_SSA {
        @Override
        double s(double lambda, double r, double gamma, double nbar, double dt) {
            double phi = Math.exp(-r * dt) - lambda * dt;
            return (2 * nbar * lambda * dt + gamma / r * (1 - Math.exp(-2 * r * dt))) / (1 - phi * phi);
        }
    },
    /**
     * d* = (1 - (lambda + r) h) d + sqrt(qD h) W1 + sqrt(qR h) P1, d' = d - (lambda + r) dt d* +
     * sqrt(qD h)(W1 + W2) + sqrt(qR h)(P1 + P2): with x = (lambda + r) dt, phi = 1 - x (1 - x/2)
     * and the first-stage noises weighted (1 - x).
     */
    EX_MID_TAU {
        @Override
        double s(double lambda, double r, double gamma, double nbar, double dt) {
            double h = dt / 2;
            double x = (lambda + r) * dt;
            double phi = 1 - x * (1 - x / 2);
            return 2 * h * (nbar * lambda + gamma) * ((1 - x) * (1 - x) + 1) / (1 - phi * phi);
        }
    },
    /**
     * From eq. (31) with h = dt/2: d° = a d + s W1 (a = 1 - lambda h, s^2 V = 2 nbar lambda h);
     * each half-step SSA relaxes by e^{-r h} and adds noise of variance (Gamma / r)(1 - e^{-2 r h}) / V;
     * with c = e^{-2 r h} - 1 - lambda dt e^{-r h}, phi = 1 + c a.
     */
    EX_MID_SSA {
        @Override
        double s(double lambda, double r, double gamma, double nbar, double dt) {
            double h = dt / 2;
            double a = 1 - lambda * h;
            double c = Math.exp(-2 * r * h) - 1 - lambda * dt * Math.exp(-r * h);
            double phi = 1 + c * a;
            double diffusive = 2 * nbar * lambda * h * ((1 + c) * (1 + c) + 1);
            double e = Math.exp(-r * h) - lambda * dt;
            double reactive = gamma / r * (1 - Math.exp(-2 * r * h)) * (e * e + 1);
            return (diffusive + reactive) / (1 - phi * phi);
        }
    },
    /**
     * (1 + lambda h) d* = (1 - r h) d + sqrt(qD h) W1 + sqrt(qR h) P1, (1 + lambda h) d' =
     * (1 - lambda h) d - r dt d* + sqrt(qD h)(W1 + W2) + sqrt(qR h)(P1 + P2); a = 1 / (1 + lambda h).
     */
    IM_MID_TAU {
        @Override
        double s(double lambda, double r, double gamma, double nbar, double dt) {
            double h = dt / 2;
            double a = 1 / (1 + lambda * h);
            double sd = Math.sqrt(2 * nbar * lambda * h);   // sqrt(qD h V)
            double sr = Math.sqrt(2 * gamma * h);           // sqrt(qR h V)
            double phi = a * ((1 - lambda * h) - r * dt * a * (1 - r * h));
            double w1 = a * sd * (1 - r * dt * a);
            double w2 = a * sd;
            double p1 = a * sr * (1 - r * dt * a);
            double p2 = a * sr;
            return (w1 * w1 + w2 * w2 + p1 * p1 + p2 * p2) / (1 - phi * phi);
        }
    },
    /**
     * d* = a (d + sD W1), d' = a ((1 - lambda h) d + (e^{-r dt} - 1) d* + sD (W1 + W2)
     * + sqrt((Gamma / r)(1 - e^{-2 r dt})) P), a = 1 / (1 + lambda h).
     */
    IM_MID_SSA {
        @Override
        double s(double lambda, double r, double gamma, double nbar, double dt) {
            double h = dt / 2;
            double a = 1 / (1 + lambda * h);
            double sd = Math.sqrt(2 * nbar * lambda * h);
            double e = Math.exp(-r * dt) - 1;
            double phi = a * ((1 - lambda * h) + e * a);
            double w1 = a * sd * (1 + e * a);
            double w2 = a * sd;
            double p = a * Math.sqrt(gamma / r * (1 - Math.exp(-2 * r * dt)));
            return (w1 * w1 + w2 * w2 + p * p) / (1 - phi * phi);
        }
    };

    /** The stationary S of one mode with lambda = D ktilde^2. */
    abstract double s(double lambda, double r, double gamma, double nbar, double dt);

    /** The scheme itself at dt with diffusive noise scale eps (1 for FHD), the default face average and noise option. */
    FhdScheme scheme(Model m, double dt, double eps) {
        FaceAverage average = FaceAverage.ARITHMETIC;
        SecondHalfNoise second = SecondHalfNoise.EXTRAPOLATED;
        return switch (this) {
            case EM_TAU -> new EulerMaruyama(m, dt, eps, average, ReactionSampling.TAU, false, 0);
            case EM_SSA -> new EulerMaruyama(m, dt, eps, average, ReactionSampling.SSA, false, 0);
            case EX_MID_TAU -> new ExplicitMidpoint(m, dt, eps, average, ReactionSampling.TAU, second, false, 0);
            case EX_MID_SSA -> new ExplicitMidpoint(m, dt, eps, average, ReactionSampling.SSA, second, false, 0);
            case IM_MID_TAU -> new ImplicitMidpoint(m, dt, eps, average, ReactionSampling.TAU, second, false, 0);
            case IM_MID_SSA -> new ImplicitMidpoint(m, dt, eps, average, ReactionSampling.SSA, second, false, 0);
        };
    }
}
