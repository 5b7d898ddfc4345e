package dev.tutorgate.scaling;

import dev.tutorgate.provider.RateLimitSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a provider's rate-limit headers said about a key's account, and when. Fields are null when
 * the header was absent. The provider counts everything sent on the account — other applications
 * sharing the organisation or project included — so while recent its figures beat our own count.
 *
 * @param observedAt when the reply carrying the headers arrived
 */
public record ProviderView(
        Long requestsLimit,
        Long requestsRemaining,
        Instant requestsReset,
        Long tokensLimit,
        Long tokensRemaining,
        Instant tokensReset,
        Instant observedAt) {

    public ProviderView {
        Objects.requireNonNull(observedAt, "observedAt");
    }

    static ProviderView of(RateLimitSnapshot snapshot, Instant observedAt) {
        return new ProviderView(snapshot.requestsLimit(), snapshot.requestsRemaining(), snapshot.requestsReset(),
                snapshot.tokensLimit(), snapshot.tokensRemaining(), snapshot.tokensReset(), observedAt);
    }

    /** Recent enough to stand for the account's use now: observed at most {@code maxAge} before {@code now}. */
    public boolean freshAt(Instant now, Duration maxAge) {
        return !observedAt.plus(maxAge).isBefore(now);
    }

    /** Requests the provider counted as used, as of {@code now}; null when it did not say. */
    public Long requestsUsedAt(Instant now) {
        return usedAt(requestsLimit, requestsRemaining, requestsReset, now);
    }

    /** Tokens the provider counted as used, as of {@code now}; null when it did not say. */
    public Long tokensUsedAt(Instant now) {
        return usedAt(tokensLimit, tokensRemaining, tokensReset, now);
    }

    /**
     * limit − remaining, until the reset time: by then the provider's window has refilled, so none
     * of what it counted is used any more (both vendors' reset means "fully replenished").
     */
    private static Long usedAt(Long limit, Long remaining, Instant reset, Instant now) {
        if (limit == null || remaining == null) {
            return null;
        }
        if (reset != null && !now.isBefore(reset)) {
            return 0L;
        }
        return Math.max(0, limit - Math.max(0, remaining));
    }
}
