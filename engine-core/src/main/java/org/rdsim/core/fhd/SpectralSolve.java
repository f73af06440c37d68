package org.rdsim.core.fhd;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.jtransforms.fft.DoubleFFT_3D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The exact implicit diffusion solve on a box periodic on every axis: the Fourier modes
 * diagonalize the lattice Laplacian, so u_k = f_k / (1 + c sum_a 2 (1 - cos(2 pi k_a / N_a))).
 * A forward transform, a multiply, an inverse (in 3-D, slab transforms and an exact recursion
 * along z): several times faster than multigrid for the front model's fast species
 * (docs/PERFORMANCE.md section 6), with no residual beyond rounding, and the k = 0 mode's
 * factor exactly 1 so the total is kept to rounding.
 *
 * <p>A 3-D box whose x and y sizes are powers of two (what JTransforms' real transforms need)
 * is solved slab by slab, 2-D transforms and an exact recursion along z
 * ({@link SlabSpectralSolve}), in place with a slab's scratch. A 2-D box of powers of two is
 * transformed real and in place in JTransforms' packed layout: half the arithmetic and a real
 * buffer, not a complex one of twice that. Otherwise the full complex spectrum is formed
 * ({@link #fullSpectrum}).
 *
 * <p>JTransforms (a maintained pure-Java FFT) spreads large transforms over its own threads, a
 * process-wide count: each solver sets it to its own before a transform (1 for a block in a Spark
 * task, the run's thread count for a whole box in one JVM). Its threaded transforms give the same
 * numbers as its serial ones (SpectralSolveTest), so a race between two solvers' settings could
 * change only the speed.
 */
public final class SpectralSolve implements DiffusionSolve {

    private final int nx;
    private final int ny;
    private final int nz;
    private final DoubleFFT_1D fft1;
    private final DoubleFFT_2D fft2;
    private final DoubleFFT_3D fft3;
    private final SlabSpectralSolve slabs;   // a 3-D box whose x and y are powers of two
    private final boolean packed;
    private final double[] buffer;   // packed: real, the box's cells; otherwise interleaved complex, x fastest
    private final double[] ex;       // 2 (1 - cos(2 pi k / N)) per axis
    private final double[] ey;
    private final double[] ez;
    private final double[] packed2d;   // a 2-D packed box: each number's lambda

    private final int threads;

    /** A solver for a periodic box of {@code cells} (three sizes, 1 on an inactive axis), on one thread. */
    public SpectralSolve(int[] cells) {
        this(cells, 1);
    }

    /** The same with transforms on {@code threads} threads. */
    public SpectralSolve(int[] cells, int threads) {
        this.threads = threads;
        nx = cells[0];
        ny = cells[1];
        nz = cells[2];
        if (nx < 2) {
            throw new IllegalArgumentException("a spectral solve needs at least two cells on the first axis");
        }
        fft1 = nz == 1 && ny == 1 ? new DoubleFFT_1D(nx) : null;
        fft2 = nz == 1 && ny > 1 ? new DoubleFFT_2D(ny, nx) : null;
        packed = powerOfTwo(nx) && powerOfTwo(ny) && ny > 1;
        ex = symbol(nx);
        ey = symbol(ny);
        ez = symbol(nz);
        packed2d = packed && nz == 1 ? packedSymbol(nx, ny, ex, ey) : null;
        slabs = packed && nz > 1 ? new SlabSpectralSolve(nx, ny, nz, ex, ey, threads) : null;
        fft3 = nz > 1 && slabs == null ? new DoubleFFT_3D(nz, ny, nx) : null;
        buffer = slabs != null ? null : new double[(packed ? 1 : 2) * nx * ny * nz];
    }

    private static boolean powerOfTwo(int n) {
        return Integer.bitCount(n) == 1;
    }

    private static double[] symbol(int n) {
        double[] e = new double[n];
        for (int k = 0; k < n; k++) {
            e[k] = 2 * (1 - Math.cos(2 * Math.PI * k / n));
        }
        return e;
    }

    /** x may be rhs (the same offset): the right-hand side is read before x is written. */
    @Override
    public double solve(double c, double[] rhs, int rhsOffset, double[] x, int xOffset) {
        return solveAndAdd(c, rhs, rhsOffset, null, 0, x, xOffset, nx * ny * nz);
    }

    /** The same with base added as each part of u is stored (base null: nothing added). */
    @Override
    public double solveAndAdd(double c, double[] rhs, int rhsOffset, double[] base, int baseOffset, double[] x,
                              int xOffset, int cells) {
        int wanted = slabs != null ? 1 : threads;   // a slab's transform is one lane's work
        if (ConcurrencyUtils.getNumberOfThreads() != wanted) {
            ConcurrencyUtils.setNumberOfThreads(wanted);
        }
        if (slabs != null) {
            slabs.solve(c, rhs, rhsOffset, base, baseOffset, x, xOffset);
        } else if (packed) {
            packedSpectrum(c, rhs, rhsOffset, base, baseOffset, x, xOffset);
        } else {
            fullSpectrum(c, rhs, rhsOffset, base, baseOffset, x, xOffset);
        }
        return 0;
    }

    /**
     * A 2-D box in JTransforms' packed real layout: each number divided by its mode's
     * 1 + c lambda ({@link #packedSymbol}).
     */
    private void packedSpectrum(double c, double[] rhs, int rhsOffset, double[] base, int baseOffset, double[] x,
                                int xOffset) {
        int cells = nx * ny;
        System.arraycopy(rhs, rhsOffset, buffer, 0, cells);
        fft2.realForward(buffer);
        for (int j = 0; j < cells; j++) {
            buffer[j] *= 1 / (1 + c * packed2d[j]);
        }
        fft2.realInverse(buffer, true);
        store(buffer, 0, base, baseOffset, x, xOffset, cells);
    }

    /**
     * The Laplacian's symbol lambda = ex[kx] + ey[ky] of the mode each number of a packed ny x nx
     * real spectrum (JTransforms' realForward of a 2-D array) belongs to. Row y holds the modes
     * (y, k) for 0 &lt; k &lt; nx/2 as (re, im) pairs from index 2; its first two numbers hold
     * modes of k = 0 and k = nx/2 of the rows +-y: both of k = 0 for 0 &lt; y &lt; ny/2, both of
     * k = nx/2 for y &gt; ny/2, and k = 0 then k = nx/2 on the rows y = 0 and y = ny/2. The
     * symbol is even on every axis, so a mode and its mirror image share it (SpectralSolveTest
     * checks the solves against the operator).
     */
    static double[] packedSymbol(int nx, int ny, double[] ex, double[] ey) {
        double[] lambda = new double[nx * ny];
        int half = nx / 2;
        for (int y = 0, row = 0; y < ny; y++, row += nx) {
            int k0 = y > ny / 2 ? half : 0;
            int k1 = y > 0 && y < ny / 2 ? 0 : half;
            lambda[row] = ey[y] + ex[k0];
            lambda[row + 1] = ey[y] + ex[k1];
            for (int k = 1; k < half; k++) {
                lambda[row + 2 * k] = ey[y] + ex[k];
                lambda[row + 2 * k + 1] = ey[y] + ex[k];
            }
        }
        return lambda;
    }

    /** The whole complex spectrum: a real-to-complex transform, a multiply, a complex inverse. */
    private void fullSpectrum(double c, double[] rhs, int rhsOffset, double[] base, int baseOffset, double[] x,
                              int xOffset) {
        int cells = nx * ny * nz;
        System.arraycopy(rhs, rhsOffset, buffer, 0, cells);
        if (fft1 != null) {
            fft1.realForwardFull(buffer);
        } else if (fft2 != null) {
            fft2.realForwardFull(buffer);
        } else {
            fft3.realForwardFull(buffer);
        }
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                double yz = 1 + c * (ey[y] + ez[z]);
                for (int k = 0; k < nx; k++, i += 2) {
                    double s = 1 / (yz + c * ex[k]);
                    buffer[i] *= s;
                    buffer[i + 1] *= s;
                }
            }
        }
        if (fft1 != null) {
            fft1.complexInverse(buffer, true);
        } else if (fft2 != null) {
            fft2.complexInverse(buffer, true);
        } else {
            fft3.complexInverse(buffer, true);
        }
        for (int k = 0; k < cells; k++) {
            x[xOffset + k] = base == null ? buffer[2 * k] : base[baseOffset + k] + buffer[2 * k];
        }
    }

    /** x[xAt + j] = base[baseAt + j] + u[uAt + j] (base null: u alone) for j &lt; count. */
    static void store(double[] u, int uAt, double[] base, int baseAt, double[] x, int xAt, int count) {
        if (base == null) {
            System.arraycopy(u, uAt, x, xAt, count);
            return;
        }
        for (int j = 0; j < count; j++) {
            x[xAt + j] = base[baseAt + j] + u[uAt + j];
        }
    }

    @Override
    public int cycles() {
        return 0;
    }
}
