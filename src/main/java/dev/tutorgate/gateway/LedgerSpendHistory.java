package dev.tutorgate.gateway;

import dev.tutorgate.budget.SpendHistory;
import dev.tutorgate.ledger.LedgerQueries;
import java.time.Instant;
import java.util.Objects;

/** What the ledger says was spent, for a budget guard learning the current periods after a start. */
public record LedgerSpendHistory(LedgerQueries ledger) implements SpendHistory {
    public LedgerSpendHistory {
        Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public long spentPicos(Instant from, Instant to) {
        return ledger.spentPicos(from, to);
    }

    @Override
    public long spentPicos(String studentId, Instant from, Instant to) {
        return ledger.spentPicos(studentId, from, to);
    }
}
