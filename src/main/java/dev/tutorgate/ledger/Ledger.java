package dev.tutorgate.ledger;

/**
 * The durable record of what every call cost. {@link #record} returns only after the row is
 * committed (it survives the process being killed right after), and also writes the same record
 * as one JSON line to the request log (chat.log).
 */
public interface Ledger {
    void record(LedgerEntry entry);
}
