package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the fault script: what to do ({@link #kind}), to which calls (optional protocol,
 * model and key matchers) and how many times. Immutable; the withers return copies.
 *
 * <p>Text form (CLI {@code --fault}, control API): {@code kind[,name=value]...}, for example
 * {@code rate-limit,retry=5s,times=2,protocol=openai} or {@code cut-stream,after=10}. Names:
 * {@code times} (a count, or {@code *} for ever), {@code protocol}, {@code model}, {@code key},
 * {@code retry} (rate-limit hint: {@code 3s}, {@code 1500ms}, {@code 3}), {@code after}
 * (tokens before a cut or an error event), {@code for} (hang duration; absent = until the
 * emulator stops).
 *
 * @param retryAfterMs the retry hint of {@link FaultKind#RATE_LIMIT}
 * @param afterTokens tokens sent before {@link FaultKind#CUT_STREAM} or {@link FaultKind#ERROR_EVENT}
 * @param hangMs how long a hang lasts; 0 = until the emulator stops
 */
public record Fault(FaultKind kind, int times, Protocol protocol, String model, String key,
                    long retryAfterMs, int afterTokens, long hangMs) {

    /** {@link #times} of a fault that is never used up. */
    public static final int FOREVER = Integer.MAX_VALUE;
    static final long DEFAULT_RETRY_MS = 3_000;
    static final int DEFAULT_AFTER_TOKENS = 5;

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        if (retryAfterMs < 0 || afterTokens < 0 || hangMs < 0) {
            throw new IllegalArgumentException("retry, after and hang durations must not be negative");
        }
        model = blankToNull(model);
        key = blankToNull(key);
    }

    public static Fault of(FaultKind kind) {
        return new Fault(kind, 1, null, null, null, DEFAULT_RETRY_MS, DEFAULT_AFTER_TOKENS, 0);
    }

    /** 429 whose hint (RetryInfo / retry-after-ms / retry-after) says {@code retryAfter}. */
    public static Fault rateLimit(Duration retryAfter) {
        return of(FaultKind.RATE_LIMIT).retryAfter(retryAfter);
    }

    /** The connection drops after {@code tokens} answer tokens, without the end marker. */
    public static Fault cutAfter(int tokens) {
        return of(FaultKind.CUT_STREAM).afterTokens(tokens);
    }

    /** After HTTP 200 and {@code tokens} answer tokens, an error event ends the stream. */
    public static Fault errorEventAfter(int tokens) {
        return of(FaultKind.ERROR_EVENT).afterTokens(tokens);
    }

    /** No response at all until the emulator stops (the client's timeout must fire). */
    public static Fault hangBeforeHeaders() {
        return of(FaultKind.HANG_BEFORE_HEADERS);
    }

    /** HTTP 200 and headers, then no token until the emulator stops. */
    public static Fault hangAfterHeaders() {
        return of(FaultKind.HANG_AFTER_HEADERS);
    }

    public Fault times(int n) {
        return new Fault(kind, n, protocol, model, key, retryAfterMs, afterTokens, hangMs);
    }

    public Fault forever() {
        return times(FOREVER);
    }

    public Fault on(Protocol onlyProtocol) {
        return new Fault(kind, times, onlyProtocol, model, key, retryAfterMs, afterTokens, hangMs);
    }

    public Fault onModel(String onlyModel) {
        return new Fault(kind, times, protocol, onlyModel, key, retryAfterMs, afterTokens, hangMs);
    }

    public Fault onKey(String onlyKey) {
        return new Fault(kind, times, protocol, model, onlyKey, retryAfterMs, afterTokens, hangMs);
    }

    public Fault retryAfter(Duration hint) {
        return new Fault(kind, times, protocol, model, key, hint.toMillis(), afterTokens, hangMs);
    }

    public Fault afterTokens(int tokens) {
        return new Fault(kind, times, protocol, model, key, retryAfterMs, tokens, hangMs);
    }

    /** A finite hang: afterwards the call proceeds as if nothing happened. */
    public Fault hangFor(Duration duration) {
        return new Fault(kind, times, protocol, model, key, retryAfterMs, afterTokens, duration.toMillis());
    }

    /** Whether this fault applies to the described call. */
    public boolean matches(Protocol callProtocol, String callModel, String callKey, boolean streamed) {
        return (protocol == null || protocol == callProtocol)
                && (model == null || model.equals(callModel))
                && (key == null || key.equals(callKey))
                && (streamed || !kind.streamOnly());
    }

    /** The same fault with one use consumed; null when it is used up. */
    Fault consumedOnce() {
        if (times == FOREVER) {
            return this;
        }
        return times == 1 ? null : times(times - 1);
    }

    /** Parses the text form (see the class comment). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Fault parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty fault spec");
        }
        String[] parts = spec.trim().split(",");
        Fault fault = of(FaultKind.fromId(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("fault option '" + part + "' is not name=value (in '" + spec + "')");
            }
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            fault = switch (name) {
                case "times" -> value.equals("*") || value.equalsIgnoreCase("forever")
                        ? fault.forever() : fault.times(parseInt(name, value));
                case "protocol" -> fault.on(Protocol.fromId(value));
                case "model" -> fault.onModel(value);
                case "key" -> fault.onKey(value);
                case "retry" -> fault.retryAfter(parseDuration(name, value));
                case "after" -> fault.afterTokens(parseInt(name, value));
                case "for" -> fault.hangFor(parseDuration(name, value));
                default -> throw new IllegalArgumentException("unknown fault option '" + name
                        + "' (times, protocol, model, key, retry, after, for)");
            };
        }
        return fault;
    }

    /** The JSON object form; absent fields take the defaults of {@link #of}. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static Fault fromJson(@JsonProperty("kind") FaultKind kind, @JsonProperty("times") Integer times,
                          @JsonProperty("protocol") Protocol protocol, @JsonProperty("model") String model,
                          @JsonProperty("key") String key, @JsonProperty("retryAfterMs") Long retryAfterMs,
                          @JsonProperty("afterTokens") Integer afterTokens, @JsonProperty("hangMs") Long hangMs) {
        if (kind == null) {
            throw new IllegalArgumentException("a fault needs a kind (" + FaultKind.ids() + ")");
        }
        return new Fault(kind, times == null ? 1 : times, protocol, model, key,
                retryAfterMs == null ? DEFAULT_RETRY_MS : retryAfterMs,
                afterTokens == null ? DEFAULT_AFTER_TOKENS : afterTokens, hangMs == null ? 0 : hangMs);
    }

    /** The text form, parseable by {@link #parse}. */
    public String spec() {
        StringBuilder s = new StringBuilder(kind.id());
        if (times != 1) {
            s.append(",times=").append(times == FOREVER ? "*" : String.valueOf(times));
        }
        if (protocol != null) {
            s.append(",protocol=").append(protocol.id());
        }
        if (model != null) {
            s.append(",model=").append(model);
        }
        if (key != null) {
            s.append(",key=").append(key);
        }
        switch (kind) {
            case RATE_LIMIT -> s.append(",retry=").append(retryAfterMs).append("ms");
            case CUT_STREAM, ERROR_EVENT -> s.append(",after=").append(afterTokens);
            case HANG_BEFORE_HEADERS, HANG_AFTER_HEADERS -> {
                if (hangMs > 0) {
                    s.append(",for=").append(hangMs).append("ms");
                }
            }
            default -> {
            }
        }
        return s.toString();
    }

    /** Parses {@code 1500ms}, {@code 3s}, {@code 1.5s}, {@code 2m} or a plain number of seconds. */
    static Duration parseDuration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            BigDecimal unitMs = BigDecimal.valueOf(1000);
            if (v.endsWith("m")) {
                unitMs = BigDecimal.valueOf(60_000);
                v = v.substring(0, v.length() - 1);
            } else if (v.endsWith("s")) {
                v = v.substring(0, v.length() - 1);
            }
            BigDecimal ms = new BigDecimal(v.trim()).multiply(unitMs);
            if (ms.signum() < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms.longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a duration (e.g. 3s, 1500ms, 2m)");
        }
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return spec();
    }
}
