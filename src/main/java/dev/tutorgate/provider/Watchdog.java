package dev.tutorgate.provider;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for the deadlines of every call in the process. It never blocks a caller: when
 * a deadline passes it closes that call's response body, which wakes the reading thread with an
 * end-of-stream or an IOException, and the call then reports the timeout's {@link
 * dev.tutorgate.provider.ErrorKind}. Each call has at most one pending check, rescheduled when
 * activity moved its deadline, so a healthy stream costs one schedule and one cancel.
 */
public final class Watchdog {
    private static final Watchdog SHARED = new Watchdog();

    private final ScheduledThreadPoolExecutor timer;

    private Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "tutorgate-provider-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled checks (the common case: the call ended first) leave the queue at once.
        timer.setRemoveOnCancelPolicy(true);
    }

    public static Watchdog shared() {
        return SHARED;
    }

    /** Starts the clock of one call; the caller must close the guard when the call ends. */
    public CallGuard guard(dev.tutorgate.provider.CallTimeouts timeouts, boolean streaming) {
        return new CallGuard(this, timeouts, streaming);
    }

    ScheduledFuture<?> schedule(Runnable check, long delayNanos) {
        return timer.schedule(check, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
}
