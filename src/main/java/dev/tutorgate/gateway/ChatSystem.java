package dev.tutorgate.gateway;

import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.limits.BucketStudentRateLimiter;
import dev.tutorgate.resilience.Resilience;
import java.util.List;

/**
 * The chat pipeline as {@code serve} runs it, with the parts others look at (the budget guard for
 * the dashboard, the rate limiter's counters) and what must be closed when the server stops.
 * Built by {@link ChatServiceFactory}.
 */
public final class ChatSystem implements AutoCloseable {
    private final ChatPipeline pipeline;
    private final ReservingBudgetGuard budget;
    private final BucketStudentRateLimiter rateLimiter;
    private final Resilience resilience;
    private final List<AutoCloseable> resources;

    ChatSystem(ChatPipeline pipeline, ReservingBudgetGuard budget, BucketStudentRateLimiter rateLimiter,
               Resilience resilience, List<AutoCloseable> resources) {
        this.pipeline = pipeline;
        this.budget = budget;
        this.rateLimiter = rateLimiter;
        this.resilience = resilience;
        this.resources = List.copyOf(resources);
    }

    public ChatService chat() {
        return pipeline.service();
    }

    public StartupReport report() {
        return pipeline.report();
    }

    /** The budgets (spent, reserved, remaining per period) for the dashboard and metrics. */
    public ReservingBudgetGuard budget() {
        return budget;
    }

    public BucketStudentRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The providers' status per model and key (admin page, dashboard, metrics) and the lever on keys. */
    public Resilience resilience() {
        return resilience;
    }

    /**
     * Stops the background work (expiring stale holds, alert delivery) and closes the request log.
     * Call it after the web layer has finished the answers in flight; the database is the caller's.
     */
    @Override
    public void close() {
        closeAll(resources);
    }

    /** Closes in reverse order of opening; a failure is logged and the rest are still closed. */
    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ChatSystem.class).warn("closing {} failed", resource, e);
            }
        }
    }
}
