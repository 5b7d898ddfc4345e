package dev.tutorgate.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentAlertsTest {
    private static final Instant AT = Instant.parse("2026-11-28T17:00:00Z");

    @TempDir
    Path dir;

    @Test
    void inMemoryOnlyTheFirstCallerWins() {
        SentAlerts sent = new InMemorySentAlerts();
        assertThat(sent.markSent("budget:daily:2026-11-28:0.8", AT)).isTrue();
        assertThat(sent.markSent("budget:daily:2026-11-28:0.8", AT)).isFalse();
        assertThat(sent.markSent("budget:daily:2026-11-28:1.0", AT)).isTrue();
    }

    @Test
    void theTableRemembersAcrossARestart() throws Exception {
        Path file = dir.resolve("tutorgate.db");
        DataSource first = SqliteSchema.migrated(file);
        assertThat(new JdbcSentAlerts(first).markSent("budget:daily:2026-11-28:0.8", AT)).isTrue();
        assertThat(new JdbcSentAlerts(first).markSent("budget:daily:2026-11-28:0.8", AT)).isFalse();

        JdbcSentAlerts restarted = new JdbcSentAlerts(SqliteSchema.open(file));
        assertThat(restarted.markSent("budget:daily:2026-11-28:0.8", AT.plusSeconds(60))).isFalse();
        assertThat(restarted.markSent("budget:daily:2026-11-29:0.8", AT.plusSeconds(60))).isTrue();

        try (Connection c = first.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT alert_key, sent_at FROM alerts_sent ORDER BY alert_key")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("budget:daily:2026-11-28:0.8");
            assertThat(rows.getLong(2)).isEqualTo(AT.toEpochMilli());
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("budget:daily:2026-11-29:0.8");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void throughTheServersDatabaseToo() {
        Path file = dir.resolve("served.db");
        try (dev.tutorgate.storage.Database db = dev.tutorgate.storage.Database.open("jdbc:sqlite:" + file)) {
            JdbcSentAlerts sent = new JdbcSentAlerts(db);
            assertThat(sent.markSent("budget:monthly:2026-11:0.8", AT)).isTrue();
            assertThat(sent.markSent("budget:monthly:2026-11:0.8", AT)).isFalse();
        }
        try (dev.tutorgate.storage.Database reopened = dev.tutorgate.storage.Database.open("jdbc:sqlite:" + file)) {
            assertThat(new JdbcSentAlerts(reopened).markSent("budget:monthly:2026-11:0.8", AT)).isFalse();
        }
    }

    @Test
    void racingInstancesSendOnlyOnce() throws Exception {
        Path file = dir.resolve("tutorgate.db");
        SqliteSchema.migrated(file);
        AtomicInteger winners = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JdbcSentAlerts instance = new JdbcSentAlerts(SqliteSchema.open(file)); // each its own connections
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    if (instance.markSent("budget:weekly:2026-W48:1.0", AT)) {
                        winners.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(winners.get()).isEqualTo(1);
    }

    @Test
    void aDatabaseWithoutTheTableIsAClearError() {
        JdbcSentAlerts noSchema = new JdbcSentAlerts(SqliteSchema.open(dir.resolve("empty.db")));
        assertThatThrownBy(() -> noSchema.markSent("k", AT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot record sent alert k");
    }
}
