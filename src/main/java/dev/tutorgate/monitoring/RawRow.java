package dev.tutorgate.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The columns of one ledger row that the figures use (read at the edges of a range, or everywhere in raw mode). */
record RawRow(
        long startedAt,
        String studentId,
        CubeKey key,
        long inputTokens,
        long cachedTokens,
        long cacheWrite5mTokens,
        long cacheWrite1hTokens,
        long outputTokens,
        long reasoningTokens,
        long costPicos,
        long costWithoutCachePicos,
        Long ttftMs,
        Long latencyMs,
        Boolean retrievalHit,
        boolean streamed,
        boolean clientDisconnected,
        boolean usageEstimated) {

    static final String SELECT = "SELECT started_at, student_id, model, complexity, outcome, error_kind, fallback_reason, "
            + "attempt, is_final, input_tokens, cached_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, "
            + "reasoning_tokens, cost_picos, cost_without_cache_picos, ttft_ms, latency_ms, retrieval_hit, streamed, "
            + "client_disconnected, usage_estimated FROM ledger";

    static RawRow read(ResultSet rs) throws SQLException {
        CubeKey key = CubeKey.ofRow(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getInt(8), rs.getInt(9) != 0);
        return new RawRow(rs.getLong(1), rs.getString(2), key, rs.getLong(10), rs.getLong(11), rs.getLong(12),
                rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                nullableLong(rs, 18), nullableLong(rs, 19), nullableFlag(rs, 20), rs.getInt(21) != 0,
                rs.getInt(22) != 0, rs.getInt(23) != 0);
    }

    /** Counts in the latency percentiles: an answered call to a language model. */
    boolean inLatencyPopulation() {
        return key.ok() && key.modelCall();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Boolean nullableFlag(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value != 0;
    }
}
