package dev.tutorgate.monitoring;

/**
 * The low-cardinality columns of a ledger row that the {@code ledger_hourly} roll-up keeps apart.
 * Text columns hold "" where the ledger has NULL (as the roll-up does).
 *
 * @param attemptKind 0 = refused before any call, 1 = first attempt, 2 = any later attempt
 */
record CubeKey(
        String model,
        String complexity,
        String outcome,
        String errorKind,
        String fallbackReason,
        int attemptKind,
        boolean isFinal) {

    static final String OFFLINE = "offline";

    static CubeKey ofRow(String model, String complexity, String outcome, String errorKind, String fallbackReason,
                         int attempt, boolean isFinal) {
        return new CubeKey(text(model), text(complexity), outcome, text(errorKind), text(fallbackReason),
                Math.min(attempt, 2), isFinal);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    boolean ok() {
        return "ok".equals(outcome);
    }

    boolean error() {
        return "error".equals(outcome);
    }

    boolean rejected() {
        return attemptKind == 0;
    }

    /** A call to a language model (not a refusal, not the offline course search). */
    boolean modelCall() {
        return attemptKind > 0 && !model.isEmpty() && !OFFLINE.equals(model);
    }

    boolean offline() {
        return OFFLINE.equals(model);
    }
}
