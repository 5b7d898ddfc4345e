package dev.tutorgate.ledger;

import dev.tutorgate.core.Usage;
import dev.tutorgate.storage.CommitHook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the roll-up tables of V40 ({@code ledger_hourly}, {@code ledger_student_hourly},
 * {@code ledger_latency_hist}) in step with the ledger. Each inserted row is added to sums in memory
 * on the writer's thread; just before the group transaction commits, every sum is written with one
 * upsert per key. The roll-ups therefore commit with the rows they sum, exactly as the per-row
 * triggers of V40 did (V70 dropped them): under load a transaction carries many rows of the same
 * hour and model, and the triggers' four upserts per row were three quarters of each insert.
 *
 * <p>Not thread-safe, and needs not be: only the writer thread adds, writes and forgets.
 * {@link #rebuild} recomputes all three tables from the ledger's rows (after a bulk import that
 * bypassed the ledger, as the monitoring benchmark's generator does).
 */
public final class LedgerRollups implements CommitHook {
    private static final long HOUR_MS = 3_600_000L;
    private static final String OFFLINE = "offline";

    private static final String UPSERT_HOURLY = "INSERT INTO ledger_hourly VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (hour, model, complexity, outcome, error_kind, fallback_reason, attempt_kind, is_final) DO UPDATE SET "
            + "row_count = row_count + excluded.row_count, "
            + "input_tokens = input_tokens + excluded.input_tokens, "
            + "cached_tokens = cached_tokens + excluded.cached_tokens, "
            + "cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens, "
            + "cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens, "
            + "output_tokens = output_tokens + excluded.output_tokens, "
            + "reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, "
            + "cost_picos = cost_picos + excluded.cost_picos, "
            + "cost_without_cache_picos = cost_without_cache_picos + excluded.cost_without_cache_picos, "
            + "ttft_count = ttft_count + excluded.ttft_count, "
            + "ttft_sum_ms = ttft_sum_ms + excluded.ttft_sum_ms, "
            + "latency_count = latency_count + excluded.latency_count, "
            + "latency_sum_ms = latency_sum_ms + excluded.latency_sum_ms, "
            + "gen_output_tokens = gen_output_tokens + excluded.gen_output_tokens, "
            + "gen_ms = gen_ms + excluded.gen_ms, "
            + "retrieval_known = retrieval_known + excluded.retrieval_known, "
            + "retrieval_hits = retrieval_hits + excluded.retrieval_hits, "
            + "streamed = streamed + excluded.streamed, "
            + "client_disconnected = client_disconnected + excluded.client_disconnected, "
            + "usage_estimated = usage_estimated + excluded.usage_estimated";
    private static final String UPSERT_STUDENT = "INSERT INTO ledger_student_hourly VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (hour, student_id) DO UPDATE SET "
            + "row_count = row_count + excluded.row_count, "
            + "requests = requests + excluded.requests, "
            + "answered = answered + excluded.answered, "
            + "cost_picos = cost_picos + excluded.cost_picos";
    private static final String UPSERT_LATENCY = "INSERT INTO ledger_latency_hist VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (hour, metric, bucket) DO UPDATE SET n = n + excluded.n";

    /** The primary key of {@code ledger_hourly}: '' stands for NULL, as in the table. */
    private record HourKey(long hour, String model, String complexity, String outcome, String errorKind,
                           String fallbackReason, int attemptKind, int isFinal) {
    }

    private record StudentKey(long hour, String studentId) {
    }

    private record LatencyKey(long hour, int metric, long bucket) {
    }

    /** The summed columns of one {@code ledger_hourly} row, in table order. */
    private static final class HourSums {
        final long[] sums = new long[20];

        void add(LedgerEntry e) {
            Usage u = e.usage();
            Long ttft = e.ttftMs();
            Long latency = e.latencyMs();
            boolean generated = ttft != null && latency != null && latency > ttft;
            long[] s = sums;
            s[0]++;
            s[1] += u.inputTokens();
            s[2] += u.cachedInputTokens();
            s[3] += u.cacheWrite5mTokens();
            s[4] += u.cacheWrite1hTokens();
            s[5] += u.outputTokens();
            s[6] += u.reasoningTokens();
            s[7] += e.costPicos();
            s[8] += e.costWithoutCachePicos();
            s[9] += ttft == null ? 0 : 1;
            s[10] += ttft == null ? 0 : ttft;
            s[11] += latency == null ? 0 : 1;
            s[12] += latency == null ? 0 : latency;
            s[13] += generated ? u.outputTokens() : 0;
            s[14] += generated ? latency - ttft : 0;
            s[15] += e.retrievalHit() == null ? 0 : 1;
            s[16] += Boolean.TRUE.equals(e.retrievalHit()) ? 1 : 0;
            s[17] += e.streamed() ? 1 : 0;
            s[18] += e.clientDisconnected() ? 1 : 0;
            s[19] += u.estimated() ? 1 : 0;
        }
    }

    /** rows, requests (final rows), answered (final and ok), cost. */
    private static final class StudentSums {
        long rows;
        long requests;
        long answered;
        long cost;
    }

    private final Map<HourKey, HourSums> hours = new HashMap<>();
    private final Map<StudentKey, StudentSums> students = new HashMap<>();
    private final Map<LatencyKey, long[]> latencies = new HashMap<>();

    private static final List<String> REBUILD = List.of(
            "DELETE FROM ledger_hourly",
            "DELETE FROM ledger_student_hourly",
            "DELETE FROM ledger_latency_hist",
            "INSERT INTO ledger_hourly SELECT started_at - started_at % 3600000, COALESCE(model, ''), "
                    + "COALESCE(complexity, ''), outcome, COALESCE(error_kind, ''), COALESCE(fallback_reason, ''), "
                    + "MIN(attempt, 2), is_final, COUNT(*), SUM(input_tokens), SUM(cached_tokens), "
                    + "SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(output_tokens), SUM(reasoning_tokens), "
                    + "SUM(cost_picos), SUM(cost_without_cache_picos), COUNT(ttft_ms), COALESCE(SUM(ttft_ms), 0), "
                    + "COUNT(latency_ms), COALESCE(SUM(latency_ms), 0), "
                    + "SUM(CASE WHEN latency_ms > ttft_ms THEN output_tokens ELSE 0 END), "
                    + "SUM(CASE WHEN latency_ms > ttft_ms THEN latency_ms - ttft_ms ELSE 0 END), "
                    + "COUNT(retrieval_hit), COALESCE(SUM(retrieval_hit), 0), SUM(streamed), SUM(client_disconnected), "
                    + "SUM(usage_estimated) FROM ledger GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
            "INSERT INTO ledger_student_hourly SELECT started_at - started_at % 3600000, student_id, COUNT(*), "
                    + "SUM(is_final), SUM(is_final AND outcome = 'ok'), SUM(cost_picos) FROM ledger "
                    + "WHERE student_id IS NOT NULL GROUP BY 1, 2");

    /**
     * Recomputes the three roll-up tables from every ledger row, on {@code connection} (in its
     * transaction, if one is open). The latency histogram is counted here row by row, with the same
     * buckets as {@link #add}.
     */
    public static void rebuild(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : REBUILD) {
                s.executeUpdate(sql);
            }
        }
        LedgerRollups latencies = new LedgerRollups();
        try (PreparedStatement s = connection.prepareStatement("SELECT started_at, ttft_ms, latency_ms FROM ledger "
                + "WHERE outcome = 'ok' AND model <> 'offline'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long started = rs.getLong(1);
                long hour = started - started % HOUR_MS;
                latencies.count(hour, LatencyBuckets.TTFT, rs.getObject(2) == null ? null : rs.getLong(2));
                latencies.count(hour, LatencyBuckets.LATENCY, rs.getObject(3) == null ? null : rs.getLong(3));
            }
        }
        latencies.beforeCommit(connection);
    }

    /** Counts a row inserted in the current transaction. */
    void add(LedgerEntry e) {
        long started = e.startedAt().toEpochMilli();
        long hour = started - started % HOUR_MS;
        String outcome = e.outcome().label();
        hours.computeIfAbsent(new HourKey(hour, blank(e.model()), blank(e.complexity()), outcome,
                blank(e.errorKind()), blank(e.fallbackReason()), Math.min(e.attempt(), 2), e.isFinal() ? 1 : 0),
                k -> new HourSums()).add(e);
        if (e.studentId() != null) {
            StudentSums s = students.computeIfAbsent(new StudentKey(hour, e.studentId()), k -> new StudentSums());
            s.rows++;
            s.requests += e.isFinal() ? 1 : 0;
            s.answered += e.isFinal() && e.outcome() == Outcome.OK ? 1 : 0;
            s.cost += e.costPicos();
        }
        if (e.outcome() == Outcome.OK && e.model() != null && !OFFLINE.equals(e.model())) {
            count(hour, LatencyBuckets.TTFT, e.ttftMs());
            count(hour, LatencyBuckets.LATENCY, e.latencyMs());
        }
    }

    private void count(long hour, int metric, Long ms) {
        if (ms != null) {
            latencies.computeIfAbsent(new LatencyKey(hour, metric, LatencyBuckets.bucketOf(ms)), k -> new long[1])[0]++;
        }
    }

    @Override
    public void beforeCommit(Connection connection) throws SQLException {
        try {
            if (!hours.isEmpty()) {
                writeHours(connection);
            }
            if (!students.isEmpty()) {
                writeStudents(connection);
            }
            if (!latencies.isEmpty()) {
                writeLatencies(connection);
            }
        } finally {
            afterRollback(); // written, or the transaction fails with them
        }
    }

    @Override
    public void afterRollback() {
        hours.clear();
        students.clear();
        latencies.clear();
    }

    private void writeHours(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(UPSERT_HOURLY)) {
            for (Map.Entry<HourKey, HourSums> row : hours.entrySet()) {
                HourKey k = row.getKey();
                s.setLong(1, k.hour());
                s.setString(2, k.model());
                s.setString(3, k.complexity());
                s.setString(4, k.outcome());
                s.setString(5, k.errorKind());
                s.setString(6, k.fallbackReason());
                s.setInt(7, k.attemptKind());
                s.setInt(8, k.isFinal());
                long[] sums = row.getValue().sums;
                for (int i = 0; i < sums.length; i++) {
                    s.setLong(9 + i, sums[i]);
                }
                s.executeUpdate();
            }
        }
    }

    private void writeStudents(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(UPSERT_STUDENT)) {
            for (Map.Entry<StudentKey, StudentSums> row : students.entrySet()) {
                StudentSums sums = row.getValue();
                s.setLong(1, row.getKey().hour());
                s.setString(2, row.getKey().studentId());
                s.setLong(3, sums.rows);
                s.setLong(4, sums.requests);
                s.setLong(5, sums.answered);
                s.setLong(6, sums.cost);
                s.executeUpdate();
            }
        }
    }

    private void writeLatencies(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(UPSERT_LATENCY)) {
            for (Map.Entry<LatencyKey, long[]> row : latencies.entrySet()) {
                LatencyKey k = row.getKey();
                s.setLong(1, k.hour());
                s.setInt(2, k.metric());
                s.setLong(3, k.bucket());
                s.setLong(4, row.getValue()[0]);
                s.executeUpdate();
            }
        }
    }

    private static String blank(String value) {
        return Objects.requireNonNullElse(value, "");
    }
}
