package dev.tutorgate.limits;

/**
 * One key's use as the throttle counted it, and what it has left (null where there is no limit).
 *
 * @param tokensLastMinute       counted as the limits' {@code tpmCounts} says
 * @param outputTokensLastMinute output tokens (estimates until calls complete)
 * @param queued                 requests waiting for room right now
 * @param admitted               requests let through since start
 * @param refused                requests refused since start (any reason)
 */
public record KeyUsage(
        String keyAlias,
        ProviderLimits limits,
        long requestsLastMinute,
        long tokensLastMinute,
        long outputTokensLastMinute,
        long requestsLastDay,
        int queued,
        long admitted,
        long refused) {

    public Long rpmHeadroom() {
        return headroom(limits.rpm(), requestsLastMinute);
    }

    public Long tpmHeadroom() {
        return headroom(limits.tpm(), tokensLastMinute);
    }

    public Long outputTpmHeadroom() {
        return headroom(limits.outputTpm(), outputTokensLastMinute);
    }

    public Long rpdHeadroom() {
        return headroom(limits.rpd(), requestsLastDay);
    }

    private static Long headroom(Long limit, long used) {
        return limit == null ? null : Math.max(0, limit - used);
    }
}
