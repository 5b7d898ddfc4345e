package dev.tutorgate.provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The deadlines of one call, enforced by the {@link Watchdog}.
 *
 * <ul>
 *   <li>Until the response headers arrive, the HTTP client's own request timeout applies (see
 *       {@link #headersTimeout()}); the connect timeout is the client's.
 *   <li>A stream must deliver its first text within {@code firstToken} of the call's start
 *       ({@code FIRST_TOKEN_TIMEOUT}); after that, no gap between received bytes may exceed
 *       {@code idle} ({@code IDLE_TIMEOUT}).
 *   <li>A non-streamed body may not stall for longer than {@code idle} while it is read.
 *   <li>Nothing may take longer than {@code total} ({@code TOTAL_TIMEOUT}).
 * </ul>
 *
 * Every field the watchdog reads is volatile; nothing here takes a lock, and moving a deadline
 * (first token, activity, draining) is a plain volatile write that the next sweep sees.
 */
public final class CallGuard implements AutoCloseable {
    private final Watchdog watchdog;
    private final boolean streaming;
    private final long start;
    private final long firstTokenNanos;
    private final long idleNanos;
    private final long totalNanos;

    private volatile long lastActivity;
    private volatile boolean firstTokenSeen;
    private volatile long drainDeadline;
    private volatile boolean draining;
    private volatile InputStream body;
    private volatile ErrorKind expired;
    private volatile boolean closed;
    /** What the watchdog calls at each sweep (not part of this class's API). */
    private final Watchdog.Watched sweep = this::check;

    CallGuard(Watchdog watchdog, CallTimeouts timeouts, boolean streaming) {
        this.watchdog = watchdog;
        this.streaming = streaming;
        this.start = System.nanoTime();
        this.firstTokenNanos = timeouts.firstToken().toNanos();
        this.idleNanos = timeouts.idle().toNanos();
        this.totalNanos = timeouts.total().toNanos();
    }

    /**
     * How long the HTTP client may wait for the response headers: a stream's first token cannot
     * come before them, so it gets the first-token budget (or what is left of the total).
     */
    public Duration headersTimeout() {
        long budget = headersBudget();
        return Duration.ofNanos(Math.max(1_000_000, budget - (System.nanoTime() - start)));
    }

    /** The kind reported when the headers did not arrive within {@link #headersTimeout()}. */
    public ErrorKind headersTimeoutKind() {
        return streaming && firstTokenNanos < totalNanos ? ErrorKind.FIRST_TOKEN_TIMEOUT : ErrorKind.TOTAL_TIMEOUT;
    }

    private long headersBudget() {
        return streaming ? Math.min(firstTokenNanos, totalNanos) : totalNanos;
    }

    /** Starts guarding the response body; read from the returned stream, which records activity. */
    public InputStream watch(InputStream responseBody) {
        this.body = responseBody;
        this.lastActivity = System.nanoTime();
        if (!closed) {
            watchdog.watch(sweep);
        }
        return new ActivityStream(responseBody);
    }

    /** The first text of a stream reached the caller: from now on the idle timeout applies. */
    public void firstToken() {
        if (!firstTokenSeen) {
            lastActivity = System.nanoTime();
            firstTokenSeen = true;
        }
    }

    /**
     * The answer is complete; the rest of the body (normally just the end of the chunked
     * encoding) is read within {@code grace} so that the connection can be reused, or closed.
     */
    public void drainFor(Duration grace) {
        drainDeadline = System.nanoTime() + grace.toNanos();
        draining = true;
    }

    /** The deadline that expired, or null. */
    public ErrorKind expired() {
        return expired;
    }

    @Override
    public void close() {
        closed = true;
        watchdog.unwatch(sweep);
    }

    private void check(long now) {
        if (closed) {
            watchdog.unwatch(sweep); // closed while watch() was adding it
            return;
        }
        if (draining) {
            if (now - drainDeadline >= 0) {
                watchdog.unwatch(sweep);
                closeBody();
            }
            return;
        }
        ErrorKind due = due(now);
        if (due != null) {
            expired = due;
            watchdog.unwatch(sweep);
            closeBody();
        }
    }

    /** The earliest deadline that has passed, or null. */
    private ErrorKind due(long now) {
        long total = start + totalNanos;
        boolean waitingFirstToken = streaming && !firstTokenSeen;
        long phase = waitingFirstToken ? start + firstTokenNanos : lastActivity + idleNanos;
        if (now - phase >= 0 && phase - total < 0) {
            return waitingFirstToken ? ErrorKind.FIRST_TOKEN_TIMEOUT : ErrorKind.IDLE_TIMEOUT;
        }
        return now - total >= 0 ? ErrorKind.TOTAL_TIMEOUT : null;
    }

    private void closeBody() {
        InputStream stream = body;
        if (stream != null) {
            try {
                stream.close(); // wakes the reader; the JDK client aborts the exchange
            } catch (IOException ignored) {
                // already broken: the reader sees that too
            }
        }
    }

    /** Records the time of every read that returned bytes. */
    private final class ActivityStream extends FilterInputStream {
        ActivityStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                lastActivity = System.nanoTime();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                lastActivity = System.nanoTime();
            }
            return n;
        }
    }
}
