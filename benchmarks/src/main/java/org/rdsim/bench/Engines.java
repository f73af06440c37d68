package org.rdsim.bench;

import java.nio.file.Path;
import java.util.List;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelLoader;
import org.rdsim.core.wellmixed.DirectMethod;
import org.rdsim.core.wellmixed.ReactionNetwork;
import org.rdsim.core.wellmixed.WellMixedSimulator;
import org.rdsim.core.wellmixed.WellMixedSimulators;

/** The model and engine a benchmark measures. */
final class Engines {

    private Engines() {
    }

    /** A model of conf/models (or of the directory in -Drdsim.models) with key=value overrides. */
    static Model model(String file, String... overrides) {
        return ModelLoader.load(Path.of(System.getProperty("rdsim.models", "conf/models"), file), List.of(overrides));
    }

    /** The engine as the model file would choose it, or the table-driven direct loop. */
    static WellMixedSimulator create(Model model, String algorithm) {
        return algorithm.equals("direct-table") ? new DirectMethod(new ReactionNetwork(model))
                : WellMixedSimulators.create(model);
    }
}
