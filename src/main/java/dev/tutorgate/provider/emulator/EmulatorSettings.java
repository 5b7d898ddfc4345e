package dev.tutorgate.provider.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the emulator behaves: timing, answer length, usage, random failures and persistent key
 * rules. Immutable and validated; change a running emulator with
 * {@link Emulator#settings(EmulatorSettings)} or {@code PUT /_emulator/settings}.
 *
 * @param profile the profile these settings started from (informational)
 * @param latencyMs delay before the status line and headers, on every call
 * @param ttftMs further delay from the headers to the first answer token
 * @param tokensPerSecond answer pacing after the first token; 0 = as fast as possible
 * @param answerTokens answer length in tokens (cut short by the request's max output tokens)
 * @param tokensPerChunk answer tokens per streamed event
 * @param cachedFraction part of the prompt reported as cached (0–1), per each protocol's semantics
 * @param thinkingTokens thinking/reasoning tokens reported on top of the answer (0 = none)
 * @param failureRate chance (0–1) that an otherwise healthy call fails with a random 503/529 or 429
 * @param randomSeed seed of the random failures, so that a flaky run can be replayed
 * @param requestsPerMinutePerKey per-key request limit enforced with real 429s; 0 = no limit
 * @param validKeys when not empty, only these keys are accepted (others get the invalid-key error)
 * @param invalidKeys keys that always get the invalid-key error
 * @param contextWindowTokens context window of every model; 0 = the model catalog's (1,048,576 for unknown models)
 * @param citeLessons whether answers mention one of the lesson titles found in the prompt
 * @param maxBodyBytes larger request bodies get each provider's "too large" error
 * @param maxRecordedCalls how many calls {@link Emulator#calls()} keeps (the oldest are dropped)
 */
public record EmulatorSettings(
        String profile,
        long latencyMs,
        long ttftMs,
        double tokensPerSecond,
        int answerTokens,
        int tokensPerChunk,
        double cachedFraction,
        int thinkingTokens,
        double failureRate,
        long randomSeed,
        int requestsPerMinutePerKey,
        Set<String> validKeys,
        Set<String> invalidKeys,
        long contextWindowTokens,
        boolean citeLessons,
        int maxBodyBytes,
        int maxRecordedCalls) {

    public static final List<String> PROFILES = List.of("instant", "realistic", "flaky");

    public EmulatorSettings {
        profile = profile == null || profile.isBlank() ? "custom" : profile;
        validKeys = validKeys == null ? Set.of() : Set.copyOf(validKeys);
        invalidKeys = invalidKeys == null ? Set.of() : Set.copyOf(invalidKeys);
        requireNotNegative("latencyMs", latencyMs);
        requireNotNegative("ttftMs", ttftMs);
        requireNotNegative("contextWindowTokens", contextWindowTokens);
        requireNotNegative("requestsPerMinutePerKey", requestsPerMinutePerKey);
        requireNotNegative("thinkingTokens", thinkingTokens);
        if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
            throw new IllegalArgumentException("tokensPerSecond must be 0 (no pacing) or positive, got " + tokensPerSecond);
        }
        if (answerTokens < 1 || tokensPerChunk < 1) {
            throw new IllegalArgumentException("answerTokens and tokensPerChunk must be at least 1");
        }
        requireFraction("cachedFraction", cachedFraction);
        requireFraction("failureRate", failureRate);
        if (maxBodyBytes < 1024 || maxRecordedCalls < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024 and maxRecordedCalls not negative");
        }
    }

    /** Zero delays: the upstream of overhead benchmarks and of most tests. */
    public static EmulatorSettings instant() {
        return new Builder().build();
    }

    /** TTFT 500 ms, 50 tokens/s, 200-token answers, 80% of the prompt cached. */
    public static EmulatorSettings realistic() {
        return new Builder().profile("realistic").ttftMs(500).tokensPerSecond(50).cachedFraction(0.8).build();
    }

    /** Realistic, plus 10% of calls failing with a random 503/529 or 429. */
    public static EmulatorSettings flaky() {
        return realistic().toBuilder().profile("flaky").failureRate(0.1).build();
    }

    /** The named profile: instant, realistic or flaky. */
    public static EmulatorSettings profile(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "instant" -> instant();
            case "realistic" -> realistic();
            case "flaky" -> flaky();
            default -> throw new IllegalArgumentException("unknown profile '" + name + "' (" + String.join(", ", PROFILES) + ")");
        };
    }

    /** Whether the invalid-key error answers {@code key} (it is listed as invalid, or not among the valid keys). */
    public boolean refuses(String key) {
        return invalidKeys.contains(key) || (!validKeys.isEmpty() && !validKeys.contains(key));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }

    /** Collects values; {@link #build()} validates them. Starts from the instant profile. */
    public static final class Builder {
        private String profile = "instant";
        private long latencyMs;
        private long ttftMs;
        private double tokensPerSecond;
        private int answerTokens = 200;
        private int tokensPerChunk = 1;
        private double cachedFraction;
        private int thinkingTokens;
        private double failureRate;
        private long randomSeed = 42;
        private int requestsPerMinutePerKey;
        private Set<String> validKeys = Set.of();
        private Set<String> invalidKeys = Set.of();
        private long contextWindowTokens;
        private boolean citeLessons = true;
        private int maxBodyBytes = 32 * 1024 * 1024;
        private int maxRecordedCalls = 100_000;

        private Builder() {
        }

        private Builder(EmulatorSettings s) {
            profile = s.profile;
            latencyMs = s.latencyMs;
            ttftMs = s.ttftMs;
            tokensPerSecond = s.tokensPerSecond;
            answerTokens = s.answerTokens;
            tokensPerChunk = s.tokensPerChunk;
            cachedFraction = s.cachedFraction;
            thinkingTokens = s.thinkingTokens;
            failureRate = s.failureRate;
            randomSeed = s.randomSeed;
            requestsPerMinutePerKey = s.requestsPerMinutePerKey;
            validKeys = s.validKeys;
            invalidKeys = s.invalidKeys;
            contextWindowTokens = s.contextWindowTokens;
            citeLessons = s.citeLessons;
            maxBodyBytes = s.maxBodyBytes;
            maxRecordedCalls = s.maxRecordedCalls;
        }

        public Builder profile(String v) { profile = v; return this; }
        public Builder latencyMs(long v) { latencyMs = v; return this; }
        public Builder ttftMs(long v) { ttftMs = v; return this; }
        public Builder tokensPerSecond(double v) { tokensPerSecond = v; return this; }
        public Builder answerTokens(int v) { answerTokens = v; return this; }
        public Builder tokensPerChunk(int v) { tokensPerChunk = v; return this; }
        public Builder cachedFraction(double v) { cachedFraction = v; return this; }
        public Builder thinkingTokens(int v) { thinkingTokens = v; return this; }
        public Builder failureRate(double v) { failureRate = v; return this; }
        public Builder randomSeed(long v) { randomSeed = v; return this; }
        public Builder requestsPerMinutePerKey(int v) { requestsPerMinutePerKey = v; return this; }
        public Builder validKeys(Set<String> v) { validKeys = v; return this; }
        public Builder invalidKeys(Set<String> v) { invalidKeys = v; return this; }
        public Builder contextWindowTokens(long v) { contextWindowTokens = v; return this; }
        public Builder citeLessons(boolean v) { citeLessons = v; return this; }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder maxRecordedCalls(int v) { maxRecordedCalls = v; return this; }

        public EmulatorSettings build() {
            return new EmulatorSettings(profile, latencyMs, ttftMs, tokensPerSecond, answerTokens, tokensPerChunk,
                    cachedFraction, thinkingTokens, failureRate, randomSeed, requestsPerMinutePerKey, validKeys,
                    invalidKeys, contextWindowTokens, citeLessons, maxBodyBytes, maxRecordedCalls);
        }
    }
}
