package dev.tutorgate.budget;

import static dev.tutorgate.core.Money.picosFromUsd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tutorgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CounterStore} must do, tested through the guard that uses it (the Bucket4j
 * TCK habit): subclass it once per implementation. {@link #afterRestart} says what a restart
 * leaves of a store: nothing for memory, everything for a shared store such as Redis.
 */
public abstract class BudgetGuardContract {
    protected static final String MIDDAY = "2026-11-28T12:00:00Z";
    protected static final ZoneId UTC = ZoneId.of("UTC");

    protected MutableClock clock;
    protected RecordedSpends ledger;

    /** A new, empty store. */
    protected abstract CounterStore newStore();

    /** The store a restarted process would see: in memory nothing survives; a shared store survives whole. */
    protected abstract CounterStore afterRestart(CounterStore before);

    @BeforeEach
    void setUpClock() {
        clock = MutableClock.at(MIDDAY);
        ledger = new RecordedSpends();
    }

    protected ReservingBudgetGuard guard(BudgetLimits limits) {
        return new ReservingBudgetGuard(limits, newStore(), ledger, clock);
    }

    protected static BudgetLimits daily(String usd) {
        return BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, usd).build();
    }

    protected static long usd(String usd) {
        return picosFromUsd(usd);
    }

    protected static BudgetStatus status(ReservingBudgetGuard guard, BudgetScope scope) {
        return guard.appStatus().stream().filter(s -> s.scope() == scope).findFirst().orElseThrow();
    }

    protected static BudgetStatus studentStatus(ReservingBudgetGuard guard, String student, BudgetScope scope) {
        return guard.studentStatus(student).stream().filter(s -> s.scope() == scope).findFirst().orElseThrow();
    }

    // --- reserve ---------------------------------------------------------------------------

    @Test
    void aReservationThatFitsIsHeldAgainstTheBudget() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        Reservation r = guard.reserve("ann", usd("0.40"));

        assertThat(r.reservedPicos()).isEqualTo(usd("0.40"));
        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.reservedPicos()).isEqualTo(usd("0.40"));
        assertThat(day.spentPicos()).isZero();
        assertThat(day.remainingPicos()).isEqualTo(usd("0.60"));
        assertThat(day.limitPicos()).isEqualTo(usd("1.00"));
    }

    @Test
    void aReservationThatDoesNotFitIsRefusedWithTheTimeUntilTheNextDay() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        guard.reserve("ann", usd("0.70"));

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> guard.reserve("bob", usd("0.40")));

        assertThat(e.scope()).isEqualTo(BudgetScope.APP_DAILY);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(12));
        assertThat(e.getMessage()).contains("$1.00").contains("2026-11-28");
        assertThat(status(guard, BudgetScope.APP_DAILY).reservedPicos()).isEqualTo(usd("0.70"));
    }

    @Test
    void theLastPicoFitsAndOneMoreDoesNot() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        guard.reserve("ann", usd("0.25"));
        guard.reserve("ann", usd("0.75"));
        assertThat(status(guard, BudgetScope.APP_DAILY).remainingPicos()).isZero();

        assertThatThrownBy(() -> guard.reserve("ann", 1)).isInstanceOf(BudgetExceededException.class);
        assertThat(guard.reserve("ann", 0).reservedPicos()).isZero();
    }

    @Test
    void aZeroBudgetRefusesEveryCallThatCostsAnything() throws Exception {
        ReservingBudgetGuard guard = guard(daily("0"));
        assertThatThrownBy(() -> guard.reserve("ann", 1)).isInstanceOf(BudgetExceededException.class);
        guard.reserve("ann", 0).settle(0);
        assertThat(status(guard, BudgetScope.APP_DAILY).spentPicos()).isZero();
    }

    @Test
    void negativeAmountsAreProgrammingErrors() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        assertThatThrownBy(() -> guard.reserve("ann", -1)).isInstanceOf(IllegalArgumentException.class);
        Reservation r = guard.reserve("ann", usd("0.10"));
        assertThatThrownBy(() -> r.settle(-5)).isInstanceOf(IllegalArgumentException.class);
        r.settle(usd("0.05")); // the refused settle did not end the hold
        assertThat(status(guard, BudgetScope.APP_DAILY).spentPicos()).isEqualTo(usd("0.05"));
    }

    @Test
    void allBudgetsOrNoneAStudentCapRefusalLeavesTheAppBudgetUntouched() throws Exception {
        BudgetLimits limits = BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "10")
                .limitUsd(BudgetScope.STUDENT_DAILY, "1.00")
                .build();
        ReservingBudgetGuard guard = guard(limits);
        guard.reserve("ann", usd("0.80"));

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> guard.reserve("ann", usd("0.30")));

        assertThat(e.scope()).isEqualTo(BudgetScope.STUDENT_DAILY);
        assertThat(status(guard, BudgetScope.APP_DAILY).reservedPicos()).isEqualTo(usd("0.80"));
        assertThat(studentStatus(guard, "ann", BudgetScope.STUDENT_DAILY).reservedPicos()).isEqualTo(usd("0.80"));
        // another student has a cap of their own
        guard.reserve("bob", usd("0.90"));
        assertThat(status(guard, BudgetScope.APP_DAILY).reservedPicos()).isEqualTo(usd("1.70"));
        assertThat(studentStatus(guard, "bob", BudgetScope.STUDENT_DAILY).reservedPicos()).isEqualTo(usd("0.90"));
    }

    @Test
    void allBudgetsOrNoneAWeeklyRefusalLeavesTheDailyAndStudentBudgetsUntouched() throws Exception {
        BudgetLimits limits = BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "5")
                .limitUsd(BudgetScope.APP_WEEKLY, "2")
                .limitUsd(BudgetScope.APP_MONTHLY, "50")
                .limitUsd(BudgetScope.STUDENT_MONTHLY, "3")
                .build();
        ReservingBudgetGuard guard = guard(limits);
        guard.reserve("ann", usd("1.50"));

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> guard.reserve("ann", usd("0.60")));

        assertThat(e.scope()).isEqualTo(BudgetScope.APP_WEEKLY);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofDays(1).plusHours(12)); // Saturday noon → Monday 00:00
        assertThat(guard.appStatus()).extracting(BudgetStatus::reservedPicos).containsOnly(usd("1.50"));
        assertThat(studentStatus(guard, "ann", BudgetScope.STUDENT_MONTHLY).reservedPicos()).isEqualTo(usd("1.50"));
    }

    @Test
    void studentCapsApplyOnlyToIdentifiedStudents() throws Exception {
        BudgetLimits limits = BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "10")
                .limitUsd(BudgetScope.STUDENT_DAILY, "0.10")
                .build();
        ReservingBudgetGuard guard = guard(limits);
        guard.reserve(null, usd("2.00")); // e.g. another application on /v1, not a student
        assertThat(status(guard, BudgetScope.APP_DAILY).reservedPicos()).isEqualTo(usd("2.00"));
        assertThatThrownBy(() -> guard.reserve("ann", usd("0.11")))
                .isInstanceOfSatisfying(BudgetExceededException.class, ex -> assertThat(ex.scope()).isEqualTo(BudgetScope.STUDENT_DAILY));
    }

    // --- settle and release ------------------------------------------------------------------

    @Test
    void settlingBelowTheReservationCountsTheActualCostAndFreesTheRest() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        Reservation r = guard.reserve("ann", usd("0.50"));
        r.settle(usd("0.2"));

        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.spentPicos()).isEqualTo(usd("0.2"));
        assertThat(day.reservedPicos()).isZero();
        assertThat(day.remainingPicos()).isEqualTo(usd("0.8"));
        guard.reserve("ann", usd("0.8")); // exactly the rest
    }

    @Test
    void settlingAboveTheReservationRecordsTheTruth() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        Reservation r = guard.reserve("ann", usd("0.10"));
        r.settle(usd("0.30"));

        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.spentPicos()).isEqualTo(usd("0.30"));
        assertThat(day.reservedPicos()).isZero();
        assertThatThrownBy(() -> guard.reserve("ann", usd("0.71"))).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void overspendingByBadEstimatesStillBlocksNewCalls() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        guard.reserve("ann", usd("0.10")).settle(usd("1.50"));
        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.spentPicos()).isEqualTo(usd("1.50"));
        assertThat(day.remainingPicos()).isZero();
        assertThatThrownBy(() -> guard.reserve("ann", 1)).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void releaseFreesTheWholeHold() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        guard.reserve("ann", usd("0.90")).release();
        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.spentPicos()).isZero();
        assertThat(day.reservedPicos()).isZero();
        guard.reserve("ann", usd("1.00"));
    }

    @Test
    void onlyTheFirstSettleOrReleaseTakesEffect() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1.00"));
        Reservation settled = guard.reserve("ann", usd("0.50"));
        settled.settle(usd("0.20"));
        settled.settle(usd("0.40"));
        settled.release();

        Reservation released = guard.reserve("ann", usd("0.30"));
        released.release();
        released.settle(usd("0.30"));
        released.release();

        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.spentPicos()).isEqualTo(usd("0.20"));
        assertThat(day.reservedPicos()).isZero();
    }

    @Test
    void racingSettlesOfOneReservationCountOnce() throws Exception {
        ReservingBudgetGuard guard = guard(daily("100"));
        List<Reservation> reservations = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            reservations.add(guard.reserve("ann", usd("0.10")));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                await(start);
                reservations.forEach(r -> r.settle(usd("0.05")));
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.spentPicos()).isEqualTo(200 * usd("0.05"));
        assertThat(day.reservedPicos()).isZero();
    }

    @Test
    void threadsHammeringReserveAndSettleLoseNoUpdate() throws Exception {
        ReservingBudgetGuard guard = guard(daily("1000"));
        int threads = 8;
        int callsEach = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            long cost = t + 1;
            workers.add(Thread.ofPlatform().start(() -> {
                await(start);
                try {
                    for (int i = 0; i < callsEach; i++) {
                        Reservation r = guard.reserve("student-" + cost, 10);
                        if (i % 2 == 0) {
                            r.settle(cost);
                        } else {
                            r.release();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(failures).isEmpty();
        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.spentPicos()).isEqualTo((callsEach / 2) * (long) (threads * (threads + 1) / 2));
        assertThat(day.reservedPicos()).isZero();
    }

    // --- expiry ------------------------------------------------------------------------------

    @Test
    void aHoldLeftByACrashedCallExpiresAfterTheTtl() throws Exception {
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00")
                .reservationTtl(Duration.ofSeconds(300)).build();
        ReservingBudgetGuard guard = guard(limits);
        guard.reserve("crashed", usd("0.90")); // never settled

        assertThatThrownBy(() -> guard.reserve("ann", usd("0.50"))).isInstanceOf(BudgetExceededException.class);
        clock.advance(Duration.ofSeconds(299));
        assertThatThrownBy(() -> guard.reserve("ann", usd("0.50"))).isInstanceOf(BudgetExceededException.class);
        clock.advance(Duration.ofSeconds(1));

        guard.reserve("ann", usd("0.50")); // the reserve path itself frees expired holds
        assertThat(status(guard, BudgetScope.APP_DAILY).reservedPicos()).isEqualTo(usd("0.50"));
    }

    @Test
    void expireStaleFreesOnlyHoldsPastTheirTtl() throws Exception {
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00")
                .reservationTtl(Duration.ofSeconds(60)).build();
        ReservingBudgetGuard guard = guard(limits);
        guard.reserve("old", usd("0.30"));
        clock.advance(Duration.ofSeconds(30));
        guard.reserve("young", usd("0.20"));
        clock.advance(Duration.ofSeconds(30));

        assertThat(guard.expireStale()).isEqualTo(1);
        assertThat(status(guard, BudgetScope.APP_DAILY).reservedPicos()).isEqualTo(usd("0.20"));
        assertThat(guard.expireStale()).isZero();
    }

    @Test
    void aSettleAfterExpiryStillCountsTheMoneySpent() throws Exception {
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00")
                .reservationTtl(Duration.ofSeconds(60)).build();
        ReservingBudgetGuard guard = guard(limits);
        Reservation slow = guard.reserve("ann", usd("0.40"));
        clock.advance(Duration.ofSeconds(61));
        assertThat(guard.expireStale()).isEqualTo(1);

        slow.settle(usd("0.25"));
        slow.settle(usd("0.25")); // still only once

        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.spentPicos()).isEqualTo(usd("0.25"));
        assertThat(day.reservedPicos()).isZero();
    }

    @Test
    void aReleaseAfterExpiryChangesNothing() throws Exception {
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00")
                .reservationTtl(Duration.ofSeconds(60)).build();
        ReservingBudgetGuard guard = guard(limits);
        Reservation slow = guard.reserve("ann", usd("0.40"));
        Reservation other = guard.reserve("bob", usd("0.10"));
        clock.advance(Duration.ofSeconds(61));
        guard.expireStale();
        Reservation fresh = guard.reserve("cat", usd("0.30"));

        slow.release();
        other.release();

        assertThat(status(guard, BudgetScope.APP_DAILY).reservedPicos()).isEqualTo(fresh.reservedPicos());
    }

    // --- periods -----------------------------------------------------------------------------

    @Test
    void theDailyBudgetStartsAgainAtMidnightInTheConfiguredZone() throws Exception {
        // 23:59:59 in Moscow (UTC+3) is 20:59:59 UTC.
        clock.set(Instant.parse("2026-11-28T20:59:59Z"));
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00")
                .zone(ZoneId.of("Europe/Moscow")).build();
        ReservingBudgetGuard guard = guard(limits);
        guard.reserve("ann", usd("1.00")).settle(usd("1.00"));

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> guard.reserve("ann", usd("0.01")));
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1)); // 00:00:00 in Moscow
        guard.reserve("ann", usd("1.00")).settle(usd("0.50"));
        BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
        assertThat(day.period().label()).isEqualTo("2026-11-29");
        assertThat(day.periodStart()).isEqualTo(Instant.parse("2026-11-28T21:00:00Z"));
        assertThat(day.spentPicos()).isEqualTo(usd("0.50"));

        // UTC midnight is no boundary in Moscow: the same day goes on.
        clock.set(Instant.parse("2026-11-29T00:30:00Z"));
        assertThatThrownBy(() -> guard.reserve("ann", usd("0.51"))).isInstanceOf(BudgetExceededException.class);
        assertThat(status(guard, BudgetScope.APP_DAILY).spentPicos()).isEqualTo(usd("0.50"));
    }

    @Test
    void aCallCountsInThePeriodItWasReservedIn() throws Exception {
        clock.set(Instant.parse("2026-11-28T23:59:50Z"));
        ReservingBudgetGuard guard = guard(daily("1.00"));
        Reservation lateNight = guard.reserve("ann", usd("0.60"));
        clock.set(Instant.parse("2026-11-29T00:00:10Z"));
        lateNight.settle(usd("0.60"));

        assertThat(status(guard, BudgetScope.APP_DAILY).spentPicos()).isZero();
        guard.reserve("ann", usd("1.00"));
    }

    @Test
    void weeklyAndMonthlyBudgetsAddUpAcrossDays() throws Exception {
        clock.set(Instant.parse("2026-11-23T10:00:00Z")); // a Monday
        BudgetLimits limits = BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "1.00")
                .limitUsd(BudgetScope.APP_WEEKLY, "1.50")
                .limitUsd(BudgetScope.APP_MONTHLY, "2.00")
                .build();
        ReservingBudgetGuard guard = guard(limits);
        guard.reserve("ann", usd("1.00")).settle(usd("1.00"));
        clock.advance(Duration.ofDays(1)); // Tuesday: a new day, the same week
        BudgetExceededException weekly = catchThrowableOfType(BudgetExceededException.class,
                () -> guard.reserve("ann", usd("0.60")));
        assertThat(weekly.scope()).isEqualTo(BudgetScope.APP_WEEKLY);
        assertThat(weekly.retryAfter()).isEqualTo(Duration.ofDays(6).minusHours(10));
        guard.reserve("ann", usd("0.50")).settle(usd("0.50"));

        clock.set(Instant.parse("2026-11-30T10:00:00Z")); // next Monday: a new week, the same month
        BudgetExceededException monthly = catchThrowableOfType(BudgetExceededException.class,
                () -> guard.reserve("ann", usd("0.60")));
        assertThat(monthly.scope()).isEqualTo(BudgetScope.APP_MONTHLY);
        assertThat(monthly.retryAfter()).isEqualTo(Duration.ofHours(14));
        assertThat(status(guard, BudgetScope.APP_WEEKLY).period().label()).isEqualTo("2026-W49");
        assertThat(status(guard, BudgetScope.APP_MONTHLY).spentPicos()).isEqualTo(usd("1.50"));

        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        guard.reserve("ann", usd("1.00"));
    }

    // --- rebuild -----------------------------------------------------------------------------

    @Test
    void aNewGuardRebuildsSpentSoFarFromTheLedger() throws Exception {
        BudgetLimits limits = BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "1.00")
                .limitUsd(BudgetScope.APP_MONTHLY, "3.00")
                .limitUsd(BudgetScope.STUDENT_DAILY, "0.50")
                .build();
        ledger.record(Instant.parse("2026-11-27T12:00:00Z"), "ann", usd("2.00")); // yesterday: the month only
        ledger.record(Instant.parse("2026-11-28T00:00:00Z"), "ann", usd("0.40")); // today, at the first instant
        ledger.record(Instant.parse("2026-11-28T11:00:00Z"), "bob", usd("0.30"));
        ledger.record(Instant.parse("2026-12-01T00:00:00Z"), "bob", usd("5.00")); // next month: counted nowhere yet

        ReservingBudgetGuard guard = guard(limits);

        assertThat(status(guard, BudgetScope.APP_DAILY).spentPicos()).isEqualTo(usd("0.70"));
        assertThat(status(guard, BudgetScope.APP_MONTHLY).spentPicos()).isEqualTo(usd("2.70"));
        assertThat(studentStatus(guard, "ann", BudgetScope.STUDENT_DAILY).spentPicos()).isEqualTo(usd("0.40"));
        BudgetExceededException capped = catchThrowableOfType(BudgetExceededException.class,
                () -> guard.reserve("ann", usd("0.11")));
        assertThat(capped.scope()).isEqualTo(BudgetScope.STUDENT_DAILY);
        BudgetExceededException day = catchThrowableOfType(BudgetExceededException.class,
                () -> guard.reserve("cat", usd("0.31")));
        assertThat(day.scope()).isEqualTo(BudgetScope.APP_DAILY);
        guard.reserve("cat", usd("0.30"));
    }

    @Test
    void aRestartedGuardContinuesFromWhatWasRecorded() throws Exception {
        CounterStore store = newStore();
        ReservingBudgetGuard before = new ReservingBudgetGuard(daily("1.00"), store, ledger, clock);
        for (int i = 0; i < 3; i++) {
            Reservation r = before.reserve("ann", usd("0.30"));
            ledger.record(clock.instant(), "ann", usd("0.25"));
            r.settle(usd("0.25"));
        }

        ReservingBudgetGuard after = new ReservingBudgetGuard(daily("1.00"), afterRestart(store), ledger, clock);

        assertThat(status(after, BudgetScope.APP_DAILY).spentPicos()).isEqualTo(usd("0.75"));
        assertThatThrownBy(() -> after.reserve("ann", usd("0.26"))).isInstanceOf(BudgetExceededException.class);
        after.reserve("ann", usd("0.25"));
    }

    // --- listener ----------------------------------------------------------------------------

    @Test
    void theListenerHearsSettlementsAndRefusals() throws Exception {
        List<String> heard = new ArrayList<>();
        BudgetListener listener = new BudgetListener() {
            @Override
            public void onSettled(BudgetStatus s) {
                heard.add("settled " + s.scope() + " " + s.spentPicos());
            }

            @Override
            public void onRefused(BudgetStatus s, long asked) {
                heard.add("refused " + s.scope() + " " + asked);
            }
        };
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00")
                .limitUsd(BudgetScope.STUDENT_DAILY, "0.60").build();
        ReservingBudgetGuard guard = new ReservingBudgetGuard(limits, newStore(), ledger, clock, listener);

        guard.reserve("ann", usd("0.50")).settle(usd("0.40"));
        guard.reserve("ann", usd("0.10")).release();
        assertThatThrownBy(() -> guard.reserve("ann", usd("0.30"))).isInstanceOf(BudgetExceededException.class);

        assertThat(heard).containsExactly(
                "settled APP_DAILY " + usd("0.40"),
                "settled STUDENT_DAILY " + usd("0.40"),
                "refused STUDENT_DAILY " + usd("0.30"));
    }

    @Test
    void aFailingListenerNeverFailsTheCall() throws Exception {
        BudgetListener broken = new BudgetListener() {
            @Override
            public void onSettled(BudgetStatus s) {
                throw new java.util.concurrent.RejectedExecutionException("alerts are shut down");
            }

            @Override
            public void onRefused(BudgetStatus s, long asked) {
                throw new IllegalStateException("bug");
            }
        };
        ReservingBudgetGuard guard = new ReservingBudgetGuard(daily("1.00"), newStore(), ledger, clock, broken);
        guard.reserve("ann", usd("0.90")).settle(usd("0.90"));
        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, () -> guard.reserve("ann", usd("0.20")));
        assertThat(e.scope()).isEqualTo(BudgetScope.APP_DAILY);
        assertThat(status(guard, BudgetScope.APP_DAILY).spentPicos()).isEqualTo(usd("0.90"));
    }

    // --- concurrency -------------------------------------------------------------------------

    @Test
    void twoHundredCallsRacingForABudgetThatFitsOnlySomeNeverOverspend() throws Exception {
        CounterStore store = newStore();
        ReservingBudgetGuard guard = new ReservingBudgetGuard(raceLimits(), store, ledger, clock);

        Race race = race(guard, 200, 1);

        race.assertAccounted(guard);
        clock.advance(Duration.ofSeconds(301));
        assertThat(guard.expireStale()).isEqualTo(race.crashed.get());
        assertThat(status(guard, BudgetScope.APP_DAILY).reservedPicos()).isZero();
        assertThat(status(guard, BudgetScope.APP_DAILY).spentPicos()).isEqualTo(ledger.total());
    }

    @Test
    void theRaceStillHoldsWithARestartInTheMiddle() throws Exception {
        CounterStore store = newStore();
        ReservingBudgetGuard first = new ReservingBudgetGuard(raceLimits(), store, ledger, clock);
        Race firstHalf = race(first, 100, 2);
        firstHalf.assertAccounted(first);

        clock.advance(Duration.ofMinutes(1));
        ReservingBudgetGuard second = new ReservingBudgetGuard(raceLimits(), afterRestart(store), ledger, clock);
        assertThat(status(second, BudgetScope.APP_DAILY).spentPicos()).isEqualTo(ledger.total());
        Race secondHalf = race(second, 100, 3);

        assertThat(firstHalf.admitted.get() + secondHalf.admitted.get()).isPositive();
        assertThat(secondHalf.refused.get()).isPositive();
        assertThat(ledger.total()).isLessThanOrEqualTo(usd("1.00"));
        assertThat(status(second, BudgetScope.APP_DAILY).spentPicos()).isEqualTo(ledger.total());
        for (int s = 0; s < 10; s++) {
            assertThat(ledger.total("student-" + s)).isLessThanOrEqualTo(usd("0.20"));
            assertThat(studentStatus(second, "student-" + s, BudgetScope.STUDENT_DAILY).spentPicos())
                    .isEqualTo(ledger.total("student-" + s));
        }
    }

    private static BudgetLimits raceLimits() {
        return BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "1.00")
                .limitUsd(BudgetScope.STUDENT_DAILY, "0.20")
                .reservationTtl(Duration.ofSeconds(300))
                .build();
    }

    /** What happened to every call of one race, counted by the calls themselves. */
    protected final class Race {
        final AtomicInteger admitted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger settled = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicInteger crashed = new AtomicInteger();
        final AtomicLong crashedHeld = new AtomicLong();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        int ledgerRowsBefore;
        long spentBefore;

        void assertAccounted(ReservingBudgetGuard guard) {
            assertThat(failures).isEmpty();
            assertThat(admitted.get()).as("some calls fit").isPositive();
            assertThat(refused.get()).as("the budget fits only some calls").isPositive();
            assertThat(admitted.get()).isEqualTo(settled.get() + released.get() + crashed.get());
            assertThat(ledger.size() - ledgerRowsBefore).isEqualTo(settled.get());
            assertThat(ledger.total()).isLessThanOrEqualTo(usd("1.00"));
            BudgetStatus day = status(guard, BudgetScope.APP_DAILY);
            assertThat(day.spentPicos()).as("no lost or doubled settles").isEqualTo(ledger.total());
            assertThat(day.reservedPicos()).as("only crashed calls still hold money").isEqualTo(crashedHeld.get());
            assertThat(day.spentPicos() + day.reservedPicos()).isLessThanOrEqualTo(usd("1.00"));
        }
    }

    /**
     * {@code calls} threads released at once, ten students. Each admitted call either completes
     * (cost ≤ worst case), is cut off by the student mid-stream (a part of it), fails before the
     * provider (release) or crashes (never settles). Settled costs go to the ledger first, as the
     * real chain writes its row before it settles.
     */
    protected Race race(ReservingBudgetGuard guard, int calls, long seed) throws InterruptedException {
        Race race = new Race();
        race.ledgerRowsBefore = ledger.size();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            Random random = new Random(seed * 1_000 + i);
            String student = "student-" + (i % 10);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    await(start);
                    runOneCall(guard, race, random, student);
                } catch (Throwable t) {
                    race.failures.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return race;
    }

    private void runOneCall(ReservingBudgetGuard guard, Race race, Random random, String student) {
        long worst = usd("0.005") + random.nextLong(usd("0.045"));
        Reservation reservation;
        try {
            reservation = guard.reserve(student, worst);
        } catch (BudgetExceededException e) {
            race.refused.incrementAndGet();
            return;
        }
        race.admitted.incrementAndGet();
        int fate = random.nextInt(100);
        for (int chunk = random.nextInt(20); chunk > 0; chunk--) {
            Thread.yield(); // the answer streams while others reserve and settle
        }
        if (fate < 55) {
            settle(reservation, random.nextLong(worst + 1), student, race);
            if (fate < 10) {
                reservation.settle(worst); // a buggy second settle: ignored
            }
        } else if (fate < 75) {
            long partial = worst * random.nextInt(1, 100) / 100; // the student closed the tab mid-stream
            settle(reservation, partial, student, race);
        } else if (fate < 90) {
            reservation.release();
            race.released.incrementAndGet();
        } else {
            race.crashed.incrementAndGet();
            race.crashedHeld.addAndGet(worst);
        }
    }

    private void settle(Reservation reservation, long cost, String student, Race race) {
        ledger.record(clock.instant(), student, cost);
        reservation.settle(cost);
        race.settled.incrementAndGet();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
