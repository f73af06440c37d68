package org.rdsim.spark.output;

/** How a cause reads in a one-line error for the user (the stack trace is behind --debug). */
public final class ErrorText {

    private ErrorText() {
    }

    /** The first line of the exception's message, or its class name when it has none. */
    public static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
