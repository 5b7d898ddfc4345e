package dev.tutorgate.provider.emulator;

/** An error answer, independent of the protocol; each dialect renders it in its own shape. */
sealed interface ErrorCase {
    /** The label recorded as the call's outcome. */
    String outcome();

    /** 429 that clears soon, with a retry hint. */
    record RateLimited(long retryAfterMs, int limit) implements ErrorCase {
        public String outcome() {
            return FaultKind.RATE_LIMIT.id();
        }
    }

    /** 429 that will not clear today. */
    record QuotaExhausted() implements ErrorCase {
        public String outcome() {
            return FaultKind.DAILY_QUOTA.id();
        }
    }

    /** A 5xx, in the flavour of {@code kind}: OVERLOADED, UNAVAILABLE, SERVER_ERROR or GATEWAY_TIMEOUT. */
    record ServerTrouble(FaultKind kind) implements ErrorCase {
        public String outcome() {
            return kind.id();
        }
    }

    /** A key that the provider refuses. */
    record InvalidKey(String key) implements ErrorCase {
        public String outcome() {
            return FaultKind.INVALID_KEY.id();
        }
    }

    /** No key at all. */
    record MissingKey() implements ErrorCase {
        public String outcome() {
            return "missing-key";
        }
    }

    /** Anthropic without the anthropic-version header. */
    record MissingVersion() implements ErrorCase {
        public String outcome() {
            return "missing-version";
        }
    }

    record ContextTooLong(long promptTokens, long limit) implements ErrorCase {
        public String outcome() {
            return FaultKind.CONTEXT_TOO_LONG.id();
        }
    }

    /** The request itself is wrong: malformed JSON, a missing or unknown field. */
    record BadRequest(String message) implements ErrorCase {
        public String outcome() {
            return "bad-request";
        }
    }

    record TooLarge(long limitBytes) implements ErrorCase {
        public String outcome() {
            return "too-large";
        }
    }

    /** An unknown Gemini method or model path. */
    record NotFound(String message) implements ErrorCase {
        public String outcome() {
            return "not-found";
        }
    }
}
