package org.rdsim.core.fhd;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * The exact periodic solve of (I - c Lap) u = f on a 3-D box as Hockney's method: a 2-D real
 * transform of each z-slab diagonalizes x and y, and along z every mode (kx, ky) is left with a
 * circulant system d u_z - c (u_{z-1} + u_{z+1}) = f_z, d = 1 + 2c + c lambda(kx, ky), which is
 * solved exactly by its factorization (c/r)(1 - r S)(1 - r S^-1), S the shift along z and
 * r = 2c / (d + sqrt(d^2 - 4c^2)) &lt; 1: two first-order recursions, forward and back.
 *
 * <p>Why not a 3-D FFT: JTransforms' 3-D transform reaches along z by copying strided columns
 * through a buffer, several passes over the whole box, while a slab's 2-D transform stays in
 * cache and the recursions stream slab by slab. One forward and one backward pass over the box
 * in place (a slab's scratch, no box-sized buffer); a solve at 128^3 takes 52-55 ms where the
 * 3-D FFT's took 74 ms (ImplicitSolveBenchmark, docs/PERFORMANCE.md section 6).
 *
 * <p>Each recursion is cyclic; it starts from the wrapped sum sum_k r^k f_{-k} / (1 - r^N),
 * taken over the last {@code terms} slabs, where r^terms is below 1e-18 (all N slabs when r is
 * near 1). In the packed real layout every number of a slab's spectrum (a real or imaginary
 * part, or one of the packed k = 0, nx/2 values) belongs to one mode (ky, kx) and takes that
 * mode's r; the symbol is even, so a mode and its mirror image share it.
 *
 * <p>On one thread slab transforms and recursions are fused into the two passes; on several
 * threads the transforms are shared out by slab and the recursions by columns, the same
 * operations on every number in the same order, so the result is the same bit for bit.
 */
final class SlabSpectralSolve {

    private static final double TRUNCATION = 1e-18;

    private final int nz;
    private final int plane;
    private final double[] lambda;      // per number of a packed slab: c's factor in d - 1 - 2c
    private final SlabTeam team;        // null on one thread
    private final DoubleFFT_2D[] fft;   // one per lane: JTransforms keeps scratch in its plans
    private final double[][] slab;      // per lane: one slab's transform
    private final double[][] carry;     // per lane: the recursion's previous slab
    private Coefficients[] cached = new Coefficients[0];

    /** Per c: r and g = r / c per number of a slab, 1 / (1 - r^nz), and the slabs the wrapped sums take. */
    private record Coefficients(double c, double[] r, double[] g, double[] wrap, int terms) {
    }

    SlabSpectralSolve(int nx, int ny, int nz, double[] ex, double[] ey, int threads) {
        this.nz = nz;
        this.plane = nx * ny;
        this.team = threads > 1 ? new SlabTeam(threads) : null;
        lambda = SpectralSolve.packedSymbol(nx, ny, ex, ey);
        fft = new DoubleFFT_2D[threads];
        slab = new double[threads][plane];
        carry = new double[threads][plane];
        for (int l = 0; l < threads; l++) {
            fft[l] = new DoubleFFT_2D(ny, nx);
        }
    }

    private Coefficients coefficients(double c) {
        for (Coefficients k : cached) {
            if (k.c == c) {
                return k;
            }
        }
        double[] r = new double[plane];
        double[] g = new double[plane];
        double[] wrap = new double[plane];
        double largest = 0;
        for (int j = 0; j < plane; j++) {
            // q = d + sqrt(d^2 - 4c^2) with d = a + 2c, written so that a = 1 + c lambda is not
            // rounded through d (the mean mode keeps a = 1 exactly at any c).
            double a = 1 + c * lambda[j];
            double q = a + 2 * c + Math.sqrt(a * (a + 4 * c));
            r[j] = 2 * c / q;
            g[j] = 2 / q;
            wrap[j] = 1 / (1 - Math.pow(r[j], nz));
            largest = Math.max(largest, r[j]);
        }
        int terms = largest == 0 ? 1 : (int) Math.min(nz, Math.ceil(Math.log(TRUNCATION) / Math.log(largest)));
        Coefficients k = new Coefficients(c, r, g, wrap, Math.max(1, terms));
        Coefficients[] more = java.util.Arrays.copyOf(cached, cached.length + 1);
        more[cached.length] = k;
        cached = more;   // a run has one c per species: the list stays short
        return k;
    }

    /**
     * Solves into x[xOffset ...] from rhs[rhsOffset ...], adding base[baseOffset ...] unless base
     * is null; x may be rhs or base at the same offset.
     */
    void solve(double c, double[] rhs, int rhsOffset, double[] base, int baseOffset, double[] x, int xOffset) {
        Coefficients k = coefficients(c);
        if (team == null) {
            fused(k, rhs, rhsOffset, base, baseOffset, x, xOffset);
        } else {
            shared(k, rhs, rhsOffset, base, baseOffset, x, xOffset);
        }
    }

