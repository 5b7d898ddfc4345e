package dev.tutorgate.budget;

import dev.tutorgate.core.Money;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget guard: reserves a call's worst case against every budget that applies, all or
 * nothing, in one atomic step of the {@link CounterStore}; settles at the exact cost; lets
 * forgotten holds expire; and learns what the current periods spent before it started from the
 * {@link SpendHistory} (lazily, the first time each period's counter is needed).
 *
 * <p>Why it cannot be overspent: a hold is taken only if spent + reserved + worst case ≤ limit for
 * every budget at once, and a settle replaces the hold with the actual cost, which is at most the
 * worst case unless the caller's estimate was wrong. So spent + reserved never passes the limit
 * however many calls race. A call counts in the periods it was reserved in.
 */
public final class ReservingBudgetGuard implements BudgetGuard, BudgetStatusSource {
    private static final Logger log = LoggerFactory.getLogger(ReservingBudgetGuard.class);
    private static final BudgetScope[] APP_SCOPES = {BudgetScope.APP_DAILY, BudgetScope.APP_WEEKLY, BudgetScope.APP_MONTHLY};
    private static final BudgetScope[] STUDENT_SCOPES = {BudgetScope.STUDENT_DAILY, BudgetScope.STUDENT_MONTHLY};
    /** Expired holds are looked for at most this often on the reserve path (also see {@link #expireStale}). */
    private static final long EXPIRY_CHECK_MILLIS = 1000;
    /** Hold.ended, compare-and-set: a reservation's first settle or release wins without a lock or an extra object. */
    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(Hold.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BudgetLimits limits;
    private final CounterStore store;
    private final SpendHistory history;
    private final Clock clock;
    private final BudgetListener listener;
    private final AtomicLong nextExpiryCheck = new AtomicLong(Long.MIN_VALUE);
    private volatile Periods periods;

    public ReservingBudgetGuard(BudgetLimits limits, CounterStore store, SpendHistory history, Clock clock,
                                BudgetListener listener) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.store = Objects.requireNonNull(store, "store");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public ReservingBudgetGuard(BudgetLimits limits, CounterStore store, SpendHistory history, Clock clock) {
        this(limits, store, history, clock, BudgetListener.NONE);
    }

    @Override
    public Reservation reserve(String studentId, long worstCasePicos) throws BudgetExceededException {
        if (worstCasePicos < 0) {
            throw new IllegalArgumentException("worst case must not be negative: " + worstCasePicos);
        }
        Instant now = clock.instant();
        expireIfDue(now);
        Plan plan = plan(studentId, periodsAt(now));
        Instant expiresAt = now.plus(limits.reservationTtl());
        // Each round either holds, refuses, or seeds one more counter: at most one round per counter plus one.
        for (int round = 0; round <= plan.counters.size(); round++) {
            CounterStore.HoldResult result = store.hold(plan.counters, worstCasePicos, expiresAt);
            switch (result.status()) {
                case HELD -> {
                    return new Hold(result.holdId(), worstCasePicos, plan);
                }
                case UNKNOWN_COUNTER -> seed(plan, result.counterIndex());
                case DOES_NOT_FIT -> throw refuse(plan, result.counterIndex(), worstCasePicos, now);
            }
        }
        throw new IllegalStateException("budget counters disappeared while being seeded");
    }

    /** Frees holds whose TTL has passed (calls that crashed or hung); returns how many. For a periodic task. */
    public int expireStale() {
        return store.expireHolds(clock.instant());
    }

    @Override
    public List<BudgetStatus> appStatus() {
        return status(null, periodsAt(clock.instant()).appPlan);
    }

    @Override
    public List<BudgetStatus> studentStatus(String studentId) {
        Objects.requireNonNull(studentId, "studentId");
        Plan plan = plan(studentId, periodsAt(clock.instant()));
        List<BudgetStatus> all = status(studentId, plan);
        return all.stream().filter(s -> s.scope().isStudentCap()).toList();
    }

    public BudgetLimits limits() {
        return limits;
    }

    private List<BudgetStatus> status(String studentId, Plan plan) {
        List<BudgetStatus> result = new ArrayList<>(plan.scopes.length);
        for (int i = 0; i < plan.scopes.length; i++) {
            CounterStore.Value value = store.read(plan.counters.get(i).key());
            if (value == null) {
                seed(plan, i);
                value = Objects.requireNonNullElse(store.read(plan.counters.get(i).key()), CounterStore.Value.ZERO);
            }
            result.add(statusOf(plan, i, value));
        }
        return result;
    }

    private void expireIfDue(Instant now) {
        long millis = now.toEpochMilli();
        long due = nextExpiryCheck.get();
        if (millis >= due && nextExpiryCheck.compareAndSet(due, millis + EXPIRY_CHECK_MILLIS)) {
            int expired = store.expireHolds(now);
            if (expired > 0) {
                log.warn("{} budget reservation(s) expired unsettled after {} s (crashed or hung calls); their holds are freed",
                        expired, limits.reservationTtl().toSeconds());
            }
        }
    }

    private void seed(Plan plan, int index) {
        BudgetScope scope = plan.scopes[index];
        BudgetPeriod.Window window = plan.windows[index];
        long spent = scope.isStudentCap()
                ? history.spentPicos(plan.studentId, window.start(), window.end())
                : history.spentPicos(window.start(), window.end());
        store.seedIfAbsent(plan.counters.get(index), spent);
    }

    private BudgetExceededException refuse(Plan plan, int index, long asked, Instant now) {
        CounterStore.Value value = Objects.requireNonNullElse(store.read(plan.counters.get(index).key()),
                CounterStore.Value.ZERO);
        BudgetStatus status = statusOf(plan, index, value);
        try {
            listener.onRefused(status, asked);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
        Duration untilNext = Duration.between(now, status.periodEnd());
        return new BudgetExceededException(status.scope(), untilNext,
                status.scope() + " budget " + Money.format(status.limitPicos()) + " for " + status.period().label()
                        + " cannot hold " + Money.format(asked) + ": " + Money.format(status.spentPicos()) + " spent, "
                        + Money.format(status.reservedPicos()) + " reserved; the next period starts at " + status.periodEnd());
    }

    private void settle(Hold hold, long actualPicos) {
        CounterStore.Value[] after = store.settle(hold.id, actualPicos);
        if (after == null) {
            // The hold expired before the call ended: the money was still spent, so count it.
            store.addSpent(hold.plan.counters, actualPicos);
            log.warn("a call settled {} after its budget reservation had expired (TTL {} s); counted as spent",
                    Money.format(actualPicos), limits.reservationTtl().toSeconds());
            return;
        }
        if (listener != BudgetListener.NONE) {
            try {
                for (int i = 0; i < after.length; i++) {
                    listener.onSettled(statusOf(hold.plan, i, after[i]));
                }
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    /** A listener's failure (alerts shut down, a bug) must not fail the student's request that settled. */
    private static void listenerFailed(RuntimeException e) {
        log.error("a budget listener failed: {}", e.toString());
    }

    private BudgetStatus statusOf(Plan plan, int index, CounterStore.Value value) {
        BudgetScope scope = plan.scopes[index];
        return new BudgetStatus(scope, scope.isStudentCap() ? plan.studentId : null, plan.windows[index],
                plan.counters.get(index).limitPicos(), value.spentPicos(), value.reservedPicos());
    }

    private Periods periodsAt(Instant now) {
        Periods current = periods;
        if (current == null || !now.isBefore(current.validUntil) || now.isBefore(current.day.start())) {
            current = new Periods(now);
            periods = current;
        }
        return current;
    }

    private Plan plan(String studentId, Periods at) {
        if (studentId == null || !limits.hasStudentCaps()) {
            return at.appPlan;
        }
        return at.appPlan.plus(studentId, at.studentCaps, "budget:student:" + studentId + ":");
    }

    /** The current day, week and month and the plans for them, cached until the day ends. */
    private final class Periods {
        final BudgetPeriod.Window day;
        final BudgetPeriod.Window week;
        final BudgetPeriod.Window month;
        final Instant validUntil;
        final Plan appPlan;
        /** The student caps in force for these periods, without a student: filled in per reservation. */
        final Plan studentCaps;

        Periods(Instant now) {
            day = BudgetPeriod.DAY.windowAt(now, limits.zone());
            week = BudgetPeriod.WEEK.windowAt(now, limits.zone());
            month = BudgetPeriod.MONTH.windowAt(now, limits.zone());
            validUntil = day.end(); // a day ends no later than its week or month
            appPlan = planFor(APP_SCOPES, "budget:app:");
            studentCaps = planFor(STUDENT_SCOPES, "");
        }

        private Plan planFor(BudgetScope[] candidates, String keyPrefix) {
            List<BudgetScope> scopes = new ArrayList<>(candidates.length);
            List<BudgetPeriod.Window> windows = new ArrayList<>(candidates.length);
            List<CounterStore.Counter> counters = new ArrayList<>(candidates.length);
            for (BudgetScope scope : candidates) {
                OptionalLong limit = limits.limitPicos(scope);
                if (limit.isPresent()) {
                    BudgetPeriod.Window window = window(scope.period());
                    scopes.add(scope);
                    windows.add(window);
                    // Kept one TTL past the period so late settles and the last status reads still find it.
                    counters.add(new CounterStore.Counter(keyPrefix + scope.period().adjective() + ":" + window.label(),
                            limit.getAsLong(), window.end().plus(limits.reservationTtl())));
                }
            }
            return new Plan(null, scopes.toArray(BudgetScope[]::new), windows.toArray(BudgetPeriod.Window[]::new),
                    List.copyOf(counters));
        }

        BudgetPeriod.Window window(BudgetPeriod period) {
            return switch (period) {
                case DAY -> day;
                case WEEK -> week;
                case MONTH -> month;
            };
        }
    }

    /** The budgets one reservation touches, with their current periods and counters, index-aligned. */
    private record Plan(String studentId, BudgetScope[] scopes, BudgetPeriod.Window[] windows,
                        List<CounterStore.Counter> counters) {

        /** This plan followed by {@code caps} for one student, whose counter keys get {@code keyPrefix}. */
        Plan plus(String student, Plan caps, String keyPrefix) {
            int own = scopes.length;
            int all = own + caps.scopes.length;
            BudgetScope[] allScopes = Arrays.copyOf(scopes, all);
            BudgetPeriod.Window[] allWindows = Arrays.copyOf(windows, all);
            CounterStore.Counter[] allCounters = counters.toArray(new CounterStore.Counter[all]);
            for (int i = 0; i < caps.scopes.length; i++) {
                CounterStore.Counter cap = caps.counters.get(i);
                allScopes[own + i] = caps.scopes[i];
                allWindows[own + i] = caps.windows[i];
                allCounters[own + i] = new CounterStore.Counter(keyPrefix + cap.key(), cap.limitPicos(), cap.keepUntil());
            }
            return new Plan(student, allScopes, allWindows, List.of(allCounters));
        }
    }

    /** One reservation; the first of settle/release wins, later calls do nothing. */
    private final class Hold implements Reservation {
        private final long id;
        private final long amount;
        private final Plan plan;
        private volatile boolean ended;

        Hold(long id, long amount, Plan plan) {
            this.id = id;
            this.amount = amount;
            this.plan = plan;
        }

        @Override
        public void settle(long actualPicos) {
            if (actualPicos < 0) {
                throw new IllegalArgumentException("actual cost must not be negative: " + actualPicos);
            }
            if (end()) {
                ReservingBudgetGuard.this.settle(this, actualPicos);
            }
        }

        @Override
        public void release() {
            if (end()) {
                store.settle(id, 0);
            }
        }

        @Override
        public long reservedPicos() {
            return amount;
        }

        @Override
        public String toString() {
            return "Reservation[" + Money.format(amount) + (ended ? ", ended" : ", held") + "]";
        }

        /** True for the one caller that ends this hold. */
        private boolean end() {
            return ENDED.compareAndSet(this, false, true);
        }
    }
}
