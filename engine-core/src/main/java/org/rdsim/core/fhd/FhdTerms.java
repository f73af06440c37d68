package org.rdsim.core.fhd;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.model.Model;
import org.rdsim.core.rng.KeyedStreams;
import org.rdsim.core.rng.PoissonDeviate;
import org.rdsim.core.wellmixed.ReactionNetwork;

/**
 * The terms the FHD schemes are assembled from (fhd-schemes.md sections 1-4), on a grid held as
 * one block, each added into an increment array: deterministic diffusion c D L n, the
 * stochastic diffusion S(n; Z) = sqrt(eps D dt / dV) div(sqrt(ntilde(n)) Z), and reaction
 * increments sum_r nu_r K_r / dV. The rates are the clamped, LMA-corrected ones of
 * eq. (22), a_r(n) dV = {@link ReactionNetwork#propensityClamped} of the cell's molecules n dV
 * (the model's volume of a spatial model is the cell volume A dx^d).
 *
 * <p>Faces are periodic, reflecting (no flux, no noise) or reservoirs: a ghost cell held at the
 * reservoir's density, the RDME's convention of models.md (in the mean, the Dirichlet value half
 * a cell outside the face), so the FHD and RDME descriptions of one model agree; absorbing is a
 * reservoir at zero. A reservoir face's noise has the variance of the two one-way exchanges,
 * ntilde = (n + c_R)/2, ramped on the system's side only ({@link FaceAverage#atReservoir}).
 *
 * <p>Random numbers are keyed, never carried: the normals of stage g of step k come from each
 * cell's stream (seed, replica, cell, step, g) under purpose {@link KeyedStreams#FHD_NOISE}, one
 * per species for each of the cell's lower faces (i - e_j/2, axis by axis), so every face has one
 * owner; reaction counts come from the cell's stream under {@link KeyedStreams#FHD_REACT}. A
 * corrector that reuses the predictor's W1 or P1 simply draws stage 1 again, and a face's noise
 * does not depend on how the grid is cut.
 */
final class FhdTerms {

