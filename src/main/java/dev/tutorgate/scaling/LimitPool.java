package dev.tutorgate.scaling;

import dev.tutorgate.limits.KeyUsage;
import dev.tutorgate.limits.ProviderLimits;
import dev.tutorgate.limits.ProviderThrottle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keys counted against one set of limits: a single key with limits of its own, or every key of an
 * account whose limits they share. Holds the latest provider view per key, the warning state and
 * the recent peaks. The common path (no warning, none due) reads one volatile field and takes no lock.
 */
final class LimitPool {
    /** A warning is raised at most once a minute per pool: the window of the limits it watches. */
    static final Duration WARNING_WINDOW = Duration.ofMinutes(1);
    /** A minute and the throttle's one slot of caution. */
    private static final Duration RECENT = Duration.ofSeconds(61);

    final String id;
    final String provider;
    final boolean shared;
    final ProviderLimits limits;
    final List<Key> keys;
    final RecentPeaks peaks = new RecentPeaks();

    private volatile boolean warned;
    private Instant warnedAt; // guarded by this
    /** The last evaluation, for the provider's combined use without reading every key again. */
    private volatile Counts latest;

    /** One key of the pool and the provider's latest word on it. */
    static final class Key {
        final String alias;
        final LimitPool pool;
        volatile ProviderView view;

        Key(String alias, LimitPool pool) {
            this.alias = alias;
            this.pool = pool;
        }
    }

    /** What changed in the warning state at one evaluation. */
    enum Change { NONE, RAISED, CLEARED }

    /**
     * The pool's use at one moment, before any rounding. A null limit is not limited.
     *
     * @param view the provider view the figures rest on (fresh, newest of the pool's keys), or null
     * @param at   when they were counted
     */
    record Counts(long requests, Long requestLimit, boolean requestsByProvider,
                  long tokens, Long tokenLimit, boolean tokensByProvider,
                  long daily, Long dailyLimit, int queued, ProviderView view, Instant at) {
    }

    LimitPool(String id, String provider, boolean shared, ProviderLimits limits, List<String> aliases) {
        this.id = id;
        this.provider = provider;
        this.shared = shared;
        this.limits = limits;
        this.keys = aliases.stream().map(alias -> new Key(alias, this)).toList();
    }

    /**
     * Our own count (summed over the pool's keys; a throttle lane shared by several of them counts
     * once) against the provider's freshest view: the provider's limit wins when it sends one, and
     * its use wins when it is not below ours (it also sees other applications on the account; ours
     * is newer, so it is the floor).
     */
    Counts count(Instant now, ProviderThrottle throttle, Duration maxViewAge) {
        long ownRequests = 0;
        long ownTokens = 0;
        long ownDaily = 0;
        int queued = 0;
        String sharedLane = null;
        for (Key key : keys) {
            KeyUsage usage = throttle.usage(key.alias);
            if (!usage.keyAlias().equals(key.alias)) {
                if (usage.keyAlias().equals(sharedLane)) {
                    continue;
                }
                sharedLane = usage.keyAlias();
            }
            ownRequests += usage.requestsLastMinute();
            ownTokens += usage.tokensLastMinute();
            ownDaily += usage.requestsLastDay();
            queued += usage.queued();
        }
        ProviderView view = freshestView(now, maxViewAge);
        Long providerRequests = view == null ? null : view.requestsUsedAt(now);
        Long providerTokens = view == null ? null : view.tokensUsedAt(now);
        boolean requestsByProvider = providerRequests != null && providerRequests >= ownRequests;
        boolean tokensByProvider = providerTokens != null && providerTokens >= ownTokens;
        return new Counts(
                requestsByProvider ? providerRequests : ownRequests,
                view != null && view.requestsLimit() != null ? view.requestsLimit() : limits.rpm(),
                requestsByProvider,
                tokensByProvider ? providerTokens : ownTokens,
                view != null && view.tokensLimit() != null ? view.tokensLimit() : limits.tpm(),
                tokensByProvider,
                ownDaily,
                limits.rpd(),
                queued,
                view,
                now);
    }

    /** The newest view of any of the pool's keys, if it is still fresh. */
    ProviderView freshestView(Instant now, Duration maxAge) {
        ProviderView newest = null;
        for (Key key : keys) {
            ProviderView view = key.view;
            if (view != null && (newest == null || view.observedAt().isAfter(newest.observedAt()))) {
                newest = view;
            }
        }
        return newest != null && newest.freshAt(now, maxAge) ? newest : null;
    }

    /**
     * Moves the warning state: raised when use reaches the share (at most once per
     * {@link #WARNING_WINDOW}, however often it flaps), cleared when it falls below.
     */
    Change check(boolean high, Instant now) {
        if (high == warned) {
            return Change.NONE;
        }
        synchronized (this) {
            if (high == warned) {
                return Change.NONE;
            }
            warned = high;
            if (!high) {
                return Change.CLEARED;
            }
            if (warnedAt != null && now.isBefore(warnedAt.plus(WARNING_WINDOW))) {
                return Change.NONE;
            }
            warnedAt = now;
            return Change.RAISED;
        }
    }

    void remember(Counts counts) {
        latest = counts;
    }

    /**
     * The last counts, if taken within the minute before {@code now}; older ones have wholly left
     * the window since, so they no longer count. Between evaluations they can only overstate.
     */
    Counts latest(Instant now) {
        Counts c = latest;
        return c != null && !c.at().plus(RECENT).isBefore(now) ? c : null;
    }

    boolean warned() {
        return warned;
    }

    synchronized Instant warnedAt() {
        return warnedAt;
    }
}
