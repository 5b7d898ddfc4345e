package dev.tutorgate.monitoring;

import dev.tutorgate.ledger.LatencyBuckets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * Reads the ledger rows of {@code [from, to)} into an {@link Aggregate}. Whole UTC hours come from
 * the roll-up tables of V40 (a month is some 30,000 roll-up rows instead of a million ledger rows);
 * the partial hours at either edge come from the ledger itself, so any range — an instant, a local
 * day in any time zone — is exact. {@link Mode#RAW} reads every row from the ledger: the reference
 * the roll-up path is tested against.
 */
final class LedgerAggregates {
    static final long HOUR_MS = 3_600_000L;

    enum Mode { ROLLUPS, RAW }

    private static final String CUBE = "SELECT hour, model, complexity, outcome, error_kind, fallback_reason, "
            + "attempt_kind, is_final, " + Measures.ROLLUP_COLUMNS + " FROM ledger_hourly WHERE hour >= ? AND hour < ?";
    /** Summed here rather than by GROUP BY: SQLite's temporary B-tree costs more than reading the rows. */
    private static final String STUDENTS = "SELECT student_id, row_count, requests, answered, cost_picos "
            + "FROM ledger_student_hourly WHERE hour >= ? AND hour < ?";
    private static final String HISTOGRAM = "SELECT hour, metric, bucket, n FROM ledger_latency_hist "
            + "WHERE hour >= ? AND hour < ?";
    private static final String RAW = RawRow.SELECT + " WHERE started_at >= ? AND started_at < ?";

    private LedgerAggregates() {
    }

    static Aggregate read(Connection c, Instant from, Instant to, LongUnaryOperator timeBucket, Mode mode)
            throws SQLException {
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        long firstHour = Math.ceilDiv(start, HOUR_MS) * HOUR_MS;
        long lastHour = Math.floorDiv(end, HOUR_MS) * HOUR_MS;
        if (mode == Mode.RAW || firstHour >= lastHour) {
            Aggregate all = new Aggregate(timeBucket, mode == Mode.RAW);
            raw(c, all, start, end);
            return all;
        }
        Aggregate out = new Aggregate(timeBucket, false);
        raw(c, out, start, firstHour);
        cube(c, out, firstHour, lastHour);
        students(c, out, firstHour, lastHour);
        histograms(c, out, firstHour, lastHour);
        raw(c, out, lastHour, end);
        return out;
    }

    private static void raw(Connection c, Aggregate out, long from, long to) throws SQLException {
        if (from >= to) {
            return;
        }
        try (PreparedStatement s = range(c, RAW, from, to); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.addRow(RawRow.read(rs));
            }
        }
    }

    private static void cube(Connection c, Aggregate out, long from, long to) throws SQLException {
        try (PreparedStatement s = range(c, CUBE, from, to); ResultSet rs = s.executeQuery()) {
            PointCursor points = new PointCursor(out);
            while (rs.next()) {
                long hour = rs.getLong(1);
                CubeKey key = new CubeKey(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getInt(8) != 0);
                Measures m = new Measures();
                m.addRollup(rs, 9);
                out.cubeAt(key).add(m);
                Aggregate.SeriesPoint point = points.at(hour);
                point.all.add(m);
                if (key.isFinal()) {
                    point.requestsByModel.merge(key.model(), m.rows, Long::sum);
                }
            }
        }
    }

    private static void students(Connection c, Aggregate out, long from, long to) throws SQLException {
        try (PreparedStatement s = range(c, STUDENTS, from, to); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Aggregate.StudentSums sums = out.student(rs.getString(1));
                sums.rows += rs.getLong(2);
                sums.requests += rs.getLong(3);
                sums.answered += rs.getLong(4);
                sums.costPicos += rs.getLong(5);
            }
        }
    }

    private static void histograms(Connection c, Aggregate out, long from, long to) throws SQLException {
        try (PreparedStatement s = range(c, HISTOGRAM, from, to); ResultSet rs = s.executeQuery()) {
            PointCursor points = new PointCursor(out);
            while (rs.next()) {
                long hour = rs.getLong(1);
                int metric = rs.getInt(2);
                long bucket = rs.getLong(3);
                long n = rs.getLong(4);
                Aggregate.SeriesPoint point = points.at(hour);
                if (metric == LatencyBuckets.TTFT) {
                    out.ttft.add(bucket, n);
                    point.ttft.add(bucket, n);
                } else if (metric == LatencyBuckets.LATENCY) {
                    out.latency.add(bucket, n);
                    point.latency.add(bucket, n);
                }
            }
        }
    }

    /** Roll-up rows come in hour order: most rows belong to the same chart point as the one before. */
    private static final class PointCursor {
        private final Aggregate out;
        private long hour = Long.MIN_VALUE;
        private Aggregate.SeriesPoint point;

        PointCursor(Aggregate out) {
            this.out = out;
        }

        Aggregate.SeriesPoint at(long rowHour) {
            if (rowHour != hour) {
                hour = rowHour;
                point = out.pointAt(rowHour);
            }
            return point;
        }
    }

    static PreparedStatement range(Connection c, String sql, long from, long to) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setLong(1, from);
        s.setLong(2, to);
        return s;
    }
}
