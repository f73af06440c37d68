package org.rdsim.spark.cli;

import org.rdsim.core.fhd.FhdRunner;
import org.rdsim.core.fhd.StabilityGuard;
import org.rdsim.core.model.Model;
import org.rdsim.spark.output.UserInputException;
import picocli.CommandLine.Option;

/**
 * The FHD stability guard of a command: a dt beyond the scheme's linear stability limit
 * (eqs. 24, 27, alpha &lt;= 2) is refused, with the limit and the largest stable dt, before any
 * output exists, unless {@code --force}.
 */
final class StabilityOption {

    @Option(names = "--force",
            description = "FHD schemes: run even when dt is beyond the scheme's linear stability limit.")
    boolean force;

    /**
     * Refuses an unstable FHD dt unless forced, and returns the check (for summary.json); null
     * for the other methods, which refuse --force.
     */
    StabilityGuard.Check check(Model m) {
        if (!m.method().algorithm().fhd()) {
            if (force) {
                throw new UserInputException("--force applies to the FHD schemes' stability limit; '" + m.name()
                        + "' runs " + m.method().algorithm().key());
            }
            return null;
        }
        StabilityGuard.Check check = FhdRunner.stability(m);
        if (!check.stable() && !force) {
            throw new UserInputException(m.source() + ": method: " + check.message());
        }
        return check;
    }
}
