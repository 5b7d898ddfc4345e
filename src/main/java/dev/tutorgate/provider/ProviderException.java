package dev.tutorgate.provider;

import dev.tutorgate.core.Usage;
import java.time.Duration;

/**
 * A failed provider call, already classified. The message is safe to log (no API key); it is not
 * meant for students, who get a friendly text chosen by {@link ErrorKind}.
 *
 * <p>When a stream fails part-way, {@code partialText} holds what the student already received and
 * {@code reportedUsage} what the provider reported before the failure (null if nothing), so that
 * the ledger can record what the call cost.
 */
public class ProviderException extends Exception {
    private final ErrorKind kind;
    private final int httpStatus;
    private final Duration retryAfter;
    private final String partialText;
    private final Usage reportedUsage;
    private final RateLimitSnapshot rateLimits;

    public ProviderException(ErrorKind kind, int httpStatus, Duration retryAfter, String message,
                             String partialText, Usage reportedUsage, RateLimitSnapshot rateLimits, Throwable cause) {
        super(message, cause, false, cause != null);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.partialText = partialText == null ? "" : partialText;
        this.reportedUsage = reportedUsage;
        this.rateLimits = rateLimits == null ? RateLimitSnapshot.NONE : rateLimits;
    }

    public ProviderException(ErrorKind kind, int httpStatus, Duration retryAfter, String message) {
        this(kind, httpStatus, retryAfter, message, null, null, null, null);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The HTTP status the provider answered with; 0 when there was no HTTP response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The provider's own retry hint (Retry-After, retry-after-ms, Gemini RetryInfo), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Text already streamed to the caller before the failure ("" if none). */
    public String partialText() {
        return partialText;
    }

    /** Whether any answer text reached the caller before the failure. */
    public boolean outputStarted() {
        return !partialText.isEmpty();
    }

    /** Usage the provider reported before failing, or null when it reported none. */
    public Usage reportedUsage() {
        return reportedUsage;
    }

    public RateLimitSnapshot rateLimits() {
        return rateLimits;
    }

    /** A copy carrying the stream's progress, for code that learns it after the error was built. */
    public ProviderException withProgress(String partialText, Usage reportedUsage) {
        return new ProviderException(kind, httpStatus, retryAfter, getMessage(), partialText, reportedUsage,
                rateLimits, getCause());
    }
}
