package org.rdsim.bench;

import org.rdsim.core.model.Model;
import org.rdsim.core.wellmixed.DirectMethod;
import org.rdsim.core.wellmixed.ReactionNetwork;
import org.rdsim.core.wellmixed.WellMixedSimulator;
import org.rdsim.core.wellmixed.WellMixedSimulators;

/** The engine a benchmark measures: as the model file would choose it, or the table-driven direct loop. */
final class Engines {

    private Engines() {
    }

    static WellMixedSimulator create(Model model, String algorithm) {
        return algorithm.equals("direct-table") ? new DirectMethod(new ReactionNetwork(model))
                : WellMixedSimulators.create(model);
    }
}
