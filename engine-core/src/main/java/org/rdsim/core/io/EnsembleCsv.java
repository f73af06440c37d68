package org.rdsim.core.io;

import java.io.IOException;
import java.io.Writer;
import org.rdsim.core.observe.EnsembleStatistics;

/**
 * Ensemble tables: {@code ensemble.csv} in long form (t,species,mean,sd,min,q05,q50,q95,max)
 * and {@code final.csv} with one row per replica (replica,<species...>) at the end time.
 */
public final class EnsembleCsv {

    private EnsembleCsv() {
    }

    public static void writeStatistics(EnsembleStatistics stats, String[] species, Writer out) throws IOException {
        out.write("t,species,mean,sd,min,q05,q50,q95,max\n");
        double[] times = stats.times();
        StringBuilder row = new StringBuilder(160);
        for (int k = 0; k < times.length; k++) {
            for (int s = 0; s < species.length; s++) {
                row.setLength(0);
                row.append(CsvFormat.number(times[k])).append(',').append(CsvFormat.field(species[s]))
                        .append(',').append(CsvFormat.number(stats.mean(k, s)))
                        .append(',').append(CsvFormat.number(stats.sd(k, s)))
                        .append(',').append(CsvFormat.number(stats.min(k, s)))
                        .append(',').append(CsvFormat.number(stats.quantile(k, s, 0.05)))
                        .append(',').append(CsvFormat.number(stats.quantile(k, s, 0.50)))
                        .append(',').append(CsvFormat.number(stats.quantile(k, s, 0.95)))
                        .append(',').append(CsvFormat.number(stats.max(k, s))).append('\n');
                out.write(row.toString());
            }
        }
    }

    public static void writeFinals(EnsembleStatistics stats, String[] species, Writer out) throws IOException {
        out.write(CsvFormat.header("replica", species));
        StringBuilder row = new StringBuilder(128);
        for (long i = 0; i < stats.count(); i++) {
            row.setLength(0);
            row.append(stats.firstReplica() + i);
            for (int s = 0; s < species.length; s++) {
                row.append(',').append(CsvFormat.number(stats.finalValue(i, s)));
            }
            out.write(row.append('\n').toString());
        }
    }
}
