package org.rdsim.spark.cli;

import org.rdsim.core.fhd.StabilityGuard;
import org.rdsim.core.model.Model;
import org.rdsim.core.wellmixed.ReplicaRunner;
import org.rdsim.core.wellmixed.WellMixedSimulator;
import org.rdsim.spark.output.OutputDirectory;
import org.rdsim.spark.output.Summary;

/**
 * A well-mixed model: one trajectory, a single sequential computation, so it runs in the driver
 * JVM without starting Spark.
 */
final class WellMixedRun extends RunPath {

    WellMixedRun(RunCommand command) {
        super(command);
    }

    @Override
    int simulate(Model m, OutputDirectory dir, StabilityGuard.Check check) {
        String[] species = m.speciesNames();
        ReplicaRunner runner = new ReplicaRunner(m);
        PlotPoints plot = new PlotPoints(m.time().outputCount());
        double seconds = writeTimeSeries(dir, species, plot, recorder -> runner.runOne(replica, recorder));
        WellMixedSimulator sim = runner.simulator();
        boolean discrete = m.method().algorithm().discrete();
        Summary summary = new Summary("run", m).put("algorithm", sim.name()).put("replica", replica)
                .reactionWork(m.reactionNames(), sim.extents(), sim.totalFirings(), seconds, discrete)
                .put("wallTimeSeconds", seconds)
                .put("diagnostics", sim.diagnostics())
                .put("finalState", Summary.perReaction(species, plot.last, discrete));
        return finish(dir, summary, plot, species,
                m.name() + " (" + m.method().algorithm().key() + ", seed " + m.seed() + ", replica " + replica + ")",
                String.format("%s: %s, %d events in %.3f s", m.name(), sim.name(), sim.totalFirings(), seconds));
    }
}
