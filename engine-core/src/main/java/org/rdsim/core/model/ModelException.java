package org.rdsim.core.model;

/**
 * Something wrong in a model file or an override, reported as one line a user can act on:
 * {@code file:line: key: what is wrong; what is allowed}.
 */
public final class ModelException extends RuntimeException {

    private final String source;
    private final int line;
    private final String key;
    private final String problem;
    private final String allowed;

    public ModelException(String source, int line, String key, String problem, String allowed) {
        super(format(source, line, key, problem, allowed));
        this.source = source;
        this.line = line;
        this.key = key;
        this.problem = problem;
        this.allowed = allowed;
    }

    private static String format(String source, int line, String key, String problem, String allowed) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        if (key != null && !key.isEmpty()) {
            sb.append(key).append(": ");
        }
        sb.append(problem);
        if (allowed != null && !allowed.isEmpty()) {
            sb.append("; ").append(allowed);
        }
        return sb.toString();
    }

    /** File name (or the {@code --set} option) the problem is in. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }

    public String allowed() {
        return allowed;
    }
}
