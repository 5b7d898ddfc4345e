package dev.tutorgate.monitoring;

import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.LedgerEntry;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about one request: every call (ledger row), the question and the answer as the
 * conversation kept them, the answer's sources, the student's rating and the admin's review.
 */
public record RequestDetail(
        RequestLogEntry summary,
        List<Attempt> attempts,
        String question,
        String answer,
        List<String> sources,
        Feedback feedback,
        Review review) {

    /** One call of the request: a ledger row, with its money as {@link Usd}. */
    public record Attempt(int attempt, boolean isFinal, Instant startedAt, String model, String provider,
                          String keyAlias, String outcome, String errorKind, String fallbackReason, Usage usage,
                          Usd cost, Usd costWithoutCache, Long ttftMs, Long latencyMs, boolean streamed,
                          boolean clientDisconnected, Boolean retrievalHit) {

        static Attempt of(LedgerEntry e) {
            return new Attempt(e.attempt(), e.isFinal(), e.startedAt(), e.model(), e.provider(), e.keyAlias(),
                    e.outcome().label(), e.errorKind(), e.fallbackReason(), e.usage(), Usd.of(e.costPicos()),
                    Usd.of(e.costWithoutCachePicos()), e.ttftMs(), e.latencyMs(), e.streamed(), e.clientDisconnected(),
                    e.retrievalHit());
        }
    }

    public record Feedback(int stars, String comment, Instant at) {
    }

    public record Review(String verdict, String note, Instant at) {
    }
}
