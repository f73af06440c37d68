package org.rdsim.spark.cli;

import java.util.concurrent.Callable;
import org.rdsim.core.model.ModelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = {
    "Print a model's structure: propensities, stoichiometry, conservation laws.",
    "Species; reactions with their propensity formulas in rdsim's convention; the stoichiometric",
    "matrix and its rank; conservation laws; the compatibility class of the initial state."})
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
