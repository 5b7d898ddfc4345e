package dev.tutorgate.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory store against the shared contract, plus what only memory needs: forgetting old periods. */
class InMemoryCounterStoreTest extends BudgetGuardContract {
    @Override
    protected CounterStore newStore() {
        return new InMemoryCounterStore();
    }

    @Override
    protected CounterStore afterRestart(CounterStore before) {
        return new InMemoryCounterStore(); // memory dies with the process
    }

    @Test
    void countersOfFinishedPeriodsAreForgotten() throws Exception {
        InMemoryCounterStore store = new InMemoryCounterStore();
        BudgetLimits limits = BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "10")
                .limitUsd(BudgetScope.STUDENT_DAILY, "1")
                .reservationTtl(Duration.ofSeconds(60))
                .build();
        ReservingBudgetGuard guard = new ReservingBudgetGuard(limits, store, ledger, clock);
        for (int i = 0; i < 500; i++) {
            guard.reserve("student-" + i, usd("0.01")).settle(usd("0.01"));
        }
        assertThat(store.counterCount()).isEqualTo(501);

        clock.set(Instant.parse("2026-11-29T00:01:01Z")); // one TTL after midnight
        guard.reserve("ann", usd("0.01"));

        assertThat(store.counterCount()).isEqualTo(2); // today's app counter and ann's
    }

    @Test
    void aCounterStillHeldAfterItsPeriodEndedIsKeptForTheSettle() throws Exception {
        InMemoryCounterStore store = new InMemoryCounterStore();
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "10")
                .reservationTtl(Duration.ofHours(2)).build();
        clock.set(Instant.parse("2026-11-28T23:30:00Z"));
        ReservingBudgetGuard guard = new ReservingBudgetGuard(limits, store, ledger, clock);
        Reservation late = guard.reserve("ann", usd("1"));
        clock.set(Instant.parse("2026-11-29T01:20:00Z"));
        guard.reserve("ann", usd("0.01")); // a new day: purging runs, the held counter stays
        assertThat(guard.expireStale()).isZero();
        late.settle(usd("0.5"));
        assertThat(store.read("budget:app:daily:2026-11-28")).isEqualTo(new CounterStore.Value(usd("0.5"), 0));
    }
}
