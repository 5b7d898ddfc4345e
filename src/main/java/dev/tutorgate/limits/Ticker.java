package dev.tutorgate.limits;

/**
 * Monotonic time in nanoseconds for the limiters, replaceable in tests (Bucket4j's TimeMeter idea).
 * A ticker that jumps (a test's manual one) tells its listeners, so that requests waiting for
 * capacity look again at once instead of sleeping through real time.
 */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanoTime();

    /** Registers a listener called after every jump. The system ticker flows and never calls it. */
    default void onAdvance(Runnable listener) {
    }
}
