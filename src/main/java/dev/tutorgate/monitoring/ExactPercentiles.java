package dev.tutorgate.monitoring;

import dev.tutorgate.ledger.LatencyBuckets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * Exact nearest-rank percentiles of TTFT and latency over a range, in two steps: the histogram of
 * the range (roll-ups plus edges) says which millisecond bucket holds the wanted rank and the rank
 * within it; then one query on the ledger reads that bucket's values in order through a partial
 * index on (value, started_at) — a few thousand index entries for a month, not a million rows.
 * Must run in the same read transaction as the aggregate, so both see the same rows.
 */
final class ExactPercentiles {
    private static final String BAND = "SELECT %1$s FROM ledger INDEXED BY %2$s "
            + "WHERE outcome = 'ok' AND model <> 'offline' AND %1$s IS NOT NULL "
            + "AND %1$s >= ? AND %1$s < ? AND started_at >= ? AND started_at < ? ORDER BY %1$s LIMIT 1 OFFSET ?";
    private static final String TTFT_BAND = BAND.formatted("ttft_ms", "ledger_ttft_values");
    private static final String LATENCY_BAND = BAND.formatted("latency_ms", "ledger_latency_values");

    private final Connection connection;
    private final Aggregate aggregate;
    private final long from;
    private final long to;
    private boolean sorted;

    ExactPercentiles(Connection connection, Aggregate aggregate, Instant from, Instant to) {
        this.connection = connection;
        this.aggregate = aggregate;
        this.from = from.toEpochMilli();
        this.to = to.toEpochMilli();
    }

    /** The p-th percentile of TTFT in ms, or null without values. */
    Long ttft(int p) throws SQLException {
        return percentile(LatencyBuckets.TTFT, p);
    }

    /** The p-th percentile of latency in ms, or null without values. */
    Long latency(int p) throws SQLException {
        return percentile(LatencyBuckets.LATENCY, p);
    }

    private Long percentile(int metric, int p) throws SQLException {
        Histogram histogram = metric == LatencyBuckets.TTFT ? aggregate.ttft : aggregate.latency;
        if (histogram.total() == 0) {
            return null;
        }
        long rank = Percentiles.rank(p, histogram.total());
        if (aggregate.hasRawValues()) {
            return rawValues(metric).get((int) (rank - 1));
        }
        Histogram.Position position = histogram.locate(rank);
        if (position.width() == 1) {
            return position.bucket();
        }
        try (PreparedStatement s = connection.prepareStatement(metric == LatencyBuckets.TTFT ? TTFT_BAND : LATENCY_BAND)) {
            s.setLong(1, position.bucket());
            s.setLong(2, position.bucket() + position.width());
            s.setLong(3, from);
            s.setLong(4, to);
            s.setLong(5, position.rankInBucket() - 1);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the latency roll-up disagrees with the ledger in bucket "
                            + position.bucket() + " ms; was the ledger edited by hand?");
                }
                return rs.getLong(1);
            }
        }
    }

    private List<Long> rawValues(int metric) {
        if (!sorted) {
            Collections.sort(aggregate.rawTtft);
            Collections.sort(aggregate.rawLatency);
            sorted = true;
        }
        return metric == LatencyBuckets.TTFT ? aggregate.rawTtft : aggregate.rawLatency;
    }

    /**
     * A percentile read from a histogram alone: the value rounded down to its bucket (two
     * significant digits). What the charts show per time bucket; null without values.
     */
    static Long approximate(Histogram histogram, int p) {
        if (histogram.total() == 0) {
            return null;
        }
        return histogram.locate(Percentiles.rank(p, histogram.total())).bucket();
    }
}
