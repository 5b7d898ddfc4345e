package dev.tutorgate.gateway;

import dev.tutorgate.ledger.Ledger;
import dev.tutorgate.ledger.LedgerEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps ledger rows in memory (until the SQLite ledger lands). */
final class ListLedger implements Ledger {
    final List<LedgerEntry> rows = new CopyOnWriteArrayList<>();

    @Override
    public void record(LedgerEntry entry) {
        rows.add(entry);
    }

    List<LedgerEntry> of(String requestId) {
        return rows.stream().filter(r -> r.requestId().equals(requestId)).toList();
    }

    long totalCost() {
        return rows.stream().mapToLong(LedgerEntry::costPicos).sum();
    }
}
