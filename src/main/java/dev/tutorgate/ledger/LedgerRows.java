package dev.tutorgate.ledger;

import dev.tutorgate.core.Usage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;

/** LedgerEntry ↔ a row of the {@code ledger} table (V1__schema.sql): one place for the column list. */
final class LedgerRows {
    private static final String COLUMNS = "request_id, attempt, is_final, started_at, student_id, conversation_id, "
            + "complexity, model, provider, key_alias, outcome, error_kind, fallback_reason, input_tokens, "
            + "cached_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, "
            + "usage_estimated, cost_picos, cost_without_cache_picos, ttft_ms, latency_ms, streamed, "
            + "client_disconnected, retrieval_hit";

    static final String INSERT = "INSERT INTO ledger (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String SELECT = "SELECT " + COLUMNS + " FROM ledger";

    private LedgerRows() {
    }

    static void bind(PreparedStatement s, LedgerEntry e) throws SQLException {
        Usage u = e.usage();
        s.setString(1, e.requestId());
        s.setInt(2, e.attempt());
        s.setInt(3, flag(e.isFinal()));
        s.setLong(4, e.startedAt().toEpochMilli());
        s.setString(5, e.studentId());
        s.setString(6, e.conversationId());
        s.setString(7, e.complexity());
        s.setString(8, e.model());
        s.setString(9, e.provider());
        s.setString(10, e.keyAlias());
        s.setString(11, e.outcome().label());
        s.setString(12, e.errorKind());
        s.setString(13, e.fallbackReason());
        s.setLong(14, u.inputTokens());
        s.setLong(15, u.cachedInputTokens());
        s.setLong(16, u.cacheWrite5mTokens());
        s.setLong(17, u.cacheWrite1hTokens());
        s.setLong(18, u.outputTokens());
        s.setLong(19, u.reasoningTokens());
        s.setInt(20, flag(u.estimated()));
        s.setLong(21, e.costPicos());
        s.setLong(22, e.costWithoutCachePicos());
        setNullable(s, 23, e.ttftMs());
        setNullable(s, 24, e.latencyMs());
        s.setInt(25, flag(e.streamed()));
        s.setInt(26, flag(e.clientDisconnected()));
        if (e.retrievalHit() == null) {
            s.setNull(27, Types.INTEGER);
        } else {
            s.setInt(27, flag(e.retrievalHit()));
        }
    }

    /** Reads the current row of a result set selected with {@link #SELECT}. */
    static LedgerEntry read(ResultSet rs) throws SQLException {
        Usage usage = new Usage(rs.getLong("input_tokens"), rs.getLong("cached_tokens"),
                rs.getLong("cache_write_5m_tokens"), rs.getLong("cache_write_1h_tokens"),
                rs.getLong("output_tokens"), rs.getLong("reasoning_tokens"), rs.getInt("usage_estimated") != 0);
        return new LedgerEntry(
                rs.getString("request_id"),
                rs.getInt("attempt"),
                rs.getInt("is_final") != 0,
                Instant.ofEpochMilli(rs.getLong("started_at")),
                rs.getString("student_id"),
                rs.getString("conversation_id"),
                rs.getString("complexity"),
                rs.getString("model"),
                rs.getString("provider"),
                rs.getString("key_alias"),
                Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
                rs.getString("error_kind"),
                rs.getString("fallback_reason"),
                usage,
                rs.getLong("cost_picos"),
                rs.getLong("cost_without_cache_picos"),
                nullableLong(rs, "ttft_ms"),
                nullableLong(rs, "latency_ms"),
                rs.getInt("streamed") != 0,
                rs.getInt("client_disconnected") != 0,
                nullableFlag(rs, "retrieval_hit"));
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }

    private static void setNullable(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Boolean nullableFlag(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value != 0;
    }
}
