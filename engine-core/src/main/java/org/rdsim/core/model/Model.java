package org.rdsim.core.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.rdsim.core.model.units.UnitSystem;

/**
 * A validated model: everything converted to simulation units (model length and time, molecules).
 *
 * @param name       the model's name
 * @param source     the file it was read from (for messages)
 * @param species    species in declaration order; their index is their number everywhere
 * @param reactions  reactions in declaration order
 * @param parameters parameter values as given (model units; informational)
 * @param volume     well-mixed volume in model length^3; for a spatial model the voxel volume A dx^d
 * @param method     simulation method
 * @param time       time span and output interval
 * @param seed       run seed
 * @param seedGiven  false when the seed was drawn because the file gave none
 * @param units      the model's unit system
 * @param domain     the lattice of a spatial model; null for a well-mixed one
 * @param fields     field snapshots of a spatial run; null when none are asked for
 * @param checkpoint when to save the run's state for a restart; null for never
 */
public record Model(String name, String source, List<Species> species, List<Reaction> reactions,
                    Map<String, String> parameters, double volume, MethodSpec method, TimeSpec time,
                    long seed, boolean seedGiven, UnitSystem units, Domain domain, FieldOutput fields,
                    CheckpointSpec checkpoint)
        implements Serializable {

    /** True for a model on a lattice. */
    public boolean spatial() {
        return domain != null;
    }

    public int speciesCount() {
        return species.size();
    }

    public int reactionCount() {
        return reactions.size();
    }

    public String[] speciesNames() {
        return species.stream().map(Species::name).toArray(String[]::new);
    }

    public String[] reactionNames() {
        return reactions.stream().map(Reaction::name).toArray(String[]::new);
    }

    /** Initial molecule numbers; for a spatial model the expected totals over the domain (a sum over every voxel). */
    public double[] initialState() {
        double[] x = new double[species.size()];
        for (int i = 0; i < x.length; i++) {
            Species s = species.get(i);
            x[i] = s.initialField() == null ? s.initialMolecules()
                    : SpatialSpeciesReader.expectedTotal(s.initialField(), domain);
        }
        return x;
    }

    public Model withSeed(long s) {
        return new Model(name, source, species, reactions, parameters, volume, method, time, s, true, units, domain, fields,
                checkpoint);
    }
}
