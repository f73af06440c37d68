package org.rdsim.spark.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.rdsim.core.model.ModelException;
import org.rdsim.spark.output.ErrorText;
import org.rdsim.spark.output.Summary;
import org.rdsim.spark.output.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The rdsim command line, and also the main class for spark-submit.
 *
 * <p>Exit codes: 0 success; 1 the run failed (I/O, Spark); 2 bad input (model file, options,
 * output directory). Every error is one line on stderr; {@code --debug} adds the stack trace.
 */
@Command(name = "rdsim", mixinStandardHelpOptions = true, versionProvider = Rdsim.Version.class,
        description = "Stochastic reaction-diffusion simulation on Apache Spark.",
        subcommands = {RunCommand.class, EnsembleCommand.class, InspectCommand.class, AnalyzeCommand.class,
            CommandLine.HelpCommand.class})
public final class Rdsim {

    /** Read from the raw arguments before parsing (it must work when parsing fails); declared for --help. */
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "rdsim-log4j2.properties");
        }
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cl = new CommandLine(new Rdsim());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, argv) -> {
            // One line, as for every other error: the problem, then where the usage is.
            String problem = String.valueOf(ex.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ");
            if (ex instanceof CommandLine.UnmatchedArgumentException u && u.getCommandLine().getParent() == null
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                problem = "unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                        + String.join(", ", u.getCommandLine().getSubcommands().keySet());
            }
            err.println("rdsim: error: " + problem + "; see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help'");
            err.flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code = ex instanceof ModelException || ex instanceof UserInputException ? BAD_INPUT : FAILED;
            err.println("rdsim: error: " + describe(ex));
            if (debug) {
                ex.printStackTrace(err);
            } else if (code == FAILED) {
                err.println("(run again with --debug for the stack trace)");
            }
            err.flush();
            return code;
        });
        try {
            return cl.execute(rest);
        } catch (OutOfMemoryError e) {
            // What the run held is unreachable once the error has unwound to here, so there is
            // room to say so in one line instead of the JVM's stack trace.
            err.println("rdsim: error: " + outOfMemory(e, Runtime.getRuntime().maxMemory()));
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        }
    }

    /** The one line for a run that ran out of memory in this JVM. */
    static String outOfMemory(OutOfMemoryError e, long maxHeap) {
        String detail = e.getMessage() == null ? "no detail" : e.getMessage();
        if (!detail.contains("Java heap space") && !detail.contains("GC overhead")) {
            // Threads, metaspace, direct buffers, an array beyond the VM's limit: a larger heap does not help.
            return "out of memory (" + detail + "), outside the Java heap: check the machine's free memory and "
                    + "its limits on processes and threads";
        }
        return "out of memory (" + detail + ") with a Java heap of at most " + (maxHeap >> 20) + " MB; give the "
                + "JVM more with RDSIM_MEMORY (for example RDSIM_MEMORY=8g), or run fewer cells per JVM (blocks on "
                + "a cluster: README, 'Running on a cluster')";
    }

    private static String describe(Exception ex) {
        if (ex instanceof ModelException || ex instanceof UserInputException) {
            return ex.getMessage();
        }
        return ErrorText.firstLine(ex);
    }

    /** Version from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rdsim " + Summary.version() + ", Java "
                    + System.getProperty("java.version")};
        }
    }
}
