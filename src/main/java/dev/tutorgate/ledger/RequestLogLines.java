package dev.tutorgate.ledger;

import dev.tutorgate.storage.CommitHook;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The request-log lines of the rows in the writer's current transaction, appended in one write
 * once it committed and before its callers are released: a returned {@link Ledger#record} has its
 * line in the file, and a rolled-back row never gets one. Confined to the writer thread.
 */
final class RequestLogLines implements CommitHook {
    private final RequestLog log;
    private final List<byte[]> lines = new ArrayList<>();

    RequestLogLines(RequestLog log) {
        this.log = log;
    }

    /** Called by a work on the writer thread, after its row was inserted. */
    void add(byte[] line) {
        if (line != null) {
            lines.add(line);
        }
    }

    @Override
    public void beforeCommit(Connection connection) {
    }

    @Override
    public void afterCommit() {
        if (!lines.isEmpty()) {
            try {
                log.append(lines);
            } finally {
                lines.clear();
            }
        }
    }

    @Override
    public void afterRollback() {
        lines.clear();
    }
}
