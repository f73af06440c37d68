package org.rdsim.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.rdsim.core.wellmixed.StateRecorder;

/** Streams a trajectory as CSV, header {@code t,<species...>}, one row per output time. */
public final class TimeSeriesCsv implements StateRecorder {

    private final Writer out;
    private final StringBuilder row = new StringBuilder(128);

    public TimeSeriesCsv(Writer out, String[] species) throws IOException {
        this.out = out;
        out.write(CsvFormat.header("t", species));
    }

    @Override
    public void record(int index, double time, double[] state) {
        row.setLength(0);
        row.append(CsvFormat.number(time));
        for (double v : state) {
            row.append(',').append(CsvFormat.number(v));
        }
        row.append('\n');
        try {
            out.write(row.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
