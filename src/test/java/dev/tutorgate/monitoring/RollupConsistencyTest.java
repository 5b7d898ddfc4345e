package dev.tutorgate.monitoring;

import dev.tutorgate.ledger.LatencyBuckets;
import static dev.tutorgate.monitoring.MonitoringDb.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.ledger.LedgerEntry;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roll-ups against the ledger they summarise: random traffic, random ranges cut anywhere, and
 * the summary from the roll-ups must equal the summary from the raw rows, figure for figure, whether
 * rows were committed one by one or many to a transaction (the ledger sums those before it upserts).
 */
class RollupConsistencyTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] MODELS = {"gemini-2.5-flash", "gpt-4.1-mini", "claude-sonnet-4-5", "offline"};
    private static final String[] COMPLEXITIES = {"simple", "medium", "complex", null};
    private static final String[] ERRORS = {"unavailable", "rate_limited", "idle_timeout"};
    private static final String[] REFUSALS = {"rate_limited", "budget_exceeded", "student_cap", "provider_queue_full"};

    @TempDir
    Path dir;

    /** Random requests over three days: retries, fallbacks, refusals, cancellations, every latency size. */
    static List<LedgerEntry> traffic(Random random, int requests) {
        List<LedgerEntry> out = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Instant at = START.plusMillis((long) (random.nextDouble() * 3 * 86_400_000L));
            String student = "s" + random.nextInt(12);
            String complexity = COMPLEXITIES[random.nextInt(COMPLEXITIES.length)];
            int shape = random.nextInt(10);
            if (shape == 0) {
                out.add(row("q" + i, at).student(student).refused(REFUSALS[random.nextInt(REFUSALS.length)], complexity).entry());
                continue;
            }
            int attempts = shape == 1 ? 3 : shape == 2 ? 2 : 1;
            for (int a = 1; a <= attempts; a++) {
                boolean last = a == attempts;
                String model = MODELS[random.nextInt(MODELS.length)];
                MonitoringDb.Row r = row("q" + i, at.plusMillis(a * 1_500L)).attempt(a, last).student(student)
                        .on(model, complexity);
                if (!last) {
                    r.failed(ERRORS[random.nextInt(ERRORS.length)]).times(null, (long) random.nextInt(3_000));
                } else if (shape == 3) {
                    r.cancelled();
                } else if (shape == 4) {
                    r.failed(ERRORS[random.nextInt(ERRORS.length)]);
                }
                if (a > 1 && random.nextBoolean()) {
                    r.fallback(random.nextBoolean() ? "budget" : "unavailable");
                }
                long input = random.nextInt(30_000);
                r.tokens(input, input == 0 ? 0 : random.nextLong(input), random.nextInt(2_000));
                r.cost("0.00" + random.nextInt(1_000), "0.01" + random.nextInt(1_000));
                if (last && shape != 4) {
                    long ttft = (long) Math.exp(random.nextDouble() * 10); // 1 ms … 22 s, every bucket width
                    r.times(ttft, ttft + random.nextInt(20_000));
                    r.retrieval(random.nextInt(4) == 0 ? null : random.nextBoolean());
                }
                out.add(r.entry());
            }
        }
        return out;
    }

    @Test
    void rollupsAndRawRowsAgreeOnRandomRangesCutAnywhere() {
        Random random = new Random(20261128);
        try (MonitoringDb m = new MonitoringDb(dir)) {
            traffic(random, 1_500).forEach(m::record);
            SummaryService service = m.service(MonitoringDb.config("monitoring: { minSampleForSignals: 5 }"),
                    START.plusSeconds(4 * 86_400));
            for (int i = 0; i < 25; i++) {
                long a = START.toEpochMilli() - 3_600_000L + (long) (random.nextDouble() * 4 * 86_400_000L);
                long b = START.toEpochMilli() - 3_600_000L + (long) (random.nextDouble() * 4 * 86_400_000L);
                if (a == b) {
                    continue;
                }
                ZoneId zone = ZoneId.of(i % 2 == 0 ? "Asia/Kolkata" : "America/New_York");
                Range range = new Range(Instant.ofEpochMilli(Math.min(a, b)), Instant.ofEpochMilli(Math.max(a, b)), zone, null);
                Summary rollups = service.summary(range);
                assertThat(rollups).as(range.toString()).isEqualTo(service.summary(range, LedgerAggregates.Mode.RAW));
            }
        }
    }

    @Test
    void rowsCommittedTogetherAreSummedOncePerKey() throws Exception {
        List<LedgerEntry> rows = traffic(new Random(11), 2_000);
        try (MonitoringDb m = new MonitoringDb(dir);
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (LedgerEntry e : rows) {
                done.add(threads.submit(() -> m.record(e)));
            }
            for (var f : done) {
                f.get();
            }
            // many rows shared a transaction, so their roll-ups were summed in memory before the upsert
            assertThat(m.db.stats().transactions()).isLessThan(rows.size());
            SummaryService service = m.service(MonitoringDb.config(""), START.plusSeconds(4 * 86_400));
            Range all = new Range(START.minusSeconds(3_600), START.plusSeconds(4 * 86_400), ZoneId.of("UTC"), null);
            Summary summary = service.summary(all);
            assertThat(summary.requests().total()).isEqualTo(rows.stream().filter(LedgerEntry::isFinal).count());
            assertThat(summary).isEqualTo(service.summary(all, LedgerAggregates.Mode.RAW));
        }
    }

    @Test
    void aRebuildFromTheLedgerGivesTheRollupsTheLedgerWrote() throws Exception {
        try (MonitoringDb m = new MonitoringDb(dir)) {
            traffic(new Random(5), 600).forEach(m::record);
            String written = rollupTables(m);
            m.db.write(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("UPDATE ledger_hourly SET cost_picos = 0");
                    s.executeUpdate("DELETE FROM ledger_latency_hist");
                }
                dev.tutorgate.ledger.LedgerRollups.rebuild(c);
                return null;
            });
            assertThat(rollupTables(m)).isNotEmpty().isEqualTo(written);
        }
    }

    /** Every row of the three roll-up tables, sorted, as text. */
    private static String rollupTables(MonitoringDb m) {
        return m.db.read(c -> {
            List<String> rows = new ArrayList<>();
            for (String table : List.of("ledger_hourly", "ledger_student_hourly", "ledger_latency_hist")) {
                try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table);
                     ResultSet rs = s.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            row.append('|').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
            rows.sort(null);
            return String.join("\n", rows);
        });
    }

    @Test
    void aRowTheLedgerRefusesLeavesTheRollupsAlone() {
        try (MonitoringDb m = new MonitoringDb(dir)) {
            LedgerEntry entry = row("twice", START.plusSeconds(60)).student("s1").on("gpt-4.1-mini", "simple")
                    .tokens(1_000, 0, 100).cost("0.001", "0.001").times(300L, 900L).entry();
            m.record(entry);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.record(entry))
                    .isInstanceOf(dev.tutorgate.storage.DuplicateKeyException.class);
            long rowCount = m.db.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT SUM(row_count) FROM ledger_hourly");
                     ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            });
            assertThat(rowCount).isEqualTo(1);
            SummaryService service = m.service(MonitoringDb.config(""), START.plusSeconds(86_400));
            Range day = new Range(START, START.plusSeconds(86_400), ZoneId.of("UTC"), null);
            assertThat(service.summary(day)).isEqualTo(service.summary(day, LedgerAggregates.Mode.RAW));
        }
    }

    @Test
    void theMigrationsBucketsAreTheJavaBuckets() {
        long[] values = {0, 1, 99, 100, 101, 109, 110, 999, 1000, 1099, 1100, 9_999, 10_000, 123_456, 1_234_567,
                9_999_999, 10_000_000, 123_456_789};
        try (MonitoringDb m = new MonitoringDb(dir)) {
            for (int i = 0; i < values.length; i++) {
                m.record(row("v" + i, START.plusSeconds(i * 3_600L)).on("gpt-4.1-mini", "simple")
                        .times(values[i], values[i]).entry());
            }
            Map<Long, Long> bucketByHour = m.db.read(c -> {
                Map<Long, Long> out = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT hour, bucket FROM ledger_latency_hist WHERE metric = 1");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getLong(2));
                    }
                }
                return out;
            });
            for (int i = 0; i < values.length; i++) {
                long bucket = bucketByHour.get(START.plusSeconds(i * 3_600L).toEpochMilli());
                assertThat(bucket).as("bucket of " + values[i]).isEqualTo(LatencyBuckets.bucketOf(values[i]));
                assertThat(values[i]).isBetween(bucket, bucket + LatencyBuckets.widthOf(bucket) - 1);
            }
        }
    }

    @Test
    void rowsWrittenBeforeTheMigrationAreRolledUpByIt() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("old"));
        String url = "jdbc:sqlite:" + folder.resolve("tutorgate.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("1").load().migrate();
        Random random = new Random(7);
        List<LedgerEntry> rows = traffic(random, 400);
        // the first half lands in a V1-only database, the second half through the triggers
        try (var c = java.sql.DriverManager.getConnection(url)) {
            for (LedgerEntry e : rows.subList(0, rows.size() / 2)) {
                insertV1(c, e);
            }
        }
        try (MonitoringDb m = new MonitoringDb(folder)) {
            rows.subList(rows.size() / 2, rows.size()).forEach(m::record);
            SummaryService service = m.service(MonitoringDb.config(""), START.plusSeconds(4 * 86_400));
            Range all = new Range(START, START.plusSeconds(4 * 86_400), ZoneId.of("UTC"), null);
            Summary s = service.summary(all);
            assertThat(s.requests().total()).isEqualTo(400);
            assertThat(s).isEqualTo(service.summary(all, LedgerAggregates.Mode.RAW));
        }
    }

    private static void insertV1(java.sql.Connection c, LedgerEntry e) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (request_id, attempt, is_final, started_at, "
                + "student_id, complexity, model, outcome, error_kind, fallback_reason, input_tokens, cached_tokens, "
                + "output_tokens, cost_picos, cost_without_cache_picos, ttft_ms, latency_ms, retrieval_hit, "
                + "client_disconnected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.requestId());
            s.setInt(2, e.attempt());
            s.setInt(3, e.isFinal() ? 1 : 0);
            s.setLong(4, e.startedAt().toEpochMilli());
            s.setString(5, e.studentId());
            s.setString(6, e.complexity());
            s.setString(7, e.model());
            s.setString(8, e.outcome().label());
            s.setString(9, e.errorKind());
            s.setString(10, e.fallbackReason());
            s.setLong(11, e.usage().inputTokens());
            s.setLong(12, e.usage().cachedInputTokens());
            s.setLong(13, e.usage().outputTokens());
            s.setLong(14, e.costPicos());
            s.setLong(15, e.costWithoutCachePicos());
            s.setObject(16, e.ttftMs());
            s.setObject(17, e.latencyMs());
            s.setObject(18, e.retrievalHit() == null ? null : e.retrievalHit() ? 1 : 0);
            s.setInt(19, e.clientDisconnected() ? 1 : 0);
            s.executeUpdate();
        }
    }
}
