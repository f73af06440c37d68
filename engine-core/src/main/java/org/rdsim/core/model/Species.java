package org.rdsim.core.model;

import java.io.Serializable;

/**
 * A chemical species.
 *
 * @param name             identifier used in reaction descriptors
 * @param diffusion        diffusion coefficient D in model length^2/time, NaN when not given
 * @param initialMolecules initial amount in molecules (a whole number for discrete methods); NaN
 *                         for a spatial model, whose expected total over the domain
 *                         {@link Model#initialState} computes when asked
 * @param initialField     for a spatial model, the initial density field; null for well-mixed
 * @param zoneDiffusion    for a spatial model with compartments, D per zone (0 the default
 *                         compartment, 1 + r region r); null when D is the same everywhere
 */
public record Species(String name, double diffusion, double initialMolecules, InitialField initialField,
                      double[] zoneDiffusion) implements Serializable {

    /** D in a zone of the domain. */
    public double diffusion(int zone) {
        return zoneDiffusion == null ? diffusion : zoneDiffusion[zone];
    }
}
