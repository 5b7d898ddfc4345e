package dev.tutorgate.ledger;

import dev.tutorgate.core.Usage;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the usage ledger: a model call that may have cost money, or a request refused
 * before any call (attempt 0). Columns are described in db/migration/V1__schema.sql.
 *
 * @param errorKind       an ErrorKind label for failed calls, or the refusal reason
 *                        (rate_limited, budget_exceeded, student_cap, provider_queue_full…)
 * @param fallbackReason  why this model answered instead of the routed one; null when it is the routed one
 * @param retrievalHit    whether the answer's sources were found in the course; null when unknown
 */
public record LedgerEntry(
        String requestId,
        int attempt,
        boolean isFinal,
        Instant startedAt,
        String studentId,
        String conversationId,
        String complexity,
        String model,
        String provider,
        String keyAlias,
        Outcome outcome,
        String errorKind,
        String fallbackReason,
        Usage usage,
        long costPicos,
        long costWithoutCachePicos,
        Long ttftMs,
        Long latencyMs,
        boolean streamed,
        boolean clientDisconnected,
        Boolean retrievalHit) {

    public LedgerEntry {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(outcome, "outcome");
        usage = usage == null ? Usage.ZERO : usage;
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative");
        }
    }
}
