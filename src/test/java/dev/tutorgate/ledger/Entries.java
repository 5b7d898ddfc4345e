package dev.tutorgate.ledger;

import dev.tutorgate.core.Usage;
import java.time.Instant;

/** Ledger entries for tests. */
final class Entries {
    private Entries() {
    }

    /** A successful streamed call with every column filled in. */
    static LedgerEntry full(String requestId, int attempt, Instant startedAt) {
        return new LedgerEntry(requestId, attempt, true, startedAt, "student-42", "conv-7", "simple",
                "gemini-2.5-flash", "gemini-main", "gemini-main#2", Outcome.OK, null, "primary_unavailable",
                new Usage(12_000, 10_000, 0, 0, 2_000, 1_500, false),
                5_900_000_000L, 8_600_000_000L, 420L, 1_830L, true, false, true);
    }

    /** A call that cost {@code costPicos}, for sums. */
    static LedgerEntry costing(String requestId, String studentId, Instant startedAt, long costPicos) {
        return costing(requestId, 1, studentId, startedAt, costPicos);
    }

    static LedgerEntry costing(String requestId, int attempt, String studentId, Instant startedAt, long costPicos) {
        return new LedgerEntry(requestId, attempt, true, startedAt, studentId, null, "medium", "gpt-4.1-mini",
                "openai-main", "openai-main#1", Outcome.OK, null, null, Usage.of(1_000, 100),
                costPicos, costPicos, 300L, 900L, false, false, null);
    }

    /** A request refused before any call: attempt 0, nothing known but the reason. */
    static LedgerEntry refused(String requestId, Instant startedAt) {
        return new LedgerEntry(requestId, 0, true, startedAt, "student-9", null, null, null, null, null,
                Outcome.REJECTED, "rate_limited", null, null, 0, 0, null, null, false, false, null);
    }
}
