package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a scripted fault does to the call it is applied to. */
public enum FaultKind {
    /** Answer normally: a placeholder that lets a script say "first call fine, second fails". */
    OK("ok"),
    /** 429 with the provider's own retry hint (Gemini RetryInfo, OpenAI retry-after-ms, Anthropic retry-after). */
    RATE_LIMIT("rate-limit"),
    /** 429 that will not clear today: Gemini PerDay quota, OpenAI insufficient_quota, Anthropic spend cap. */
    DAILY_QUOTA("daily-quota"),
    /** The provider's usual "overloaded": Gemini 503, OpenAI 503, Anthropic 529. */
    OVERLOADED("overloaded"),
    /** 503 on every protocol. */
    UNAVAILABLE("unavailable"),
    /** 500. */
    SERVER_ERROR("server-error"),
    /** 504. */
    GATEWAY_TIMEOUT("gateway-timeout"),
    /** The key is refused: Gemini 400 API_KEY_INVALID, OpenAI 401, Anthropic 401. */
    INVALID_KEY("invalid-key"),
    /** 400 "prompt too long" in each provider's wording. */
    CONTEXT_TOO_LONG("context-too-long"),
    /** Nothing at all (no status line) for the hang's duration, then a normal answer. */
    HANG_BEFORE_HEADERS("hang-before-headers"),
    /** 200 and headers, then silence before the first token for the hang's duration. */
    HANG_AFTER_HEADERS("hang-after-headers"),
    /** The connection is closed after N tokens, without the end marker. */
    CUT_STREAM("cut-stream"),
    /** After HTTP 200 and N tokens, an error event in the provider's stream format. Streamed calls only. */
    ERROR_EVENT("error-event");

    private final String id;

    FaultKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Whether the fault only makes sense inside a stream (it never matches a non-streamed call). */
    public boolean streamOnly() {
        return this == ERROR_EVENT;
    }

    @JsonCreator
    public static FaultKind fromId(String id) {
        for (FaultKind k : values()) {
            if (k.id.equalsIgnoreCase(id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + id + "' (" + ids() + ")");
    }

    static String ids() {
        return Arrays.stream(values()).map(FaultKind::id).collect(Collectors.joining(", "));
    }
}
