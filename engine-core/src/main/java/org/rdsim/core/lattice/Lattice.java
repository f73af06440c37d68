package org.rdsim.core.lattice;

import java.util.Arrays;
import org.rdsim.core.model.Domain;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.model.Model;

/**
 * The voxels of one block of a spatial model and how molecules leave them (models.md, RDME
 * conventions).
 *
 * <p>Voxel v = x + nx (y + ny z) in block coordinates, x fastest. Faces are numbered 2 axis +
 * (0 for the lower, 1 for the upper side). A hop through a face inside the block goes to the
 * neighbouring voxel. Through a face of the block it goes, by the face's role:
 * <ul>
 *   <li>to the wrapped voxel (a periodic axis the block spans whole);</li>
 *   <li>nowhere (reflecting domain face; the face is not open);</li>
 *   <li>out of the domain (absorbing face, and the outflow half of a reservoir);</li>
 *   <li>into a ghost voxel (a face shared with another block, periodic wraps included). Ghost
 *       voxels follow the interior in the count array, one slab per exported face; what
 *       collects there is owed to the neighbouring block.</li>
 * </ul>
 * A reservoir face also creates molecules in its voxels at (D/dx^2) c_R V_voxel per unit time.
 */
public final class Lattice {

    /** Destination of a hop through an absorbing or reservoir face: out of the domain. */
    public static final int OUT = -1;

    private static final int WRAP = 0;
    private static final int REFLECT = 1;
    private static final int LEAVE = 2;   // absorbing, or a reservoir's outflow
    private static final int EXPORT = 3;

    private final Domain domain;
    private final Box box;
    private final int dimensions;
    private final int[] cells;            // the whole grid, three axes
    private final int[] size;
    private final int[] stride;
    private final int voxels;
    private final double voxelVolume;
    private final double dx;
    private final int[] role;             // per face of the block
    private final int[] ghostOffset;      // per exported face, its slab's first ghost voxel after the interior
    private final int ghostVoxels;
    private final double[][] reservoir;   // [face][species] c_R V_voxel, 0 off reservoir faces
    private final byte[] boundaryFaces;   // per voxel, bit f: the voxel touches block face f
    private final byte[] openFaces;       // per voxel, bit f: a molecule can hop through face f
    private final boolean[] regular;      // every face open to a voxel of the block, same rates: the fast path
    private final byte[] open;            // per voxel, faces a molecule can hop through
    private final double[] hop;           // per species, D/dx^2 in the default compartment
    private final double[] inflow;        // per voxel, total reservoir inflow over species and faces
    private final short[] zone;           // per voxel, ghost voxels included: 0 default, 1 + r region r
    private final boolean[] obstacleZone; // per zone
    private final double[][] zoneHop;     // [zone][species] D/dx^2; null when D is the same everywhere
    private final double[] hopTotal;      // [v * species + s] sum of face rates; null when D is the same everywhere

    /** The whole domain as one block. */
    public Lattice(Model model) {
        this(model, model.domain() == null ? null : Box.of(model.domain()));
    }

