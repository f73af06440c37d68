package org.rdsim.core.lattice;

import org.rdsim.core.model.Domain;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.model.Model;

/**
 * The voxels of a spatial model and how molecules leave them (models.md, RDME conventions).
 *
 * <p>Voxel v = x + nx (y + ny z), x fastest. Faces are numbered 2 axis + (0 for the lower,
 * 1 for the upper side). A hop through an interior face goes to the neighbouring voxel; through
 * a face on the domain boundary it wraps around (periodic), is impossible (reflecting), or
 * removes the molecule (absorbing, and the outflow half of a reservoir). A reservoir face also
 * creates molecules in its voxel at (D/dx^2) c_R V_voxel per unit time.
 */
public final class Lattice {

    /** Destination of a hop through an absorbing or reservoir face: out of the domain. */
    public static final int OUT = -1;

    private final Domain domain;
    private final int dimensions;
    private final int[] size;
    private final int[] stride;
    private final int voxels;
    private final double voxelVolume;
    private final double dx;
    private final FaceBoundary.Kind[] faceKind;
    private final double[][] reservoirInflow; // [face][species] (D/dx^2) c_R V_voxel, 0 off reservoir faces
    private final byte[] boundaryFaces;   // per voxel, bit f: face f lies on the domain boundary
    private final byte[] open;            // per voxel, faces a molecule can hop through
    private final double[] hop;           // per species, D/dx^2
    private final double[] inflow;        // per voxel, total reservoir inflow over species and faces

    public Lattice(Model model) {
        Domain d = model.domain();
        if (d == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no domain");
        }
        if (d.voxels() * model.speciesCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(d.voxels() + " voxels x " + model.speciesCount() + " species exceeds "
                    + "the 2^31 counts one block holds, and runs use a single block for now; use fewer voxels");
        }
        domain = d;
        dimensions = d.dimensions();
        size = new int[] {1, 1, 1};
        System.arraycopy(d.cells(), 0, size, 0, dimensions);
        stride = new int[] {1, size[0], size[0] * size[1]};
        voxels = (int) d.voxels();
        voxelVolume = d.voxelVolume();
        dx = d.dx();
        int species = model.speciesCount();
        faceKind = new FaceBoundary.Kind[2 * dimensions];
        hop = new double[species];
        for (int s = 0; s < species; s++) {
            hop[s] = model.species().get(s).diffusion() / (dx * dx);
        }
        reservoirInflow = new double[2 * dimensions][species];
        for (int f = 0; f < 2 * dimensions; f++) {
            faceKind[f] = d.boundaries().get(f).kind();
            if (faceKind[f] == FaceBoundary.Kind.RESERVOIR) {
                double[] c = d.boundaries().get(f).concentration();
                for (int s = 0; s < species; s++) {
                    reservoirInflow[f][s] = hop[s] * c[s] * voxelVolume;
                }
            }
        }
        boundaryFaces = new byte[voxels];
        open = new byte[voxels];
        inflow = new double[voxels];
        int[] c = new int[3];
        for (int v = 0; v < voxels; v++) {
            coordinates(v, c);
            int mask = 0;
            int openFaces = 0;
            for (int f = 0; f < 2 * dimensions; f++) {
                int axis = f >> 1;
                boolean onBoundary = (f & 1) == 0 ? c[axis] == 0 : c[axis] == size[axis] - 1;
                if (onBoundary) {
                    mask |= 1 << f;
                    for (int s = 0; s < species; s++) {
                        inflow[v] += reservoirInflow[f][s];
                    }
                }
                if (!onBoundary || faceKind[f] != FaceBoundary.Kind.REFLECTING) {
                    openFaces++;
                }
            }
            boundaryFaces[v] = (byte) mask;
            open[v] = (byte) openFaces;
        }
    }

    /** Where a molecule of voxel v arrives through its k-th open face: a voxel, or {@link #OUT}. */
    public int destination(int v, int k) {
        int mask = boundaryFaces[v];
        if (mask == 0) { // interior voxel: every face open, in order
            int axis = k >> 1;
            return (k & 1) == 0 ? v - stride[axis] : v + stride[axis];
        }
        for (int f = 0; f < 2 * dimensions; f++) {
            boolean onBoundary = (mask & (1 << f)) != 0;
            if (onBoundary && faceKind[f] == FaceBoundary.Kind.REFLECTING) {
                continue;
            }
            if (k-- > 0) {
                continue;
            }
            int axis = f >> 1;
            boolean upper = (f & 1) == 1;
            if (!onBoundary) {
                return upper ? v + stride[axis] : v - stride[axis];
            }
            if (faceKind[f] == FaceBoundary.Kind.PERIODIC) {
                int wrap = (size[axis] - 1) * stride[axis];
                return upper ? v - wrap : v + wrap;
            }
            return OUT;
        }
        throw new IllegalArgumentException("voxel " + v + " has " + open[v] + " open faces; no face " + (open[v] + k));
    }

    /**
     * The reservoir inflow event of voxel v selected by r in [0, inflow(v)): which species enters.
     */
    public int inflowSpecies(int v, double r) {
        int mask = boundaryFaces[v];
        int last = -1;
        for (int f = 0; f < 2 * dimensions; f++) {
            if ((mask & (1 << f)) == 0) {
                continue;
            }
            for (int s = 0; s < hop.length; s++) {
                double w = reservoirInflow[f][s];
                if (w > 0) {
                    last = s;
                    if (r < w) {
                        return s;
                    }
                    r -= w;
                }
            }
        }
        return last;
    }

    private void coordinates(int v, int[] c) {
        c[0] = v % size[0];
        c[1] = (v / size[0]) % size[1];
        c[2] = v / (size[0] * size[1]);
    }

    /** Writes the centre of voxel v, in model length, into x (one coordinate per axis). */
    public double[] centre(int v, double[] x) {
        return domain.centre(v, x);
    }

    /** The voxel that contains point x. */
    public int voxelAt(double[] x) {
        int v = 0;
        for (int a = 0; a < dimensions; a++) {
            int i = (int) Math.min(size[a] - 1, Math.max(0, Math.floor(x[a] / dx)));
            v += i * stride[a];
        }
        return v;
    }

    public int voxels() {
        return voxels;
    }

    public double voxelVolume() {
        return voxelVolume;
    }

    public int open(int v) {
        return open[v];
    }

    /** Reservoir inflow of voxel v (0 away from reservoir faces; the table is not touched there). */
    public double inflow(int v) {
        return boundaryFaces[v] == 0 ? 0 : inflow[v];
    }

    /** D_s / dx^2: the rate at which one molecule hops through one open face. */
    public double hop(int s) {
        return hop[s];
    }
}
