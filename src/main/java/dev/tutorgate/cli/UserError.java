package dev.tutorgate.cli;

/** A mistake of the person at the command line: printed as one line, exit code 2, no stack trace. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
