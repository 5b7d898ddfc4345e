package dev.tutorgate.cli;

/** Exit codes of the verbs. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A check failed (e.g. stress: a limit did not hold). */
    public static final int FAILED = 1;
    /** Bad command line or input. */
    public static final int USAGE = 2;
    /** The configuration is invalid. */
    public static final int CONFIG = 3;

    private ExitCodes() {
    }
}
