package org.rdsim.core.fhd;

/** A solver of the implicit diffusion step (I - c Lap) u = f on one box, c = D (dt/2) / dx^2. */
public interface DiffusionSolve {

    /**
     * Solves for u into x[xOffset ...] from f in rhs[rhsOffset ...]; returns the relative
     * residual reached (0 for an exact solve).
     */
    double solve(double c, double[] rhs, int rhsOffset, double[] x, int xOffset);

    /**
     * x = base + u over the box's {@code cells} (the implicit step's increment added to the
     * state it increments), f in rhs, which may be overwritten; x may be rhs or base at the same
     * offset. A solver that can adds in its own last pass over the box; this one solves in place
     * and adds after.
     */
    default double solveAndAdd(double c, double[] rhs, int rhsOffset, double[] base, int baseOffset, double[] x,
                               int xOffset, int cells) {
        double residual = solve(c, rhs, rhsOffset, rhs, rhsOffset);
        for (int k = 0; k < cells; k++) {
            x[xOffset + k] = base[baseOffset + k] + rhs[rhsOffset + k];
        }
        return residual;
    }

    /** Iterations of the last solve (V-cycles; 0 for a direct solve). */
    int cycles();
}
