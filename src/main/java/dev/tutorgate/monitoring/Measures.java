package dev.tutorgate.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Sums over a set of ledger rows: the measures of the {@code ledger_hourly} roll-up (V40). Added to
 * from roll-up rows or from single ledger rows; the two must give the same sums (a test checks).
 * Mutable, for one reader thread.
 */
final class Measures {
    long rows;
    long inputTokens;
    long cachedTokens;
    long cacheWrite5mTokens;
    long cacheWrite1hTokens;
    long outputTokens;
    long reasoningTokens;
    long costPicos;
    long costWithoutCachePicos;
    long ttftCount;
    long ttftSumMs;
    long latencyCount;
    long latencySumMs;
    long genOutputTokens;
    long genMs;
    long retrievalKnown;
    long retrievalHits;
    long streamed;
    long clientDisconnected;
    long usageEstimated;

    /** The roll-up's measure columns, in this order, after its key columns. */
    static final String ROLLUP_COLUMNS = "row_count, input_tokens, cached_tokens, cache_write_5m_tokens, "
            + "cache_write_1h_tokens, output_tokens, reasoning_tokens, cost_picos, cost_without_cache_picos, "
            + "ttft_count, ttft_sum_ms, latency_count, latency_sum_ms, gen_output_tokens, gen_ms, retrieval_known, "
            + "retrieval_hits, streamed, client_disconnected, usage_estimated";

    /** Adds a roll-up row whose measure columns start at {@code first}. */
    void addRollup(ResultSet rs, int first) throws SQLException {
        int i = first;
        rows += rs.getLong(i++);
        inputTokens += rs.getLong(i++);
        cachedTokens += rs.getLong(i++);
        cacheWrite5mTokens += rs.getLong(i++);
        cacheWrite1hTokens += rs.getLong(i++);
        outputTokens += rs.getLong(i++);
        reasoningTokens += rs.getLong(i++);
        costPicos += rs.getLong(i++);
        costWithoutCachePicos += rs.getLong(i++);
        ttftCount += rs.getLong(i++);
        ttftSumMs += rs.getLong(i++);
        latencyCount += rs.getLong(i++);
        latencySumMs += rs.getLong(i++);
        genOutputTokens += rs.getLong(i++);
        genMs += rs.getLong(i++);
        retrievalKnown += rs.getLong(i++);
        retrievalHits += rs.getLong(i++);
        streamed += rs.getLong(i++);
        clientDisconnected += rs.getLong(i++);
        usageEstimated += rs.getLong(i);
    }

    /** Adds one ledger row. */
    void addRow(RawRow r) {
        rows++;
        inputTokens += r.inputTokens();
        cachedTokens += r.cachedTokens();
        cacheWrite5mTokens += r.cacheWrite5mTokens();
        cacheWrite1hTokens += r.cacheWrite1hTokens();
        outputTokens += r.outputTokens();
        reasoningTokens += r.reasoningTokens();
        costPicos += r.costPicos();
        costWithoutCachePicos += r.costWithoutCachePicos();
        if (r.ttftMs() != null) {
            ttftCount++;
            ttftSumMs += r.ttftMs();
        }
        if (r.latencyMs() != null) {
            latencyCount++;
            latencySumMs += r.latencyMs();
        }
        if (r.ttftMs() != null && r.latencyMs() != null && r.latencyMs() > r.ttftMs()) {
            genOutputTokens += r.outputTokens();
            genMs += r.latencyMs() - r.ttftMs();
        }
        if (r.retrievalHit() != null) {
            retrievalKnown++;
            retrievalHits += r.retrievalHit() ? 1 : 0;
        }
        streamed += r.streamed() ? 1 : 0;
        clientDisconnected += r.clientDisconnected() ? 1 : 0;
        usageEstimated += r.usageEstimated() ? 1 : 0;
    }

    void add(Measures o) {
        rows += o.rows;
        inputTokens += o.inputTokens;
        cachedTokens += o.cachedTokens;
        cacheWrite5mTokens += o.cacheWrite5mTokens;
        cacheWrite1hTokens += o.cacheWrite1hTokens;
        outputTokens += o.outputTokens;
        reasoningTokens += o.reasoningTokens;
        costPicos += o.costPicos;
        costWithoutCachePicos += o.costWithoutCachePicos;
        ttftCount += o.ttftCount;
        ttftSumMs += o.ttftSumMs;
        latencyCount += o.latencyCount;
        latencySumMs += o.latencySumMs;
        genOutputTokens += o.genOutputTokens;
        genMs += o.genMs;
        retrievalKnown += o.retrievalKnown;
        retrievalHits += o.retrievalHits;
        streamed += o.streamed;
        clientDisconnected += o.clientDisconnected;
        usageEstimated += o.usageEstimated;
    }
}
