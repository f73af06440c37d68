package org.rdsim.spark.output;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar with the estimated time left. On a terminal it redraws in place; when
 * stderr goes to a file or pipe it prints a line every 10 seconds instead of a stream of
 * carriage returns (nothing at all for runs shorter than that). Disabled, it does nothing.
 */
public final class ProgressDisplay implements AutoCloseable {

    private static final long QUIET_LINE_MILLIS = 10_000;

    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    public static ProgressDisplay start(String task, long max, boolean enabled, PrintStream err) {
        if (!enabled) {
            return new ProgressDisplay(null);
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(100);
        if (System.console() != null) {
            b.setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(err));
        } else {
            long[] last = {System.currentTimeMillis()}; // first line after 10 s: short runs stay quiet
            b.setUpdateIntervalMillis(1000).setConsumer(new DelegatingProgressBarConsumer(line -> {
                long now = System.currentTimeMillis();
                if (now - last[0] >= QUIET_LINE_MILLIS) {
                    last[0] = now;
                    err.println(line.strip());
                }
            }));
        }
        return new ProgressDisplay(b.build());
    }

    public void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
