package dev.tutorgate.limits;

/** Whether a student may send a request now; if not, how many seconds until they may. */
public record RateDecision(boolean allowed, long retryAfterSeconds) {
    public static final RateDecision ALLOWED = new RateDecision(true, 0);
}
