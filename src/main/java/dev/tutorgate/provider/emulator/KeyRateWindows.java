package dev.tutorgate.provider.emulator;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key one-minute windows: counts requests and tokens for the rate-limit headers and, when a
 * limit is configured, refuses requests beyond it (the caller answers with a real 429).
 * A window starts at a key's first request and lasts 60 s.
 */
final class KeyRateWindows {
    /** Advertised when no per-key limit is enforced. */
    static final int NOMINAL_REQUESTS_PER_MINUTE = 10_000;
    static final long NOMINAL_TOKENS_PER_MINUTE = 10_000_000;
    private static final long WINDOW_MS = 60_000;

    /** The admission decision and the window state after it. */
    record Admission(boolean allowed, RateState state) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * Counts one request of {@code tokens} tokens for {@code scope}, unless {@code limit} (> 0)
     * requests were already made in the current window.
     */
    Admission admit(String scope, int limit, long tokens, long nowMs) {
        Window w = windows.computeIfAbsent(scope, k -> new Window());
        int advertised = limit > 0 ? limit : NOMINAL_REQUESTS_PER_MINUTE;
        synchronized (w) {
            if (nowMs >= w.startMs + WINDOW_MS || nowMs < w.startMs) {
                w.startMs = nowMs;
                w.requests = 0;
                w.tokens = 0;
            }
            boolean allowed = limit <= 0 || w.requests < limit;
            if (allowed) {
                w.requests++;
                w.tokens += tokens;
            }
            RateState state = new RateState(advertised, Math.max(0, advertised - w.requests),
                    NOMINAL_TOKENS_PER_MINUTE, Math.max(0, NOMINAL_TOKENS_PER_MINUTE - w.tokens),
                    w.startMs + WINDOW_MS, nowMs);
            return new Admission(allowed, state);
        }
    }

    void clear() {
        windows.clear();
    }

    private static final class Window {
        long startMs = Long.MIN_VALUE / 2;
        int requests;
        long tokens;
    }
}