    final int species;
    final int cells;
    final int dimensions;
    final double dt;
    final double dx;
    final double cellVolume;
    final boolean deterministic;
    private final boolean langevin;      // CLE counts m + sqrt(m) Z instead of Poisson(m)
    private final int[] size = {1, 1, 1};
    private final int[] stride = {1, 1, 1};
    private final boolean[] periodic = new boolean[3];
    private final double[][] lowerGhost = new double[3][]; // per axis: the reservoir's densities, null if none
    private final double[][] upperGhost = new double[3][];
    private final double[] diffusion;
    private final double[] noise;        // per species: sqrt(eps D dt / dV) / dx
    private final ReactionNetwork net;   // propensities in molecules per cell, clamped (eq. 22 times dV)
    private final FaceAverage average;
    private final long seed;
    private final long replica;
    private final double[] count;        // one cell's molecules n dV
    private final double[] other;
    private final double[] gain;         // one cell's change in molecules
    private final double[] propensity;
    private final KeyedStreams.Generator rng = new KeyedStreams.Generator();
    private final ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    private final ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);

    FhdTerms(Model model, double dt, double eps, FaceAverage average, ReactionSampling sampling, boolean deterministic,
             long replica) {
        Domain d = model.domain();
        this.species = model.speciesCount();
        this.dimensions = d.dimensions();
        for (int a = 0; a < dimensions; a++) {
            size[a] = d.cells()[a];
        }
        stride[1] = size[0];
        stride[2] = size[0] * size[1];
        for (int a = 0; a < dimensions; a++) {
            periodic[a] = d.boundary(a, false).kind() == FaceBoundary.Kind.PERIODIC;
            lowerGhost[a] = ghost(d.boundary(a, false), model.speciesCount());
            upperGhost[a] = ghost(d.boundary(a, true), model.speciesCount());
        }
        this.cells = Math.toIntExact(d.voxels());
        this.dt = dt;
        this.dx = d.dx();
        this.cellVolume = d.depth() * Math.pow(dx, dimensions);
        this.deterministic = deterministic;
        this.langevin = sampling == ReactionSampling.CLE;
        this.diffusion = new double[species];
        this.noise = new double[species];
        for (int s = 0; s < species; s++) {
            diffusion[s] = model.species().get(s).diffusion();
            noise[s] = deterministic ? 0 : Math.sqrt(eps * diffusion[s] * dt / cellVolume) / dx;
        }
        this.net = new ReactionNetwork(model);
        this.average = average;
        this.seed = model.seed();
        this.replica = replica;
        this.count = new double[species];
        this.other = new double[species];
        this.gain = new double[species];
        this.propensity = new double[model.reactionCount()];
    }

    /**
     * out += c D L n (n and out species-major: [s * cells + i]). A reflecting face passes
     * nothing; a reservoir face exchanges with a ghost cell held at the reservoir's density.
     */
    void diffusion(double[] n, double[] out, double c) {
        double k = c / (dx * dx);
        for (int i = 0; i < cells; i++) {
            for (int a = 0; a < dimensions; a++) {
                int at = coordinate(i, a);
                int lower = lower(i, at, a);
                for (int s = 0; s < species; s++) {
                    int base = s * cells;
                    if (lower >= 0) {
                        double flow = k * diffusion[s] * (n[base + lower] - n[base + i]);
                        out[base + i] += flow;
                        out[base + lower] -= flow;
                    } else if (lowerGhost[a] != null) {
                        out[base + i] += k * diffusion[s] * (lowerGhost[a][s] - n[base + i]);
                    }
                    if (at == size[a] - 1 && upperGhost[a] != null) {
                        out[base + i] += k * diffusion[s] * (upperGhost[a][s] - n[base + i]);
                    }
                }
            }
        }
    }

    /**
     * out += factor S(m; Z), Z the normals of stage {@code stage} of step {@code step}, the face
     * averages taken on m. Nothing in the deterministic twin.
     */
    void noise(double[] m, double[] out, double factor, long step, int stage) {
        if (deterministic) {
            return;
        }
        for (int i = 0; i < cells; i++) {
            rng.rekey(seed, KeyedStreams.FHD_NOISE, replica, i, step, stage);
            // Every cell draws for each of its lower faces, walls included, so a face's normal
            // does not depend on the walls; then for its upper faces on a reservoir.
            for (int a = 0; a < dimensions; a++) {
                int at = coordinate(i, a);
                int lower = lower(i, at, a);
                for (int s = 0; s < species; s++) {
                    int base = s * cells;
                    double z = normal.sample();
                    if (lower >= 0) {
                        double flow = factor * noise[s]
                                * Math.sqrt(average.of(m[base + lower], m[base + i], cellVolume)) * z;
                        out[base + i] += flow;
                        out[base + lower] -= flow;
                    } else if (lowerGhost[a] != null) {
                        out[base + i] += factor * noise[s]
                                * Math.sqrt(average.atReservoir(m[base + i], lowerGhost[a][s], cellVolume)) * z;
                    }
                }
            }
            for (int a = 0; a < dimensions; a++) {
                if (upperGhost[a] != null && coordinate(i, a) == size[a] - 1) {
                    for (int s = 0; s < species; s++) {
                        int base = s * cells;
                        double ntilde = average.atReservoir(m[base + i], upperGhost[a][s], cellVolume);
                        out[base + i] += factor * noise[s] * Math.sqrt(ntilde) * normal.sample();
                    }
                }
            }
        }
    }

    /**
     * out += sum_r nu_r K_r / dV with K_r ~ Poisson(m_r), m_r = max(0, a_r(n) dV tau), from stage
     * {@code stage}'s stream (m_r + sqrt(m_r) Z in the CLE variant, m_r itself in the deterministic
     * twin).
     */
    void reactions(double[] n, double[] out, double tau, long step, int stage) {
        reactions(n, null, out, tau, step, stage);
    }

    /**
     * The midpoint variant: K_r ~ Poisson(max(0, 2 a_r(mid) - a_r(n)) dV tau), the second-half
     * reaction count of the midpoint schemes (eqs. 29, 32). With mid null, as {@link #reactions}.
     */
    void reactions(double[] n, double[] mid, double[] out, double tau, long step, int stage) {
        if (net.reactions() == 0) {
            return;
        }
        for (int i = 0; i < cells; i++) {
            if (!deterministic) {
                rng.rekey(seed, KeyedStreams.FHD_REACT, replica, i, step, stage);
            }
            for (int s = 0; s < species; s++) {
                count[s] = n[s * cells + i] * cellVolume;
                if (mid != null) {
                    other[s] = mid[s * cells + i] * cellVolume;
                }
                gain[s] = 0;
            }
            for (int r = 0; r < net.reactions(); r++) {
                double a = net.propensityClamped(r, count);
                if (mid != null) {
                    a = 2 * net.propensityClamped(r, other) - a;
                }
                double mean = Math.max(0, a * tau);
                double k = deterministic ? mean
                        : langevin ? mean + Math.sqrt(mean) * normal.sample() : PoissonDeviate.sample(rng, mean);
                if (k != 0) {
                    net.fire(r, gain, k);
                }
            }
            for (int s = 0; s < species; s++) {
                out[s * cells + i] += gain[s] / cellVolume;
            }
        }
    }

    /**
     * out += R(n, tau), the exact SSA increment of each cell over tau (no diffusion): events at
     * exponential waiting times with propensities max(0, a_r dV), each adding nu_r / dV, on the
     * cell's continuous densities, from stage {@code stage}'s stream. The deterministic twin adds
     * the mean increments instead, as the tau schemes' twins do.
     */
    void ssa(double[] n, double[] out, double tau, long step, int stage) {
        if (deterministic) {
            reactions(n, out, tau, step, stage);
            return;
        }
        if (net.reactions() == 0) {
            return;
        }
        for (int i = 0; i < cells; i++) {
            rng.rekey(seed, KeyedStreams.FHD_REACT, replica, i, step, stage);
            for (int s = 0; s < species; s++) {
                count[s] = n[s * cells + i] * cellVolume;
                gain[s] = 0;
            }
            double t = 0;
            while (true) {
                double total = 0;
                int fired = -1; // the last reaction with a positive propensity, if u rounds past the total
                for (int r = 0; r < net.reactions(); r++) {
                    propensity[r] = net.propensityClamped(r, count);
                    total += propensity[r];
                    if (propensity[r] > 0) {
                        fired = r;
                    }
                }
                if (!(total > 0)) {
                    break;
                }
                t += exponential.sample() / total;
                if (t > tau) {
                    break;
                }
                double u = rng.nextDouble() * total;
                for (int r = 0; r < net.reactions(); r++) {
                    u -= propensity[r];
                    if (u < 0 && propensity[r] > 0) {
                        fired = r;
                        break;
                    }
                }
                net.fire(fired, count);
                net.fire(fired, gain);
            }
            for (int s = 0; s < species; s++) {
                out[s * cells + i] += gain[s] / cellVolume;
            }
        }
    }

    /** The cell across i's lower face on axis a (i at index {@code at} there), wrapped; -1 at a wall. */
    private int lower(int i, int at, int axis) {
        return at > 0 ? i - stride[axis] : periodic[axis] ? i + (size[axis] - 1) * stride[axis] : -1;
    }

    /** Cell i's index along axis a. */
    private int coordinate(int i, int axis) {
        return (i / stride[axis]) % size[axis];
    }

    /** The walls of the implicit solve: a periodic axis wraps, a reservoir (or absorbing) face holds its ghost. */
    Multigrid.Wall[][] walls() {
        Multigrid.Wall[][] walls = new Multigrid.Wall[2][3];
        for (int a = 0; a < 3; a++) {
            boolean active = a < dimensions && size[a] > 1;
            walls[0][a] = !active || periodic[a] ? Multigrid.Wall.PERIODIC
                    : lowerGhost[a] != null ? Multigrid.Wall.RESERVOIR : Multigrid.Wall.REFLECTING;
            walls[1][a] = !active || periodic[a] ? Multigrid.Wall.PERIODIC
                    : upperGhost[a] != null ? Multigrid.Wall.RESERVOIR : Multigrid.Wall.REFLECTING;
        }
        return walls;
    }

    /** The box's cells per axis, 1 beyond the dimensions. */
    int[] size() {
        return size.clone();
    }

    /** D of species s. */
    double diffusion(int s) {
        return diffusion[s];
    }

    /**
     * The ghost densities beyond a face: the reservoir's; zeros when absorbing (a reservoir that is
     * empty); null when nothing crosses (reflecting) or the axis wraps.
     */
    private static double[] ghost(FaceBoundary face, int species) {
        return switch (face.kind()) {
            case RESERVOIR -> face.concentration().clone();
            case ABSORBING -> new double[species];
            case PERIODIC, REFLECTING -> null;
        };
    }
}
