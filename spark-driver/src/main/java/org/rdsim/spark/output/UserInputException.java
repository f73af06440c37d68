package org.rdsim.spark.output;

/** A problem with what the user asked for (a path, an option), reported in one line with exit code 2. */
public final class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }
}
