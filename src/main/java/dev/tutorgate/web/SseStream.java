package dev.tutorgate.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Server-Sent Events response written straight to the socket: every event is flushed as it is
 * written (no buffering), a comment line keeps the connection alive while nothing else is said,
 * and the first failed write marks the stream closed — that is how a departed client is noticed.
 */
public final class SseStream implements AutoCloseable {
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    private final long heartbeatNanos;
    private final ScheduledFuture<?> heartbeat;
    private volatile boolean open = true;
    private volatile long lastWriteNanos = System.nanoTime();

    private SseStream(OutputStream out, ScheduledExecutorService scheduler, Duration heartbeatEvery) {
        this.out = out;
        this.heartbeatNanos = heartbeatEvery.toNanos();
        long period = Math.max(1, heartbeatEvery.toMillis() / 2);
        this.heartbeat = scheduler.scheduleAtFixedRate(
                () -> Thread.startVirtualThread(this::beatIfIdle), period, period, TimeUnit.MILLISECONDS);
    }

    /** Commits a 200 {@code text/event-stream} response and returns the stream to write events to. */
    public static SseStream start(Context ctx, ScheduledExecutorService scheduler, Duration heartbeatEvery) {
        var response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache, no-transform");
        response.setHeader("X-Accel-Buffering", "no"); // tell nginx-like proxies not to buffer
        try {
            OutputStream out = response.getOutputStream();
            response.flushBuffer();
            return new SseStream(out, scheduler, heartbeatEvery);
        } catch (IOException e) {
            SseStream closed = new SseStream(OutputStream.nullOutputStream(), scheduler, heartbeatEvery);
            closed.close();
            return closed;
        }
    }

    /** {@code event: NAME} + {@code data: JSON}. Returns false once the client has gone. */
    public boolean event(String name, String json) {
        return write("event: " + name + "\ndata: " + json + "\n\n");
    }

    /** A data-only event (OpenAI's stream format). */
    public boolean data(String payload) {
        return write("data: " + payload + "\n\n");
    }

    /** A comment line that keeps the connection alive; clients ignore it. */
    public boolean heartbeat() {
        return write(HEARTBEAT);
    }

    private boolean write(String frame) {
        return write(frame.getBytes(StandardCharsets.UTF_8));
    }

    private boolean write(byte[] frame) {
        if (!open) {
            return false;
        }
        writing.lock();
        try {
            out.write(frame);
            out.flush();
            lastWriteNanos = System.nanoTime();
            return true;
        } catch (IOException | RuntimeException clientGone) {
            close();
            return false;
        } finally {
            writing.unlock();
        }
    }

    private void beatIfIdle() {
        if (open && System.nanoTime() - lastWriteNanos >= heartbeatNanos && writing.tryLock()) {
            try {
                if (open) {
                    out.write(HEARTBEAT);
                    out.flush();
                    lastWriteNanos = System.nanoTime();
                }
            } catch (IOException | RuntimeException clientGone) {
                close();
            } finally {
                writing.unlock();
            }
        }
    }

    /** Stops the heartbeat; the response itself ends when the handler returns. */
    @Override
    public void close() {
        open = false;
        heartbeat.cancel(false);
    }
}
