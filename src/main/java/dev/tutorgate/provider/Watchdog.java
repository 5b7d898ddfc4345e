package dev.tutorgate.provider;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One timer thread for the deadlines of every call in the process. It never blocks a caller: when
 * a deadline passes it closes that call's response body (or connection), which wakes the reading
 * thread with an end-of-stream or an IOException, and the call then reports the timeout's {@link
 * ErrorKind}.
 *
 * <p>Instead of one timer task per deadline, the thread sweeps every watched call each {@link
 * #TICK} (the approach of Jetty's {@code CyclicTimeouts}): starting, moving and ending a deadline is
 * a volatile write and a set insertion or removal, with no timer queue, lock or thread wake-up on
 * the request path. Per-call timers cost a schedule, a cancel and a futex wake-up for every request,
 * about a tenth of the gateway's CPU. A deadline fires at most one tick late. With nothing watched the
 * thread sleeps until something is.
 */
public final class Watchdog {
    /** How often deadlines are checked: a timeout fires at most this much after its deadline. */
    public static final Duration TICK = Duration.ofMillis(10);
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final Watchdog SHARED = new Watchdog();

    /** Something with a deadline: checked on the watchdog's thread at every tick until unwatched. */
    interface Watched {
        void check(long nowNanos);
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean sleeping;

    private Watchdog() {
        thread = Thread.ofPlatform().name("tutorgate-provider-watchdog").daemon(true).unstarted(this::run);
        thread.start();
    }

    public static Watchdog shared() {
        return SHARED;
    }

    /** Starts the clock of one call; the caller must close the guard when the call ends. */
    public CallGuard guard(CallTimeouts timeouts, boolean streaming) {
        return new CallGuard(this, timeouts, streaming);
    }

    void watch(Watched item) {
        watched.add(item);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    void unwatch(Watched item) {
        watched.remove(item);
    }

    private void run() {
        long tick = TICK.toNanos();
        while (true) {
            if (watched.isEmpty()) {
                sleeping = true;
                // watch() adds before it reads the flag: a call added since the first look is seen here
                if (watched.isEmpty()) {
                    LockSupport.park(this);
                }
                sleeping = false;
                continue;
            }
            LockSupport.parkNanos(this, tick);
            long now = System.nanoTime();
            for (Watched item : watched) {
                try {
                    item.check(now);
                } catch (RuntimeException | Error e) {
                    LOG.warn("A call's deadline check failed: {}", e.toString());
                }
            }
        }
    }
}
