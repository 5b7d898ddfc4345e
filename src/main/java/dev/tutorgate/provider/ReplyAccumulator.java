package dev.tutorgate.provider;

import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;

/**
 * What a stream decoder found so far: the text (forwarded to the caller's sink as it comes), the
 * latest usage and the finish reason. When the stream fails, this is the progress the exception
 * carries; when the sink refuses more text, {@link #cancelled()} turns true and reading stops.
 */
public final class ReplyAccumulator {
    private final TextSink sink;
    private final Runnable onFirstToken;
    private final StringBuilder text = new StringBuilder(1024);
    private Usage usage;
    private String finishReason;
    private boolean cancelled;
    private RuntimeException sinkFailure;

    public ReplyAccumulator(TextSink sink, Runnable onFirstToken) {
        this.sink = sink;
        this.onFirstToken = onFirstToken;
    }

    /** One piece of answer text; empty pieces are dropped. */
    public void text(String delta) {
        if (delta == null || delta.isEmpty() || cancelled) {
            return;
        }
        if (text.isEmpty()) {
            onFirstToken.run();
        }
        text.append(delta);
        try {
            if (!sink.accept(delta)) {
                cancelled = true;
            }
        } catch (RuntimeException failed) {
            // the caller could not take the text (e.g. the student's connection broke): same as refusing it
            cancelled = true;
            sinkFailure = failed;
        }
    }

    /** What the sink threw when it failed instead of returning false, or null. */
    public RuntimeException sinkFailure() {
        return sinkFailure;
    }

    /** The usage as reported so far (replaces any earlier report: providers send totals). */
    public void usage(Usage reported) {
        this.usage = reported;
    }

    public void finishReason(String reason) {
        this.finishReason = reason;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public String text() {
        return text.toString();
    }

    /** The usage reported so far, or null when the provider reported none. */
    public Usage usage() {
        return usage;
    }

    public String finishReason() {
        return finishReason;
    }

    public ProviderReply reply(RateLimitSnapshot rateLimits) {
        return new ProviderReply(text(), usage, finishReason, rateLimits);
    }
}
