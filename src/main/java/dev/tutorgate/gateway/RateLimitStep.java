package dev.tutorgate.gateway;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.limits.RateDecision;
import dev.tutorgate.limits.StudentRateLimiter;

/** The per-student request limit: over it, 429 with retry-after, recorded, no provider call. */
final class RateLimitStep implements ChatStep {
    private final StudentRateLimiter limiter;
    private final Refusals refusals;

    RateLimitStep(StudentRateLimiter limiter, Refusals refusals) {
        this.limiter = limiter;
        this.refusals = refusals;
    }

    @Override
    public ChatResult handle(ChatExchange exchange, Chain chain) {
        RateDecision decision = limiter.tryAcquire(exchange.studentId());
        if (!decision.allowed()) {
            return refusals.refuse(exchange, ErrorCode.RATE_LIMITED, "rate_limited",
                    Math.max(1, decision.retryAfterSeconds()), "student request limit");
        }
        return chain.proceed(exchange);
    }
}
