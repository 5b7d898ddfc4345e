package dev.tutorgate.ledger;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.storage.Database;
import dev.tutorgate.storage.DuplicateKeyException;
import java.sql.PreparedStatement;

/**
 * The ledger in the {@code ledger} table. {@link #record} returns after the row is committed by
 * the database's group-commit writer (its roll-ups with it, see {@link LedgerRollups}), and after
 * the same record was appended to the request log (the lines of one commit in one write, see
 * {@link RequestLogLines}). Closing closes the request log, not the database (which is shared).
 */
public final class JdbcLedger implements Ledger, AutoCloseable {
    private final Database db;
    private final RequestLog requestLog;
    private final LedgerRollups rollups = new LedgerRollups();
    private final RequestLogLines logLines;

    public JdbcLedger(Database db, RequestLog requestLog) {
        this.db = db;
        this.requestLog = requestLog;
        this.logLines = new RequestLogLines(requestLog);
        db.addCommitHook(rollups);
        db.addCommitHook(logLines);
    }

    /** The ledger with the request log named by {@code storage.requestLog} (null = none). */
    public static JdbcLedger create(Database db, TutorgateConfig.Storage storage) {
        return new JdbcLedger(db, RequestLog.open(storage.requestLog()));
    }

    /**
     * @throws DuplicateKeyException when the ledger already has this request id and attempt
     * @throws dev.tutorgate.storage.StorageException when the row could not be committed
     */
    @Override
    public void record(LedgerEntry entry) {
        byte[] line = requestLog.line(entry); // formatted here, not on the one writer thread
        try {
            db.write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(LedgerRows.INSERT)) {
                    LedgerRows.bind(insert, entry);
                    int inserted = insert.executeUpdate();
                    rollups.add(entry); // last: a failed insert leaves nothing to sum or log
                    logLines.add(line);
                    return inserted;
                }
            });
        } catch (DuplicateKeyException e) {
            throw new DuplicateKeyException("The ledger already has request " + entry.requestId()
                    + " attempt " + entry.attempt(), e);
        }
    }

    @Override
    public void close() {
        requestLog.close();
    }
}
