package dev.tutorgate.limits;

/** The per-student request limit (a token bucket; the brief: 10 per minute). Thread-safe. */
public interface StudentRateLimiter {
    /** Takes one request from the student's bucket, or says how long to wait. Never blocks. */
    RateDecision tryAcquire(String studentId);
}
