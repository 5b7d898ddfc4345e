package dev.tutorgate.monitoring;

import dev.tutorgate.budget.BudgetPeriod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a {@link LedgerSnapshot}: all in the caller's read transaction, so every figure sees the same rows. */
final class SnapshotReader {
    private static final String COST_ROLLUP = "SELECT COALESCE(SUM(cost_picos), 0) FROM ledger_hourly WHERE hour >= ? AND hour < ?";
    private static final String COST_RAW = "SELECT COALESCE(SUM(cost_picos), 0) FROM ledger WHERE started_at >= ? AND started_at < ?";
    private static final String REFUSED_ROLLUP = "SELECT COALESCE(SUM(row_count), 0) FROM ledger_hourly WHERE hour >= ? AND hour < ?"
            + " AND attempt_kind = 0 AND error_kind = 'budget_exceeded'";
    private static final String REFUSED_RAW = "SELECT COUNT(*) FROM ledger WHERE started_at >= ? AND started_at < ?"
            + " AND attempt = 0 AND error_kind = 'budget_exceeded'";
    private static final String STARS = "SELECT stars, COUNT(*) FROM feedback WHERE created_at >= ? AND created_at < ? GROUP BY stars";
    /** CROSS JOIN: SQLite then walks the (few) reviews and looks each up, never the range's ledger rows. */
    private static final String REVIEWS = "SELECT r.verdict, COUNT(*) FROM reviews r CROSS JOIN ledger l "
            + "ON l.request_id = r.request_id AND l.is_final = 1 WHERE l.started_at >= ? AND l.started_at < ? GROUP BY r.verdict";
    private static final String REGISTERED = "SELECT COUNT(*) FROM students WHERE disabled = 0";

    private SnapshotReader() {
    }

    static LedgerSnapshot read(Connection c, Range range, LedgerAggregates.Mode mode, Instant now, int topStudents)
            throws SQLException {
        Aggregate aggregate = LedgerAggregates.read(c, range.from(), range.to(), new TimeBuckets(range.hourly(), range.zone()), mode);
        ExactPercentiles percentiles = new ExactPercentiles(c, aggregate, range.from(), range.to());
        Measures answered = aggregate.sum(k -> k.ok() && k.modelCall());
        Summary.LatencyFigures ttft = new Summary.LatencyFigures(aggregate.ttft.total(), percentiles.ttft(50),
                percentiles.ttft(95), percentiles.ttft(99), Ratios.divide(answered.ttftSumMs, answered.ttftCount));
        Summary.LatencyFigures latency = new Summary.LatencyFigures(aggregate.latency.total(), percentiles.latency(50),
                percentiles.latency(95), percentiles.latency(99), Ratios.divide(answered.latencySumMs, answered.latencyCount));

        List<LedgerSnapshot.PeriodSpend> periods = new ArrayList<>();
        for (BudgetPeriod period : BudgetPeriod.values()) {
            Range r = Range.current(period, now, range.zone());
            periods.add(new LedgerSnapshot.PeriodSpend(period, r, period.windowAt(now, range.zone()).label(),
                    cost(c, r, mode), rollupSum(c, r, mode, REFUSED_RAW, REFUSED_ROLLUP)));
        }
        Map<Integer, Long> stars = new TreeMap<>();
        for (int s = 1; s <= 5; s++) {
            stars.put(s, 0L);
        }
        Map<String, Long> verdicts = new HashMap<>();
        try (PreparedStatement s = LedgerAggregates.range(c, STARS, range.from().toEpochMilli(), range.to().toEpochMilli());
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                stars.put(rs.getInt(1), rs.getLong(2));
            }
        }
        try (PreparedStatement s = LedgerAggregates.range(c, REVIEWS, range.from().toEpochMilli(), range.to().toEpochMilli());
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                verdicts.put(rs.getString(1), rs.getLong(2));
            }
        }
        long registered;
        try (PreparedStatement s = c.prepareStatement(REGISTERED); ResultSet rs = s.executeQuery()) {
            rs.next();
            registered = rs.getLong(1);
        }
        return new LedgerSnapshot(aggregate, ttft, latency, periods, stars, verdicts.getOrDefault("correct", 0L),
                verdicts.getOrDefault("incorrect", 0L), registered, names(c, aggregate, topStudents), now);
    }

    /** What was spent in a range: whole hours from the roll-up, the edges from the ledger. */
    static long cost(Connection c, Range r, LedgerAggregates.Mode mode) throws SQLException {
        return rollupSum(c, r, mode, COST_RAW, COST_ROLLUP);
    }

    /** A sum over a range: whole hours from the roll-up query, the partial hours at the edges from the raw one. */
    private static long rollupSum(Connection c, Range r, LedgerAggregates.Mode mode, String raw, String rollup)
            throws SQLException {
        long from = r.from().toEpochMilli();
        long to = r.to().toEpochMilli();
        long firstHour = Math.ceilDiv(from, LedgerAggregates.HOUR_MS) * LedgerAggregates.HOUR_MS;
        long lastHour = Math.floorDiv(to, LedgerAggregates.HOUR_MS) * LedgerAggregates.HOUR_MS;
        if (mode == LedgerAggregates.Mode.RAW || firstHour >= lastHour) {
            return sum(c, raw, from, to);
        }
        return sum(c, raw, from, firstHour) + sum(c, rollup, firstHour, lastHour) + sum(c, raw, lastHour, to);
    }

    private static Map<String, String> names(Connection c, Aggregate aggregate, int top) throws SQLException {
        List<String> ids = SummaryAssembler.topStudentIds(aggregate, top);
        Map<String, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT id, name FROM students WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    private static long sum(Connection c, String sql, long from, long to) throws SQLException {
        if (from >= to) {
            return 0;
        }
        try (PreparedStatement s = LedgerAggregates.range(c, sql, from, to); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
