package org.rdsim.core.fhd;

/**
 * Geometric multigrid for the implicit diffusion solve of the FHD schemes (fhd-schemes.md
 * section 4), (I - c Lap) u = f on a cell-centred box in grid units, c = D (dt/2) / dx^2:
 * V-cycles of red-black Gauss-Seidel (2 sweeps down, 2 up), coarsening by two on every active
 * axis while the sizes stay even, averaging restriction and piecewise-constant prolongation,
 * until the relative max-norm residual |f - A u|_inf / |f|_inf is at most the tolerance.
 *
 * <p>The walls are those of the densities in delta form: a periodic axis wraps; a reflecting
 * face has no flux (the ghost copies its neighbour); a reservoir face holds its ghost cell at the
 * reservoir's fixed density (models.md: the Dirichlet value one half-cell outside the face), so
 * the increment's ghost is zero. The operator is the identity plus a positive semi-definite part,
 * so it is never singular, and the larger the identity's share (short steps, slow species) the
 * fewer cycles it takes. Without a reservoir the exact solution keeps the total, sum u = sum f
 * (the Laplacian moves mass without making it); each cycle restores that by a uniform shift, an
 * exact null direction of the Laplacian, so the schemes conserve mass to round-off rather than
 * to the solver's tolerance.
 *
 * <p>Arrays of each level are padded by one ghost layer on all three axes, inactive axes
 * included (their coefficient is zero), so one stencil serves 1-D, 2-D and 3-D.
 */
public final class Multigrid implements DiffusionSolve {

    /** What lies beyond a face of the box. */
    public enum Wall { PERIODIC, REFLECTING, RESERVOIR }

    /** Cycles before a solve is declared not to converge (it converges in a handful). */
    static final int MAX_CYCLES = 100;

    private final Level[] levels;
    private final Wall[] lower;
    private final Wall[] upper;
    private final double tolerance;
    private final boolean conserving;
    private int cycles;

    /**
     * A solver for a box of {@code cells} (three sizes, 1 on an inactive axis) with the given walls
     * per axis (ignored on inactive axes) and relative residual tolerance.
     */
    public Multigrid(int[] cells, Wall[] lower, Wall[] upper, double tolerance) {
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.tolerance = tolerance;
        boolean open = false;
        for (int a = 0; a < 3; a++) {
            open |= cells[a] > 1 && (lower[a] == Wall.RESERVOIR || upper[a] == Wall.RESERVOIR);
        }
        this.conserving = !open;
        int count = 1;
        int[] n = cells.clone();
        while (coarsens(n)) {
            count++;
            for (int a = 0; a < 3; a++) {
                n[a] = n[a] > 1 ? n[a] / 2 : 1;
            }
        }
        levels = new Level[count];
        n = cells.clone();
        for (int l = 0; l < count; l++) {
            levels[l] = new Level(n);
            for (int a = 0; a < 3; a++) {
                n[a] = n[a] > 1 ? n[a] / 2 : 1;
            }
        }
    }

