package dev.tutorgate.alerts;

import static dev.tutorgate.core.Money.picosFromUsd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tutorgate.budget.BudgetLimits;
import dev.tutorgate.budget.BudgetScope;
import dev.tutorgate.budget.DegradationPlan;
import dev.tutorgate.budget.InMemoryCounterStore;
import dev.tutorgate.budget.RecordedSpends;
import dev.tutorgate.budget.Reservation;
import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budget alerts the whole way: a guard spending money, the watcher, the alerts_sent table in a
 * real SQLite file, and delivery to a real local webhook server and a real SMTP server.
 */
@Timeout(120)
class BudgetAlertsEndToEndTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final BackgroundAlertSink.Retry QUICK = new BackgroundAlertSink.Retry(5, Duration.ofMillis(20), Duration.ofMillis(100));

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-28T12:00:00Z");
    private final RecordedSpends ledger = new RecordedSpends();
    private final LocalWebhookServer webhook = new LocalWebhookServer();
    private final ExecutorService background = Executors.newSingleThreadExecutor(); // one thread: alerts keep their order
    private Path database;
    private int markers;
    private Process process;

    /** One tutorgate process: its own guard, watcher, sinks and database handle; only the files survive it. */
    private final class Process implements AutoCloseable {
        final ReservingBudgetGuard guard;
        final FanOutAlertSink sinks;

        Process(DataSource dataSource) {
            TutorgateConfig.Alerts config = new TutorgateConfig.Alerts(webhook.url(), new TutorgateConfig.Email(
                    "127.0.0.1", SMTP.getSmtp().getPort(), null, null, "tutorgate@example.org",
                    List.of("teacher@example.org"), false));
            sinks = AlertSinks.fromConfig(config, QUICK);
            BudgetLimits limits = BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "0.50").build();
            DegradationPlan degrade = DegradationPlan.of(List.of("cheaper-model", "offline", "refuse"));
            BudgetAlertWatcher watcher = new BudgetAlertWatcher(0.8, limits.zone(), degrade, new JdbcSentAlerts(dataSource), sinks,
                    background, clock);
            guard = new ReservingBudgetGuard(limits, new InMemoryCounterStore(), ledger, clock, watcher);
        }

        void spend(String usd) throws Exception {
            Reservation r = guard.reserve("ann", picosFromUsd(usd));
            ledger.record(clock.instant(), "ann", picosFromUsd(usd));
            r.settle(picosFromUsd(usd));
        }

        @Override
        public void close() {
            sinks.close();
        }
    }

    @BeforeEach
    void start() {
        database = dir.resolve("tutorgate.db");
        process = new Process(SqliteSchema.migrated(database));
    }

    @AfterEach
    void stop() {
        process.close();
        background.shutdownNow();
        webhook.close();
    }

    private List<String> webhookTitles() {
        return webhook.received().stream().map(json -> json.at("/blocks/0/text/text").asText()).toList();
    }

    private List<String> mailSubjects() {
        return Arrays.stream(SMTP.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits for n deliveries on both channels, then proves nothing more was on its way: a marker alert arrives next. */
    private void awaitExactly(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts(webhookTitles()) >= n && alerts(mailSubjects()) >= n);
        String marker = "marker " + (++markers);
        process.sinks.send(new Alert(marker, Alert.Severity.WARNING, marker, "end of the check", java.util.Map.of(), clock.instant()));
        await().atMost(Duration.ofSeconds(20)).until(() -> webhookTitles().contains("⚠️ " + marker)
                && mailSubjects().contains("[tutorgate] WARNING: " + marker));
        assertThat(alerts(webhookTitles())).isEqualTo(n);
        assertThat(alerts(mailSubjects())).isEqualTo(n);
    }

    private static long alerts(List<String> titles) {
        return titles.stream().filter(t -> !t.contains("marker")).count();
    }

    @Test
    void eachThresholdFiresExactlyOncePerPeriodOnEveryChannelAndNotAgainAfterARestart() throws Exception {
        process.spend("0.30");
        process.spend("0.11"); // 82%
        process.spend("0.01");
        process.spend("0.08"); // 100%
        awaitExactly(2);
        assertThat(webhookTitles()).containsSubsequence("⚠️ Daily budget 82% used", "🚨 Daily budget used up");
        assertThat(mailSubjects()).containsSubsequence("[tutorgate] WARNING: Daily budget 82% used",
                "[tutorgate] CRITICAL: Daily budget used up");
        JsonNode warning = webhook.received().getFirst();
        assertThat(warning.get("text").asText()).contains("$0.41 of its $0.50 daily budget");
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("teacher@example.org");

        // Restart mid-day: spent-so-far comes back from the ledger, the sent alerts from the table.
        process.close();
        process = new Process(SqliteSchema.open(database));
        assertThat(process.guard.appStatus().getFirst().spentPicos()).isEqualTo(picosFromUsd("0.50"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> process.spend("0.01"))
                .isInstanceOf(dev.tutorgate.budget.BudgetExceededException.class);
        awaitExactly(2);

        // The next day both thresholds fire again, once each.
        clock.set(Instant.parse("2026-11-29T08:00:00Z"));
        process.spend("0.45");
        process.spend("0.05");
        process.spend("0.00");
        awaitExactly(4);
        List<String> contexts = webhook.received().stream().map(json -> json.at("/blocks/3/elements/0/text").asText())
                .filter(text -> text.contains("budget:")).toList();
        assertThat(contexts).hasSize(4);
        assertThat(contexts.get(2)).contains("budget:daily:2026-11-29:0.8");
        assertThat(contexts.get(3)).contains("budget:daily:2026-11-29:1.0");
    }
}
