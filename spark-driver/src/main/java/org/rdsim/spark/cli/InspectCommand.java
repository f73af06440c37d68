package org.rdsim.spark.cli;

import java.util.concurrent.Callable;
import java.util.Locale;
import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.fhd.StabilityGuard;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = {
    "Print a model's structure: propensities, stoichiometry, conservation laws.",
    "Species; reactions with their propensity formulas in rdsim's convention; the stoichiometric",
    "matrix and its rank; conservation laws; the compatibility class of the initial state;",
    "for an FHD scheme its stability numbers (beta, alpha) and the largest stable dt."})
final class InspectCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Model m = model.load();
        spec.commandLine().getOut().print(ModelReport.of(m));
        if (m.method().algorithm().fhd()) {
            StabilityGuard.Check c = FhdRunner.stability(m);
            spec.commandLine().getOut().printf(Locale.ROOT, "%nStability of %s at dt = %s: beta = D dt/dx^2 = %.4g, "
                    + "alpha = r dt = %.4g (r = %.4g); largest stable dt %s%s%n", c.scheme(), c.dt(), c.beta(),
                    c.alpha(), c.r(), Double.isInfinite(c.largestStableDt()) ? "unbounded"
                            : String.format(Locale.ROOT, "%.6g", c.largestStableDt()),
                    c.stable() ? "" : " -- UNSTABLE: " + c.violated());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
