package dev.tutorgate.alerts;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts through a transport on its own background thread, retrying failures with
 * exponential backoff. {@link #send} only queues, so a slow or broken webhook or SMTP server never
 * holds up a student's request. Failures are logged with the transport's safe message only.
 */
public final class BackgroundAlertSink implements AlertSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundAlertSink.class);
    /** Alerts waiting or being retried at most; beyond this new ones are dropped (and logged) rather than pile up. */
    static final int MAX_PENDING = 100;

    /**
     * @param maxAttempts  attempts per alert, the first included
     * @param firstBackoff wait before the second attempt; doubles after each failure
     * @param maxBackoff   the longest wait between attempts
     */
    public record Retry(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        /** 6 attempts over about a minute: 2 s, 4 s, 8 s, 16 s, 30 s. */
        public static final Retry DEFAULT = new Retry(6, Duration.ofSeconds(2), Duration.ofSeconds(30));

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
            if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("backoff must be positive and at most maxBackoff");
            }
        }

        Duration backoffAfter(int failedAttempt) {
            Duration wait = firstBackoff.multipliedBy(1L << Math.min(failedAttempt - 1, 30));
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    private final AlertTransport transport;
    private final Retry retry;
    private final ScheduledExecutorService executor;
    private final AtomicInteger pending = new AtomicInteger();

    public BackgroundAlertSink(AlertTransport transport, Retry retry) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.retry = Objects.requireNonNull(retry, "retry");
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "tutorgate-alerts-" + transport.name());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    @Override
    public void send(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            log.error("{} alert dropped, {} already waiting: {}", transport.name(), MAX_PENDING, alert.title());
            return;
        }
        try {
            executor.execute(() -> attempt(alert, 1));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet();
            log.error("{} alert not sent, alerts are shut down: {}", transport.name(), alert.title());
        }
    }

    /** Alerts queued or waiting for a retry. */
    public int pending() {
        return pending.get();
    }

    private void attempt(Alert alert, int attempt) {
        String failure;
        boolean permanent;
        try {
            transport.deliver(alert);
            pending.decrementAndGet();
            if (attempt > 1) {
                log.info("{} alert delivered on attempt {}: {}", transport.name(), attempt, alert.title());
            }
            return;
        } catch (AlertDeliveryException e) {
            failure = e.getMessage();
            permanent = e.permanent();
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName(); // its message could hold anything, an address included
            permanent = false;
        }
        if (permanent || attempt >= retry.maxAttempts()) {
            pending.decrementAndGet();
            log.error("{} alert not delivered after {} attempt(s), giving up: {} ({})", transport.name(), attempt,
                    alert.title(), failure);
            return;
        }
        Duration wait = retry.backoffAfter(attempt);
        log.warn("{} alert delivery failed (attempt {} of {}): {}; retrying in {} ms", transport.name(), attempt,
                retry.maxAttempts(), failure, wait.toMillis());
        try {
            executor.schedule(() -> attempt(alert, attempt + 1), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet();
        }
    }

    /** Stops retrying; alerts still queued are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
