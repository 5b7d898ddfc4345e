package dev.tutorgate.provider;

/**
 * What went wrong with a provider call. Every failure of every vendor maps to exactly one kind,
 * in the vendor's error mapper; nothing else in tutorgate parses provider errors.
 */
public enum ErrorKind {
    /** 429 that clears soon (RPM/TPM). Carries a retry hint when the provider sent one. */
    RATE_LIMITED(true),
    /** Daily quota, monthly cap, out of credits, billing: will not clear by retrying this key today. */
    QUOTA_EXHAUSTED(false),
    /** 503 / 529 / 500 / 502 / 504: the provider is overloaded or failing. */
    UNAVAILABLE(true),
    /** 401, 403, Gemini's 400 API_KEY_INVALID: the key is wrong, expired or lacks permission. */
    INVALID_KEY(false),
    /** The prompt does not fit the model's context window. */
    CONTEXT_TOO_LONG(false),
    /** Any other 4xx: our request was wrong; retrying the same request cannot help. */
    BAD_REQUEST(false),
    /** The provider refused the content (e.g. Gemini promptFeedback.blockReason). */
    CONTENT_BLOCKED(false),
    /** No TCP/TLS connection within the connect timeout. */
    CONNECT_TIMEOUT(true),
    /** Connected, but no first token within the time-to-first-token timeout. */
    FIRST_TOKEN_TIMEOUT(true),
    /** The stream went silent between chunks for longer than the idle timeout. */
    IDLE_TIMEOUT(true),
    /** The whole call took longer than the total timeout. */
    TOTAL_TIMEOUT(true),
    /** Connection refused or reset before a response arrived. */
    CONNECTION_FAILED(true),
    /** The stream ended early, was malformed, or carried an error event (also after HTTP 200). */
    STREAM_BROKEN(true),
    /** We stopped the call because the student went away. Not a provider failure. */
    CANCELLED(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether retrying the same request on the same key may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** The lower-case name used in the ledger, logs, metrics and API. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
