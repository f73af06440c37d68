package org.rdsim.core.fhd;

/** A solver of the implicit diffusion step (I - c Lap) u = f on one box, c = D (dt/2) / dx^2. */
public interface DiffusionSolve {

    /**
     * Solves for u into x[xOffset ...] from f in rhs[rhsOffset ...]; returns the relative
     * residual reached (0 for an exact solve).
     */
    double solve(double c, double[] rhs, int rhsOffset, double[] x, int xOffset);

    /** Iterations of the last solve (V-cycles; 0 for a direct solve). */
    int cycles();
}