    /** The block {@code box} of the model's domain. */
    public Lattice(Model model, Box box) {
        Domain d = model.domain();
        if (d == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no domain");
        }
        long withGhosts = (long) box.voxels() + 2L * box.size()[1] * box.size()[2] + 2L * box.size()[0] * box.size()[2]
                + 2L * box.size()[0] * box.size()[1];
        if (withGhosts * model.speciesCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a block of " + box.voxels() + " voxels x " + model.speciesCount()
                    + " species exceeds the 2^31 counts one block holds; use smaller blocks");
        }
        domain = d;
        this.box = box;
        dimensions = d.dimensions();
        cells = Box.cells(d);
        size = box.size().clone();
        for (int a = 0; a < 3; a++) {
            if (box.lo()[a] < 0 || box.hi(a) > cells[a] || size[a] < 1) {
                throw new IllegalArgumentException("block " + box + " does not lie in the grid " + Arrays.toString(cells));
            }
        }
        stride = new int[] {1, size[0], size[0] * size[1]};
        voxels = box.voxels();
        voxelVolume = d.voxelVolume();
        dx = d.dx();
        int species = model.speciesCount();
        hop = new double[species];
        for (int s = 0; s < species; s++) {
            hop[s] = model.species().get(s).diffusion() / (dx * dx);
        }
        role = new int[2 * dimensions];
        ghostOffset = new int[2 * dimensions];
        reservoir = new double[2 * dimensions][species];
        int ghosts = 0;
        for (int f = 0; f < 2 * dimensions; f++) {
            int axis = f >> 1;
            boolean onDomainFace = (f & 1) == 0 ? box.lo()[axis] == 0 : box.hi(axis) == cells[axis];
            FaceBoundary.Kind kind = d.boundaries().get(f).kind();
            if (!onDomainFace) {
                role[f] = EXPORT;
            } else if (kind == FaceBoundary.Kind.PERIODIC) {
                role[f] = size[axis] == cells[axis] ? WRAP : EXPORT;
            } else if (kind == FaceBoundary.Kind.REFLECTING) {
                role[f] = REFLECT;
            } else {
                role[f] = LEAVE;
            }
            ghostOffset[f] = -1;
            if (role[f] == EXPORT) {
                ghostOffset[f] = ghosts;
                ghosts += voxels / size[axis];
            }
            if (onDomainFace && kind == FaceBoundary.Kind.RESERVOIR) {
                double[] c = d.boundaries().get(f).concentration();
                for (int s = 0; s < species; s++) {
                    reservoir[f][s] = c[s] * voxelVolume;
                }
            }
        }
        ghostVoxels = ghosts;
        int zones = d.zones();
        obstacleZone = new boolean[zones];
        for (int z = 0; z < zones; z++) {
            obstacleZone[z] = d.obstacle(z);
        }
        zoneHop = uniformDiffusion(model) ? null : new double[zones][species];
        if (zoneHop != null) {
            for (int z = 0; z < zones; z++) {
                for (int s = 0; s < species; s++) {
                    zoneHop[z][s] = model.species().get(s).diffusion(z) / (dx * dx);
                }
            }
        }
        zone = zones(d);
        boundaryFaces = new byte[voxels];
        openFaces = new byte[voxels];
        regular = new boolean[voxels];
        open = new byte[voxels];
        inflow = new double[voxels];
        int[] c = new int[3];
        for (int v = 0; v < voxels; v++) {
            coordinates(v, c);
            int mask = 0;
            int openMask = 0;
            boolean sameZone = true;
            boolean blocked = obstacleZone[zone[v]];
            for (int f = 0; f < 2 * dimensions; f++) {
                int axis = f >> 1;
                boolean onFace = (f & 1) == 0 ? c[axis] == 0 : c[axis] == size[axis] - 1;
                if (onFace) {
                    mask |= 1 << f;
                }
                if (blocked || (onFace && role[f] == REFLECT)) {
                    continue;
                }
                int dest = neighbour(v, f, onFace);
                if (dest != OUT && obstacleZone[zone[dest]]) {
                    continue; // nothing hops into an obstacle
                }
                sameZone &= dest == OUT || zone[dest] == zone[v];
                openMask |= 1 << f;
                if (onFace) {
                    for (int s = 0; s < species; s++) {
                        inflow[v] += reservoir[f][s] * ownHop(v, s);
                    }
                }
            }
            boundaryFaces[v] = (byte) mask;
            openFaces[v] = (byte) openMask;
            open[v] = (byte) Integer.bitCount(openMask);
            regular[v] = mask == 0 && openMask == (1 << 2 * dimensions) - 1 && (zoneHop == null || sameZone);
        }
        hopTotal = zoneHop == null ? null : new double[voxels * species];
        if (hopTotal != null) {
            for (int v = 0; v < voxels; v++) {
                for (int k = 0; k < open[v]; k++) {
                    for (int s = 0; s < species; s++) {
                        hopTotal[v * species + s] += faceRate(v, k, s);
                    }
                }
            }
        }
    }

    /** True when every species has one D in every compartment: face rates are D/dx^2 everywhere. */
    private static boolean uniformDiffusion(Model model) {
        for (org.rdsim.core.model.Species sp : model.species()) {
            if (sp.zoneDiffusion() != null) {
                for (double z : sp.zoneDiffusion()) {
                    if (z != sp.diffusion()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The zone of every voxel of the block and of its ghost voxels (the neighbours' voxels across shared faces). */
    private short[] zones(Domain d) {
        short[] z = new short[voxels + ghostVoxels];
        if (d.regions().isEmpty()) {
            return z;
        }
        double[] x = new double[dimensions];
        for (int v = 0; v < voxels; v++) {
            z[v] = (short) d.zone(d.centre(globalVoxel(v), x));
        }
        int[] c = new int[3];
        for (int f = 0; f < 2 * dimensions; f++) {
            if (role[f] != EXPORT) {
                continue;
            }
            int axis = f >> 1;
            for (int t = 0; t < slabVoxels(f); t++) {
                int v = slabVoxel(f, t);
                coordinates(v, c);
                for (int a = 0; a < 3; a++) {
                    c[a] += box.lo()[a];
                }
                c[axis] = Math.floorMod(c[axis] + ((f & 1) == 0 ? -1 : 1), cells[axis]);
                long g = c[0] + (long) cells[0] * (c[1] + (long) cells[1] * c[2]);
                z[voxels + ghostOffset[f] + t] = (short) d.zone(d.centre(g, x));
            }
        }
        return z;
    }

    /** The voxel across face f of voxel v (a block voxel, a ghost voxel, or OUT). */
    private int neighbour(int v, int f, boolean onFace) {
        int axis = f >> 1;
        boolean upper = (f & 1) == 1;
        if (!onFace) {
            return upper ? v + stride[axis] : v - stride[axis];
        }
        return switch (role[f]) {
            case WRAP -> upper ? v - (size[axis] - 1) * stride[axis] : v + (size[axis] - 1) * stride[axis];
            case EXPORT -> voxels + ghostOffset[f] + transverse(v, axis);
            default -> OUT;
        };
    }

    /**
     * Where a molecule of voxel v arrives through its k-th open face: a voxel of the block, a
     * ghost voxel (at least {@link #voxels()}), or {@link #OUT}. Open faces are counted in face
     * order, skipping reflecting ones, so the k-th open face is the same physical face however
     * the domain is cut into blocks.
     */
    public int destination(int v, int k) {
        if (regular[v]) { // away from the block's faces and obstacles: every face open, in order
            int axis = k >> 1;
            return (k & 1) == 0 ? v - stride[axis] : v + stride[axis];
        }
        int mask = openFaces[v];
        for (int f = 0; f < 2 * dimensions; f++) {
            if ((mask & (1 << f)) != 0 && k-- == 0) {
                return neighbour(v, f, (boundaryFaces[v] & (1 << f)) != 0);
            }
        }
        throw new IllegalArgumentException("voxel " + v + " has " + open[v] + " open faces; no face " + (open[v] + k));
    }

    /**
     * The rate at which one molecule of species s hops from voxel v through its k-th open face:
     * D/dx^2, with D the harmonic mean of the two voxels' coefficients where compartments meet
     * (so that the flux is symmetric and a uniform density stays uniform).
     */
    public double faceRate(int v, int k, int s) {
        return zoneHop == null ? hop[s] : rateTo(v, destination(v, k), s);
    }

    /** {@link #faceRate} for the face that leads from voxel v to {@code dest} (as destination gives it). */
    public double rateTo(int v, int dest, int s) {
        if (zoneHop == null) {
            return hop[s];
        }
        double own = zoneHop[zone[v]][s];
        if (dest == OUT || zone[dest] == zone[v]) {
            return own;
        }
        double other = zoneHop[zone[dest]][s];
        return own + other > 0 ? 2 * own * other / (own + other) : 0;
    }

    /**
     * D/dx^2 of species s in voxel v's compartment: its rate through a face to the outside. A
     * reservoir face lets molecules in at this rate times c_R V_voxel, so the mean density at the
     * face is c_R whatever the compartment's D.
     */
    private double ownHop(int v, int s) {
        return zoneHop == null ? hop[s] : zoneHop[zone[v]][s];
    }

    /** The total hop rate of one molecule of species s in voxel v: the sum of its open faces' rates. */
    public double hopRate(int v, int s) {
        return hopTotal == null ? hop[s] * open[v] : hopTotal[v * hop.length + s];
    }

    /** True when face rates are D/dx^2 of the species everywhere (no compartment changes D). */
    public boolean uniformRates() {
        return hopTotal == null;
    }

    /** The zone of voxel v (0 the default compartment, 1 + r region r). */
    public int zone(int v) {
        return zone[v];
    }

    /** True when voxel v is an obstacle: no molecules, no reactions, no hops. */
    public boolean obstacle(int v) {
        return obstacleZone[zone[v]];
    }

    /** The position of voxel v within a slab normal to the axis (the other two axes, lower first). */
    private int transverse(int v, int axis) {
        return switch (axis) {
            case 0 -> v / size[0];
            case 1 -> v % size[0] + size[0] * (v / stride[2]);
            default -> v % stride[2];
        };
    }

    /**
     * The reservoir inflow event of voxel v selected by r in [0, inflow(v)): which species enters.
     */
    public int inflowSpecies(int v, double r) {
        int mask = boundaryFaces[v] & openFaces[v];
        int last = -1;
        for (int f = 0; f < 2 * dimensions; f++) {
            if ((mask & (1 << f)) == 0) {
                continue;
            }
            for (int s = 0; s < hop.length; s++) {
                double w = reservoir[f][s] * ownHop(v, s);
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

    /** Reservoir inflow of species s into voxel v, summed over its reservoir faces. */
    public double inflow(int v, int s) {
        int mask = boundaryFaces[v] & openFaces[v];
        double total = 0;
        for (int f = 0; f < 2 * dimensions; f++) {
            if ((mask & (1 << f)) != 0) {
                total += reservoir[f][s] * ownHop(v, s);
            }
        }
        return total;
    }

    private void coordinates(int v, int[] c) {
        c[0] = v % size[0];
        c[1] = (v / size[0]) % size[1];
        c[2] = v / (size[0] * size[1]);
    }

    /** The index of block voxel v in the whole grid (x fastest): the key of its random streams. */
    public long globalVoxel(int v) {
        long x = box.lo()[0] + v % size[0];
        long y = box.lo()[1] + (v / size[0]) % size[1];
        long z = box.lo()[2] + v / stride[2];
        return x + cells[0] * (y + (long) cells[1] * z);
    }

    /** Writes the centre of voxel v, in model length, into x (one coordinate per axis). */
    public double[] centre(int v, double[] x) {
        return domain.centre(globalVoxel(v), x);
    }

    /** The block voxel that contains point x, or -1 when the point lies in another block. */
    public int voxelAt(double[] x) {
        int v = 0;
        for (int a = 0; a < dimensions; a++) {
            int i = (int) Math.min(cells[a] - 1, Math.max(0, Math.floor(x[a] / dx))) - box.lo()[a];
            if (i < 0 || i >= size[a]) {
                return -1;
            }
            v += i * stride[a];
        }
        return v;
    }

    /** True when hops through block face f go to another block (its ghost slab is owed there). */
    public boolean exports(int face) {
        return face < role.length && role[face] == EXPORT;
    }

    /** Voxels in a slab normal to the face's axis: the length of its ghost slab and halo. */
    public int slabVoxels(int face) {
        return voxels / size[face >> 1];
    }

    /** The first ghost voxel of exported face f's slab (ghost voxels follow the interior). */
    public int ghostStart(int face) {
        if (!exports(face)) {
            throw new IllegalArgumentException("face " + face + " of block " + box + " is not shared with a block");
        }
        return voxels + ghostOffset[face];
    }

    /** The interior voxel at position t of the slab lying against block face f. */
    public int slabVoxel(int face, int t) {
        int axis = face >> 1;
        int along = (face & 1) == 0 ? 0 : size[axis] - 1;
        int b1 = axis == 0 ? 1 : 0;
        int b2 = axis == 2 ? 1 : 2;
        return along * stride[axis] + (t % size[b1]) * stride[b1] + (t / size[b1]) * stride[b2];
    }

    public Box box() {
        return box;
    }

    public Domain domain() {
        return domain;
    }

    public int faces() {
        return role.length;
    }

    public int voxels() {
        return voxels;
    }

    /** Ghost voxels after the interior: one slab per face shared with another block. */
    public int ghostVoxels() {
        return ghostVoxels;
    }

    public double voxelVolume() {
        return voxelVolume;
    }

    public int open(int v) {
        return open[v];
    }

    /** The number of open faces when every voxel has the same, else -1. */
    public int uniformOpen() {
        for (int v = 1; v < voxels; v++) {
            if (open[v] != open[0]) {
                return -1;
            }
        }
        return voxels == 0 ? -1 : open[0];
    }

    /** True when some voxel has reservoir inflow. */
    public boolean hasInflow() {
        for (double in : inflow) {
            if (in > 0) {
                return true;
            }
        }
        return false;
    }

    /** Reservoir inflow of voxel v (0 away from reservoir faces; the table is not touched there). */
    public double inflow(int v) {
        return boundaryFaces[v] == 0 ? 0 : inflow[v];
    }

    /** D_s / dx^2 in the default compartment: the rate through one open face when {@link #uniformRates()}. */
    public double hop(int s) {
        return hop[s];
    }
}
