package org.rdsim.core.model;

import java.io.Serializable;

/**
 * A named set of voxels of the domain. An obstacle holds no molecules and no molecule hops into
 * it; a compartment may have its own diffusion coefficients and reactions. Where regions
 * overlap, the one listed last owns the voxel. Voxels in no region form the compartment
 * {@code default}.
 *
 * @param name  the name species, reactions and initial fields refer to
 * @param shape the voxels whose centres it contains
 * @param kind  obstacle or compartment
 */
public record Region(String name, Shape shape, Kind kind) implements Serializable {

    /** The name of the voxels in no region. */
    public static final String DEFAULT = "default";

    public enum Kind {
        OBSTACLE("obstacle"), COMPARTMENT("compartment");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
