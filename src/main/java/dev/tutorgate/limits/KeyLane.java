package dev.tutorgate.limits;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One provider key: its windows, its queue of waiting requests, its figures. All state is guarded
 * by {@link #lock}, which is held only for counting, never while a request is sent; waiting
 * releases it ({@link Condition#awaitNanos}), so virtual threads park instead of pinning a carrier.
 *
 * <p>Fair: only the request at the head of the queue may take room, so a small request never
 * overtakes a larger one that came first (no starvation); the head wakes exactly when its room
 * appears, the others when they become the head or their time is up.
 */
final class KeyLane {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final String alias;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Condition> waiting = new ArrayDeque<>();
    // Minutes in 1-second slots, the day in 1-minute slots: at most one slot of extra caution each.
    private final SlidingWindow requestsPerMinute = new SlidingWindow(MINUTE, 60);
    private final SlidingWindow tokensPerMinute = new SlidingWindow(MINUTE, 60);
    private final SlidingWindow outputTokensPerMinute = new SlidingWindow(MINUTE, 60);
    private final SlidingWindow requestsPerDay = new SlidingWindow(DAY, 1440);
    private volatile ProviderLimits limits;
    /** Tokens charged to permits not yet completed: what completions could still give back. */
    private long outstandingTokens;
    private long outstandingOutputTokens;
    private long admitted;
    private long refused;

    KeyLane(String alias, ProviderLimits limits, Ticker ticker) {
        this.alias = alias;
        this.limits = limits;
        this.ticker = ticker;
    }

    void setLimits(ProviderLimits newLimits) {
        lock.lock();
        try {
            limits = newLimits;
            signalHead();
        } finally {
            lock.unlock();
        }
    }

    ThrottlePermit acquire(long inputTokens, long maxOutputTokens, long maxWaitNanos, int maxQueue) throws ThrottledException {
        if (inputTokens < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        lock.lock();
        try {
            ProviderLimits l = limits;
            long tokens = l.tpmCharge(inputTokens, maxOutputTokens);
            long now = ticker.nanoTime();
            long wait = nanosUntilRoom(l, tokens, maxOutputTokens, now);
            if (wait == Long.MAX_VALUE) {
                throw refuse(ThrottledException.Reason.TOO_LARGE, Duration.ofMinutes(1));
            }
            if (waiting.isEmpty()) {
                if (wait == 0) {
                    return admit(tokens, maxOutputTokens, now);
                }
                if (wait > maxWaitNanos && !completionsCouldMakeRoom(l, tokens, maxOutputTokens, now)) {
                    throw refuse(ThrottledException.Reason.WAIT_TOO_LONG, Duration.ofNanos(wait));
                }
            }
            if (waiting.size() >= maxQueue) {
                throw refuse(ThrottledException.Reason.QUEUE_FULL, Duration.ofNanos(maxWaitNanos));
            }
            return awaitRoom(inputTokens, maxOutputTokens, now + maxWaitNanos);
        } finally {
            lock.unlock();
        }
    }

    private ThrottlePermit awaitRoom(long inputTokens, long maxOutputTokens, long deadline) throws ThrottledException {
        Condition turn = lock.newCondition();
        waiting.addLast(turn);
        try {
            while (true) {
                ProviderLimits l = limits;
                long tokens = l.tpmCharge(inputTokens, maxOutputTokens);
                long now = ticker.nanoTime();
                long left = deadline - now;
                long wait = nanosUntilRoom(l, tokens, maxOutputTokens, now);
                boolean head = waiting.peekFirst() == turn;
                if (head && wait == 0) {
                    leaveQueue(turn);
                    return admit(tokens, maxOutputTokens, now);
                }
                // The head knows when its room comes; only completions under their estimates could bring it sooner.
                boolean outOfTime = left <= 0
                        || head && wait > left && !completionsCouldMakeRoom(l, tokens, maxOutputTokens, now);
                if (outOfTime) {
                    leaveQueue(turn);
                    throw refuse(ThrottledException.Reason.WAIT_TOO_LONG, Duration.ofNanos(Math.min(wait, DAY.toNanos())));
                }
                turn.awaitNanos(head ? Math.min(wait, left) : left);
            }
        } catch (InterruptedException e) {
            leaveQueue(turn);
            Thread.currentThread().interrupt();
            throw refuse(ThrottledException.Reason.INTERRUPTED, Duration.ZERO);
        }
    }

    /** Called when time jumps (manual tickers): everyone looks at the clock again. */
    void wakeAll() {
        lock.lock();
        try {
            waiting.forEach(Condition::signal);
        } finally {
            lock.unlock();
        }
    }

    KeyUsage usage() {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            return new KeyUsage(alias, limits, requestsPerMinute.used(now), tokensPerMinute.used(now),
                    outputTokensPerMinute.used(now), requestsPerDay.used(now), waiting.size(), admitted, refused);
        } finally {
            lock.unlock();
        }
    }

    private ThrottlePermit admit(long tokens, long outputTokens, long now) {
        requestsPerMinute.add(now, 1);
        requestsPerDay.add(now, 1);
        tokensPerMinute.add(now, tokens);
        outputTokensPerMinute.add(now, outputTokens);
        outstandingTokens += tokens;
        outstandingOutputTokens += outputTokens;
        admitted++;
        return new Permit(now, tokens, outputTokens);
    }

    private ThrottledException refuse(ThrottledException.Reason reason, Duration retryAfter) {
        refused++;
        return new ThrottledException(reason, alias, retryAfter);
    }

    private void leaveQueue(Condition turn) {
        boolean wasHead = waiting.peekFirst() == turn;
        waiting.remove(turn);
        if (wasHead) {
            signalHead();
        }
    }

    private void signalHead() {
        Condition head = waiting.peekFirst();
        if (head != null) {
            head.signal();
        }
    }

    /** 0 when the request fits every limit now; otherwise when it will by time alone; MAX_VALUE if never. */
    private long nanosUntilRoom(ProviderLimits l, long tokens, long outputTokens, long now) {
        long wait = 0;
        wait = Math.max(wait, room(requestsPerMinute, l.rpm(), 1, now));
        wait = Math.max(wait, room(requestsPerDay, l.rpd(), 1, now));
        wait = Math.max(wait, room(tokensPerMinute, l.tpm(), tokens, now));
        wait = Math.max(wait, room(outputTokensPerMinute, l.outputTpm(), outputTokens, now));
        return wait;
    }

    private static long room(SlidingWindow window, Long limit, long amount, long now) {
        return limit == null ? 0 : window.nanosUntilRoom(now, amount, limit);
    }

    /**
     * Whether permits still out could, by completing under their estimates, make room for this
     * request before time does: only tokens come back that way, never requests.
     */
    private boolean completionsCouldMakeRoom(ProviderLimits l, long tokens, long outputTokens, long now) {
        if (room(requestsPerMinute, l.rpm(), 1, now) != 0 || room(requestsPerDay, l.rpd(), 1, now) != 0) {
            return false;
        }
        boolean tokensOk = l.tpm() == null || tokensPerMinute.used(now) - outstandingTokens + tokens <= l.tpm();
        boolean outputOk = l.outputTpm() == null
                || outputTokensPerMinute.used(now) - outstandingOutputTokens + outputTokens <= l.outputTpm();
        return tokensOk && outputOk;
    }

    private final class Permit implements ThrottlePermit {
        private final long at;
        private final long tokens;
        private final long outputTokens;
        private boolean done; // guarded by lock

        Permit(long at, long tokens, long outputTokens) {
            this.at = at;
            this.tokens = tokens;
            this.outputTokens = outputTokens;
        }

        @Override
        public void complete(long inputTokens, long actualOutputTokens) {
            if (inputTokens < 0 || actualOutputTokens < 0) {
                throw new IllegalArgumentException("token counts must not be negative");
            }
            lock.lock();
            try {
                if (end()) {
                    long now = ticker.nanoTime();
                    tokensPerMinute.adjust(at, now, limits.tpmCharge(inputTokens, actualOutputTokens) - tokens);
                    outputTokensPerMinute.adjust(at, now, actualOutputTokens - outputTokens);
                    signalHead();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                if (end()) {
                    long now = ticker.nanoTime();
                    requestsPerMinute.adjust(at, now, -1);
                    requestsPerDay.adjust(at, now, -1);
                    tokensPerMinute.adjust(at, now, -tokens);
                    outputTokensPerMinute.adjust(at, now, -outputTokens);
                    signalHead();
                }
            } finally {
                lock.unlock();
            }
        }

        private boolean end() {
            if (done) {
                return false;
            }
            done = true;
            outstandingTokens -= tokens;
            outstandingOutputTokens -= outputTokens;
            return true;
        }
    }
}
