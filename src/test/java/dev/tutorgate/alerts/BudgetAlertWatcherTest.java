package dev.tutorgate.alerts;

import static dev.tutorgate.core.Money.picosFromUsd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.budget.BudgetExceededException;
import dev.tutorgate.budget.BudgetLimits;
import dev.tutorgate.budget.BudgetScope;
import dev.tutorgate.budget.DegradationPlan;
import dev.tutorgate.budget.InMemoryCounterStore;
import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.budget.SpendHistory;
import dev.tutorgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BudgetAlertWatcherTest {
    private static final DegradationPlan DEFAULT_DEGRADE = DegradationPlan.of(List.of("cheaper-model", "offline", "refuse"));
    private final MutableClock clock = MutableClock.at("2026-11-28T12:00:00Z"); // a Saturday
    private final List<Alert> delivered = new CopyOnWriteArrayList<>();
    private final SentAlerts sent = new InMemorySentAlerts();

    private ReservingBudgetGuard guardWith(BudgetLimits limits, double alertAt, SentAlerts sentAlerts) {
        BudgetAlertWatcher watcher = new BudgetAlertWatcher(alertAt, limits.zone(), DEFAULT_DEGRADE, sentAlerts, delivered::add,
                Runnable::run, clock);
        return new ReservingBudgetGuard(limits, new InMemoryCounterStore(), SpendHistory.NONE, clock, watcher);
    }

    private ReservingBudgetGuard dailyOneDollar() {
        return guardWith(BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00").build(), 0.8, sent);
    }

    private static void spend(ReservingBudgetGuard guard, String usd) throws BudgetExceededException {
        guard.reserve("ann", picosFromUsd(usd)).settle(picosFromUsd(usd));
    }

    private List<String> keys() {
        return delivered.stream().map(Alert::key).toList();
    }

    @Test
    void theWarningFiresOnceWhenEightyPercentIsSpent() throws Exception {
        ReservingBudgetGuard guard = dailyOneDollar();
        spend(guard, "0.79");
        assertThat(delivered).isEmpty();

        spend(guard, "0.01");
        spend(guard, "0.05");

        assertThat(delivered).singleElement().satisfies(alert -> {
            assertThat(alert.key()).isEqualTo("budget:daily:2026-11-28:0.8");
            assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
            assertThat(alert.title()).isEqualTo("Daily budget 80% used");
            assertThat(alert.text()).contains("$0.80 of its $1.00 daily budget for 2026-11-28")
                    .contains("resets at 2026-11-29 00:00 UTC");
            assertThat(alert.facts()).containsEntry("Spent", "$0.80 (80%)").containsEntry("Limit", "$1.00")
                    .containsEntry("Remaining", "$0.20").containsEntry("Resets at", "2026-11-29 00:00 UTC");
            assertThat(alert.facts().keySet()).containsExactly("Budget", "Spent", "Limit", "Reserved by calls in flight",
                    "Remaining", "Resets at");
            assertThat(alert.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void spendingItAllRaisesTheCriticalAlertOnce() throws Exception {
        ReservingBudgetGuard guard = dailyOneDollar();
        spend(guard, "0.85");
        spend(guard, "0.15");
        assertThatThrownBy(() -> spend(guard, "0.01")).isInstanceOf(BudgetExceededException.class);

        assertThat(keys()).containsExactly("budget:daily:2026-11-28:0.8", "budget:daily:2026-11-28:1.0");
        Alert critical = delivered.get(1);
        assertThat(critical.severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(critical.title()).isEqualTo("Daily budget used up");
        assertThat(critical.text()).contains("raise budget.dailyUsd")
                .contains("questions are answered by a cheaper model, then answered offline from the course (budget.degrade)");
    }

    @Test
    void theAlertSaysWhatStudentsGetUnderTheConfiguredDegradation() throws Exception {
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00").build();
        BudgetAlertWatcher watcher = new BudgetAlertWatcher(0.8, limits.zone(), DegradationPlan.of(List.of("refuse")), sent, delivered::add,
                Runnable::run, clock);
        ReservingBudgetGuard guard = new ReservingBudgetGuard(limits, new InMemoryCounterStore(), SpendHistory.NONE,
                clock, watcher);
        spend(guard, "1.00");

        assertThat(delivered).extracting(Alert::text).allSatisfy(text ->
                assertThat(text).contains("questions are refused").doesNotContain("cheaper model").doesNotContain("offline"));
    }

    @Test
    void aRefusalCountsAsUsedUpEvenWithAFewCentsLeft() throws Exception {
        ReservingBudgetGuard guard = dailyOneDollar();
        spend(guard, "0.97");
        assertThatThrownBy(() -> guard.reserve("ann", picosFromUsd("0.05"))).isInstanceOf(BudgetExceededException.class);
        assertThatThrownBy(() -> guard.reserve("bob", picosFromUsd("0.05"))).isInstanceOf(BudgetExceededException.class);

        assertThat(keys()).containsExactly("budget:daily:2026-11-28:0.8", "budget:daily:2026-11-28:1.0");
        assertThat(delivered.get(1).text()).contains("has begun turning calls away");
        assertThat(delivered.get(1).facts()).containsEntry("Spent", "$0.97 (97%)");
    }

    @Test
    void oneBigCallCanCrossBothThresholdsAndRaisesBothInOrder() throws Exception {
        ReservingBudgetGuard guard = dailyOneDollar();
        spend(guard, "0.50");
        guard.reserve("ann", picosFromUsd("0.10")).settle(picosFromUsd("0.70")); // billed above the estimate
        assertThat(keys()).containsExactly("budget:daily:2026-11-28:0.8", "budget:daily:2026-11-28:1.0");
    }

    @Test
    void eachPeriodHasItsOwnAlertsAndTheNextPeriodAlertsAgain() throws Exception {
        BudgetLimits limits = BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "1.00")
                .limitUsd(BudgetScope.APP_WEEKLY, "2.00")
                .limitUsd(BudgetScope.APP_MONTHLY, "100")
                .build();
        ReservingBudgetGuard guard = guardWith(limits, 0.8, sent);
        spend(guard, "0.90");
        clock.advance(Duration.ofDays(1)); // Sunday, same week
        spend(guard, "0.80");
        clock.advance(Duration.ofDays(1)); // Monday: a new week
        spend(guard, "0.80");

        assertThat(keys()).containsExactly(
                "budget:daily:2026-11-28:0.8",
                "budget:daily:2026-11-29:0.8",
                "budget:weekly:2026-W48:0.8",
                "budget:daily:2026-11-30:0.8");
        assertThat(delivered.get(2).title()).isEqualTo("Weekly budget 85% used");
    }

    @Test
    void aRestartedWatcherDoesNotRepeatWhatWasSent() throws Exception {
        ReservingBudgetGuard before = dailyOneDollar();
        spend(before, "0.85");
        assertThat(delivered).hasSize(1);

        // a new process: new guard, new watcher, the same record of sent alerts
        ReservingBudgetGuard after = guardWith(BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00").build(), 0.8, sent);
        spend(after, "0.85");
        spend(after, "0.15");

        assertThat(keys()).containsExactly("budget:daily:2026-11-28:0.8", "budget:daily:2026-11-28:1.0");
    }

    @Test
    void studentCapsRaiseNoAlerts() throws Exception {
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "100")
                .limitUsd(BudgetScope.STUDENT_DAILY, "0.10").build();
        ReservingBudgetGuard guard = guardWith(limits, 0.8, sent);
        spend(guard, "0.10");
        assertThatThrownBy(() -> spend(guard, "0.01")).isInstanceOf(BudgetExceededException.class);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aWarningShareOfOneMeansOneAlert() throws Exception {
        ReservingBudgetGuard guard = guardWith(BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00").build(), 1.0, sent);
        spend(guard, "0.95");
        assertThat(delivered).isEmpty();
        spend(guard, "0.05");
        assertThat(keys()).containsExactly("budget:daily:2026-11-28:1.0");
    }

    @Test
    void theWarningShareIsConfigurableAndNamesTheKey() throws Exception {
        ReservingBudgetGuard guard = guardWith(BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00").build(), 0.75, sent);
        spend(guard, "0.75");
        assertThat(keys()).containsExactly("budget:daily:2026-11-28:0.75");
    }

    @Test
    void resetTimesAreShownInTheBudgetsZone() throws Exception {
        ReservingBudgetGuard guard = guardWith(BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00")
                .zone(ZoneId.of("Europe/Moscow")).build(), 0.8, sent);
        spend(guard, "0.80");
        assertThat(delivered.getFirst().facts()).containsEntry("Resets at", "2026-11-29 00:00 Europe/Moscow");
        assertThat(delivered.getFirst().key()).isEqualTo("budget:daily:2026-11-28:0.8");
    }

    @Test
    void whenTheRecordCannotBeWrittenTheAlertIsSentAnyway() throws Exception {
        SentAlerts broken = (key, at) -> {
            throw new IllegalStateException("database is locked");
        };
        ReservingBudgetGuard guard = guardWith(BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00").build(), 0.8, broken);
        try (LogCapture log = new LogCapture(BudgetAlertWatcher.class)) {
            spend(guard, "0.80");
            spend(guard, "0.01");
            assertThat(log.text()).contains("could not record alert budget:daily:2026-11-28:0.8");
        }
        assertThat(keys()).containsExactly("budget:daily:2026-11-28:0.8"); // and only once in this process
    }

    @Test
    void nonsenseSharesAreRejected() {
        assertThatThrownBy(() -> new BudgetAlertWatcher(0, ZoneId.of("UTC"), DEFAULT_DEGRADE, sent, delivered::add, Runnable::run, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BudgetAlertWatcher(1.2, ZoneId.of("UTC"), DEFAULT_DEGRADE, sent, delivered::add, Runnable::run, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWatcherNeverDelaysTheSettleItRunsAfter() throws Exception {
        // Recording and sending happen on the background executor: here one that only queues the work.
        List<Runnable> queued = new CopyOnWriteArrayList<>();
        BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1.00").build();
        BudgetAlertWatcher watcher = new BudgetAlertWatcher(0.8, limits.zone(), DEFAULT_DEGRADE, sent, delivered::add, queued::add, clock);
        ReservingBudgetGuard guard = new ReservingBudgetGuard(limits, new InMemoryCounterStore(), SpendHistory.NONE, clock, watcher);

        spend(guard, "0.90");
        assertThat(delivered).isEmpty();
        assertThat(queued).hasSize(1);

        queued.forEach(Runnable::run);
        assertThat(keys()).containsExactly("budget:daily:2026-11-28:0.8");
        assertThat(Instant.parse("2026-11-28T12:00:00Z")).isEqualTo(delivered.getFirst().at());
    }
}
