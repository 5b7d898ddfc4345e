package dev.tutorgate.provider.emulator;

/**
 * A key's rate-limit window as the rate-limit headers report it.
 *
 * @param requestLimit requests per minute (the configured limit, or a nominal one when none is enforced)
 * @param requestsRemaining requests left in the current minute
 * @param tokenLimit tokens per minute (nominal: tokens are reported, not enforced)
 * @param tokensRemaining tokens left in the current minute
 * @param resetAtMs when the current window ends, epoch milliseconds
 * @param nowMs when this state was read
 */
record RateState(int requestLimit, int requestsRemaining, long tokenLimit, long tokensRemaining,
                 long resetAtMs, long nowMs) {

    long resetInMs() {
        return Math.max(0, resetAtMs - nowMs);
    }

    /** OpenAI's duration format for x-ratelimit-reset-*: {@code 12ms}, {@code 1.5s}, {@code 1m0s}. */
    String resetDuration() {
        long ms = resetInMs();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms >= 60_000) {
            long s = ms / 1000;
            return (s / 60) + "m" + (s % 60) + "s";
        }
        long tenths = ms / 100;
        return tenths % 10 == 0 ? (tenths / 10) + "s" : (tenths / 10) + "." + (tenths % 10) + "s";
    }
}
