package dev.tutorgate.stress;

/** The run could not start: the server cannot be reached or refused the admin token. One line for people. */
public final class StressSetupException extends RuntimeException {
    public StressSetupException(String message) {
        super(message);
    }
}