    /**
     * One thread: the forward transforms inside the forward recursion, the inverse ones inside
     * the backward. The spectra are kept in x, or with a base in rhs (x may be the base).
     */
    private void fused(Coefficients k, double[] rhs, int ro, double[] base, int bo, double[] x, int xo) {
        double[] w = base == null ? x : rhs;
        int wo = base == null ? xo : ro;
        double[] b = slab[0];
        double[] h = carry[0];
        int first = nz - k.terms;
        // The tail slabs first: the forward recursion's wrapped start is their weighted sum.
        for (int z = first; z < nz; z++) {
            forward(0, rhs, ro + z * plane, w, wo + z * plane);
        }
        forwardStart(k, w, wo, h, 0, plane);
        for (int z = 0; z < first; z++) {
            System.arraycopy(rhs, ro + z * plane, b, 0, plane);
            fft[0].realForward(b);
            forwardStep(k, b, 0, h, w, wo, z, 0, plane);
        }
        for (int z = first; z < nz; z++) {
            forwardStep(k, w, wo + z * plane, h, w, wo, z, 0, plane);
        }
        backwardStart(k, w, wo, h, 0, plane);
        for (int z = nz - 1; z >= 0; z--) {
            backwardStep(k, w, wo + z * plane, h, b, 0, 0, plane);
            fft[0].realInverse(b, true);
            SpectralSolve.store(b, 0, base, bo + z * plane, x, xo + z * plane, plane);
        }
    }

    /** Several threads: transforms by slab, the recursions by columns of numbers, transforms back by slab. */
    private void shared(Coefficients k, double[] rhs, int ro, double[] base, int bo, double[] x, int xo) {
        double[] w = base == null ? x : rhs;
        int wo = base == null ? xo : ro;
        int lanes = fft.length;
        team.run(nz, lanes * 4, (lane, from, to) -> {
            for (int z = from; z < to; z++) {
                forward(lane, rhs, ro + z * plane, w, wo + z * plane);
            }
        });
        team.run(plane, lanes, (lane, from, to) -> {
            double[] h = carry[lane];
            forwardStart(k, w, wo, h, from, to);
            for (int z = 0; z < nz; z++) {
                forwardStep(k, w, wo + z * plane, h, w, wo, z, from, to);
            }
            backwardStart(k, w, wo, h, from, to);
            for (int z = nz - 1; z >= 0; z--) {
                backwardStep(k, w, wo + z * plane, h, w, wo + z * plane, from, to);
            }
        });
        team.run(nz, lanes * 4, (lane, from, to) -> {
            double[] b = slab[lane];
            for (int z = from; z < to; z++) {
                System.arraycopy(w, wo + z * plane, b, 0, plane);
                fft[lane].realInverse(b, true);
                SpectralSolve.store(b, 0, base, bo + z * plane, x, xo + z * plane, plane);
            }
        });
    }

    /** x's slab at xAt = the 2-D transform of rhs's slab at rAt, through lane's scratch. */
    private void forward(int lane, double[] rhs, int rAt, double[] x, int xAt) {
        double[] b = slab[lane];
        System.arraycopy(rhs, rAt, b, 0, plane);
        fft[lane].realForward(b);
        System.arraycopy(b, 0, x, xAt, plane);
    }

    /** h = h r + s over numbers [from, to) of the slab s at sAt: one term of a wrapped sum, oldest first. */
    private static void horner(double[] h, double[] r, double[] s, int sAt, int from, int to) {
        for (int j = from; j < to; j++) {
            h[j] = h[j] * r[j] + s[sAt + j];
        }
    }

    private static void times(double[] h, double[] w, int from, int to) {
        for (int j = from; j < to; j++) {
            h[j] *= w[j];
        }
    }

    /** The forward recursion's wrapped start v_{-1} = sum_k r^k f_{nz-1-k} / (1 - r^nz) into h, over numbers [from, to). */
    private void forwardStart(Coefficients k, double[] f, int fo, double[] h, int from, int to) {
        java.util.Arrays.fill(h, from, to, 0);
        for (int z = nz - k.terms; z < nz; z++) {
            horner(h, k.r, f, fo + z * plane, from, to);
        }
        times(h, k.wrap, from, to);
    }

    /**
     * The forward recursion v_z = f_z + r v_{z-1} on numbers [from, to): f_z at fAt, v_z into v's
     * slab z (offset vo), v_{z-1} from v's slab z - 1, or for z = 0 from the wrapped start h.
     */
    private void forwardStep(Coefficients k, double[] f, int fAt, double[] h, double[] v, int vo, int z, int from,
                             int to) {
        double[] r = k.r;
        double[] p = z == 0 ? h : v;
        int pAt = z == 0 ? 0 : vo + (z - 1) * plane;
        int vAt = vo + z * plane;
        for (int j = from; j < to; j++) {
            v[vAt + j] = f[fAt + j] + r[j] * p[pAt + j];
        }
    }

    /** The backward recursion's wrapped start w_0 = sum_k r^k v_k / (1 - r^nz) into h, over numbers [from, to). */
    private void backwardStart(Coefficients k, double[] x, int xo, double[] h, int from, int to) {
        java.util.Arrays.fill(h, from, to, 0);
        for (int z = k.terms - 1; z >= 0; z--) {
            horner(h, k.r, x, xo + z * plane, from, to);
        }
        times(h, k.wrap, from, to);
    }

    /** w_z = v_z + r w_{z+1} (v_z at vAt, w_{z+1} in h, which becomes w_z), and u_z = g w_z into out at outAt. */
    private static void backwardStep(Coefficients k, double[] v, int vAt, double[] h, double[] out, int outAt,
                                     int from, int to) {
        double[] r = k.r;
        double[] g = k.g;
        for (int j = from; j < to; j++) {
            double w = v[vAt + j] + r[j] * h[j];
            h[j] = w;
            out[outAt + j] = g[j] * w;
        }
    }
}
