package org.rdsim.core.model;

import java.io.Serializable;

/**
 * A chemical species.
 *
 * @param name             identifier used in reaction descriptors
 * @param diffusion        diffusion coefficient D in model length^2/time, NaN when not given
 * @param initialMolecules initial amount in molecules (a whole number for discrete methods)
 */
public record Species(String name, double diffusion, double initialMolecules) implements Serializable {
}
