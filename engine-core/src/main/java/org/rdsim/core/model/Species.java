package org.rdsim.core.model;

import java.io.Serializable;

/**
 * A chemical species.
 *
 * @param name             identifier used in reaction descriptors
 * @param diffusion        diffusion coefficient D in model length^2/time, NaN when not given
 * @param initialMolecules initial amount in molecules (a whole number for discrete methods); for a
 *                         spatial model the expected total over the domain
 * @param initialField     for a spatial model, the initial density field; null for well-mixed
 */
public record Species(String name, double diffusion, double initialMolecules, InitialField initialField)
        implements Serializable {
}
