package org.rdsim.spark.cli;

import java.util.concurrent.Callable;
import org.rdsim.core.model.ModelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "inspect", description = {
    "Print a model's species, reactions with their propensities, the stoichiometric matrix, ",
    "its conservation laws and the stoichiometric compatibility class of the initial state."})
final class InspectCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ModelReport.of(model.load()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
