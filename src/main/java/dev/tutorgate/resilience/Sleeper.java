package dev.tutorgate.resilience;

import java.time.Duration;

/**
 * Waits between attempts (backoff, a provider's retry hint). The real one sleeps the request's own
 * virtual thread; tests pass one that records the waits (and moves their clock) instead of
 * sleeping through real time.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps the calling thread; on a virtual thread this parks it and frees its carrier. */
    Sleeper REAL = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
