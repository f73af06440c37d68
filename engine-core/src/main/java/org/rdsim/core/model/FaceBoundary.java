package org.rdsim.core.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What happens at one face of the domain (models.md, RDME conventions).
 *
 * @param kind          periodic (wrapped neighbour), reflecting (no hop), absorbing (a hop removes
 *                      the molecule) or reservoir (molecules leave at D/dx^2 each and enter at
 *                      (D/dx^2) c_R V_voxel, so that in the mean c = c_R half a cell outside)
 * @param concentration per species, the reservoir's density c_R in molecules per unit volume
 *                      (zeros for other kinds)
 */
public record FaceBoundary(Kind kind, double[] concentration) implements Serializable {

    /** The boundary kinds of the model language. */
    public enum Kind {
        PERIODIC("periodic"), REFLECTING("reflecting"), ABSORBING("absorbing"), RESERVOIR("reservoir");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceBoundary f && f.kind == kind && Arrays.equals(f.concentration, concentration);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(concentration);
    }

    @Override
    public String toString() {
        return kind == Kind.RESERVOIR ? "reservoir " + Arrays.toString(concentration) : kind.key();
    }
}
