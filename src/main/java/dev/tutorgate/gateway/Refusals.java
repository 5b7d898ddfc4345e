package dev.tutorgate.gateway;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.ledger.Ledger;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;

/**
 * Refuses a request before any model call, and records the refusal in the ledger as an attempt-0
 * row (outcome rejected) so that every admitted or refused request is accounted for.
 */
final class Refusals {
    private final Ledger ledger;

    Refusals(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * @param reason the ledger's error_kind: rate_limited, budget_exceeded, student_cap, no_model…
     */
    ChatResult.Failed refuse(ChatExchange exchange, ErrorCode code, String reason, Long retryAfterSeconds,
                             String detail) {
        ledger.record(new LedgerEntry(exchange.requestId(), 0, true, exchange.startedAt(), exchange.studentId(),
                exchange.storedConversationId(), exchange.complexityLabel(), null, null, null, Outcome.REJECTED,
                reason, null, null, 0, 0, null, exchange.elapsedMs(), exchange.command().streamed(), false, null));
        return fail(exchange, code, retryAfterSeconds, detail);
    }

    /** A failure that is not recorded (bad input never reaches anything that costs). */
    static ChatResult.Failed fail(ChatExchange exchange, ErrorCode code, Long retryAfterSeconds, String detail) {
        return new ChatResult.Failed(new ChatFailure(exchange.requestId(), code, retryAfterSeconds, detail));
    }

    static long ceilSeconds(java.time.Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