    /** Coarsen while every active axis is even and the coarse grid still has more than two cells on it. */
    private static boolean coarsens(int[] n) {
        boolean any = false;
        for (int a = 0; a < 3; a++) {
            if (n[a] > 1) {
                if (n[a] % 2 != 0 || n[a] < 4) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Levels in the hierarchy, the finest first. */
    int levels() {
        return levels.length;
    }

    /** V-cycles taken by the last solve. */
    @Override
    public int cycles() {
        return cycles;
    }

    /**
     * Solves (I - c Lap) u = f, f read from rhs[rhsOffset ...] and u written to x[xOffset ...]
     * (x-fastest, the box's cells), starting from zero. Returns the relative residual reached.
     *
     * @throws IllegalStateException if it does not converge in {@link #MAX_CYCLES} cycles
     */
    @Override
    public double solve(double c, double[] rhs, int rhsOffset, double[] x, int xOffset) {
        Level fine = levels[0];
        fine.load(rhs, rhsOffset, fine.f);
        java.util.Arrays.fill(fine.u, 0);
        double scale = fine.maxAbs(fine.f);
        cycles = 0;
        if (scale == 0) {
            fine.store(fine.u, x, xOffset);
            return 0;
        }
        for (int l = 0; l < levels.length; l++) {
            levels[l].coefficients(c / Math.pow(4, l));
        }
        double total = conserving ? fine.sum(fine.f) : 0;
        double relative = residual(fine) / scale;
        while (relative > tolerance) {
            if (cycles == MAX_CYCLES) {
                throw new IllegalStateException("multigrid did not reach the relative residual " + tolerance
                        + " in " + MAX_CYCLES + " cycles (at " + relative + ")");
            }
            cycle(0);
            cycles++;
            if (conserving) {
                fine.shift((total - fine.sum(fine.u)) / fine.cells());
            }
            relative = residual(fine) / scale;
        }
        fine.store(fine.u, x, xOffset);
        return relative;
    }

    /** One V-cycle on level l for its f, improving its u. */
    private void cycle(int l) {
        Level level = levels[l];
        if (l == levels.length - 1) {
            bottom(level);
            return;
        }
        smooth(level, 2);
        residual(level);
        Level coarse = levels[l + 1];
        restrict(level, coarse);
        java.util.Arrays.fill(coarse.u, 0);
        cycle(l + 1);
        prolongAdd(coarse, level);
        smooth(level, 2);
    }

    /** The coarsest grid: sweep until its residual falls by 1e-8 (or 1000 sweeps on a grid that could not coarsen). */
    private void bottom(Level level) {
        double start = residual(level);
        for (int sweep = 0; sweep < 1000 && residual(level) > 1e-8 * start; sweep++) {
            smooth(level, 1);
        }
    }

    private void smooth(Level level, int sweeps) {
        for (int k = 0; k < sweeps; k++) {
            level.ghosts(lower, upper);
            level.sweep(0);
            level.ghosts(lower, upper);
            level.sweep(1);
        }
    }

    /** r = f - A u on the level; returns max |r|. */
    private double residual(Level level) {
        level.ghosts(lower, upper);
        return level.residual();
    }

    /** Coarse f = average of the fine residual over each coarse cell's children. */
    private static void restrict(Level fine, Level coarse) {
        int rx = fine.nx > 1 ? 2 : 1;
        int ry = fine.ny > 1 ? 2 : 1;
        int rz = fine.nz > 1 ? 2 : 1;
        double w = 1.0 / (rx * ry * rz);
        for (int z = 1; z <= coarse.nz; z++) {
            for (int y = 1; y <= coarse.ny; y++) {
                int out = coarse.index(1, y, z);
                for (int x = 1; x <= coarse.nx; x++, out++) {
                    double sum = 0;
                    for (int dz = 0; dz < rz; dz++) {
                        for (int dy = 0; dy < ry; dy++) {
                            int in = fine.index(rx * (x - 1) + 1, ry * (y - 1) + 1 + dy, rz * (z - 1) + 1 + dz);
                            sum += fine.r[in];
                            if (rx == 2) {
                                sum += fine.r[in + 1];
                            }
                        }
                    }
                    coarse.f[out] = w * sum;
                }
            }
        }
    }

    /** Fine u += the coarse correction, constant over each coarse cell. */
    private static void prolongAdd(Level coarse, Level fine) {
        int rx = fine.nx > 1 ? 2 : 1;
        int ry = fine.ny > 1 ? 2 : 1;
        int rz = fine.nz > 1 ? 2 : 1;
        for (int z = 1; z <= fine.nz; z++) {
            for (int y = 1; y <= fine.ny; y++) {
                int out = fine.index(1, y, z);
                int in = coarse.index(1, (y - 1) / ry + 1, (z - 1) / rz + 1);
                for (int x = 0; x < fine.nx; x++) {
                    fine.u[out + x] += coarse.u[in + x / rx];
                }
            }
        }
    }

    /** One grid: sizes, padded arrays, and the stencil. */
    private static final class Level {
        final int nx;
        final int ny;
        final int nz;
        final int sy;
        final int sz;
        final double[] u;
        final double[] f;
        final double[] r;
        double cx;
        double cy;
        double cz;
        double diagonal;

        Level(int[] n) {
            nx = n[0];
            ny = n[1];
            nz = n[2];
            sy = nx + 2;
            sz = sy * (ny + 2);
            int size = sz * (nz + 2);
            u = new double[size];
            f = new double[size];
            r = new double[size];
        }

        void coefficients(double c) {
            cx = nx > 1 ? c : 0;
            cy = ny > 1 ? c : 0;
            cz = nz > 1 ? c : 0;
            diagonal = 1 + 2 * (cx + cy + cz);
        }

        int index(int x, int y, int z) {
            return x + sy * y + sz * z;
        }

        void load(double[] from, int offset, double[] to) {
            int k = offset;
            for (int z = 1; z <= nz; z++) {
                for (int y = 1; y <= ny; y++) {
                    System.arraycopy(from, k, to, index(1, y, z), nx);
                    k += nx;
                }
            }
        }

        void store(double[] from, double[] to, int offset) {
            int k = offset;
            for (int z = 1; z <= nz; z++) {
                for (int y = 1; y <= ny; y++) {
                    System.arraycopy(from, index(1, y, z), to, k, nx);
                    k += nx;
                }
            }
        }

        int cells() {
            return nx * ny * nz;
        }

        double sum(double[] a) {
            double sum = 0;
            for (int z = 1; z <= nz; z++) {
                for (int y = 1; y <= ny; y++) {
                    int i = index(1, y, z);
                    for (int x = 0; x < nx; x++) {
                        sum += a[i + x];
                    }
                }
            }
            return sum;
        }

        void shift(double by) {
            for (int z = 1; z <= nz; z++) {
                for (int y = 1; y <= ny; y++) {
                    int i = index(1, y, z);
                    for (int x = 0; x < nx; x++) {
                        u[i + x] += by;
                    }
                }
            }
        }

        double maxAbs(double[] a) {
            double m = 0;
            for (int z = 1; z <= nz; z++) {
                for (int y = 1; y <= ny; y++) {
                    int i = index(1, y, z);
                    for (int x = 0; x < nx; x++) {
                        m = Math.max(m, Math.abs(a[i + x]));
                    }
                }
            }
            return m;
        }

        /** Gauss-Seidel on the cells of one colour, (x + y + z) % 2 == colour. */
        void sweep(int colour) {
            double inverse = 1 / diagonal;
            for (int z = 1; z <= nz; z++) {
                for (int y = 1; y <= ny; y++) {
                    int x0 = 1 + ((y + z + colour + 1) & 1);
                    int i = index(x0, y, z);
                    int end = index(nx, y, z);
                    for (; i <= end; i += 2) {
                        u[i] = (f[i] + cx * (u[i - 1] + u[i + 1]) + cy * (u[i - sy] + u[i + sy])
                                + cz * (u[i - sz] + u[i + sz])) * inverse;
                    }
                }
            }
        }

        double residual() {
            double m = 0;
            for (int z = 1; z <= nz; z++) {
                for (int y = 1; y <= ny; y++) {
                    int i = index(1, y, z);
                    int end = i + nx;
                    for (; i < end; i++) {
                        double v = f[i] - diagonal * u[i] + cx * (u[i - 1] + u[i + 1]) + cy * (u[i - sy] + u[i + sy])
                                + cz * (u[i - sz] + u[i + sz]);
                        r[i] = v;
                        m = Math.max(m, Math.abs(v));
                    }
                }
            }
            return m;
        }

        /** Fills the ghost layer of u from the walls. */
        void ghosts(Wall[] lower, Wall[] upper) {
            if (nx > 1) {
                for (int z = 1; z <= nz; z++) {
                    for (int y = 1; y <= ny; y++) {
                        int row = index(0, y, z);
                        u[row] = ghost(lower[0], u[row + nx], u[row + 1]);
                        u[row + nx + 1] = ghost(upper[0], u[row + 1], u[row + nx]);
                    }
                }
            }
            if (ny > 1) {
                for (int z = 1; z <= nz; z++) {
                    int low = index(1, 0, z);
                    int high = index(1, ny + 1, z);
                    for (int x = 0; x < nx; x++) {
                        u[low + x] = ghost(lower[1], u[high - sy + x], u[low + sy + x]);
                        u[high + x] = ghost(upper[1], u[low + sy + x], u[high - sy + x]);
                    }
                }
            }
            if (nz > 1) {
                for (int y = 1; y <= ny; y++) {
                    int low = index(1, y, 0);
                    int high = index(1, y, nz + 1);
                    for (int x = 0; x < nx; x++) {
                        u[low + x] = ghost(lower[2], u[high - sz + x], u[low + sz + x]);
                        u[high + x] = ghost(upper[2], u[low + sz + x], u[high - sz + x]);
                    }
                }
            }
        }

        /** A ghost's value: the far side's cell when periodic, its neighbour when reflecting, zero at a reservoir. */
        private static double ghost(Wall wall, double wrapped, double adjacent) {
            return switch (wall) {
                case PERIODIC -> wrapped;
                case REFLECTING -> adjacent;
                case RESERVOIR -> 0;
            };
        }
    }
}
