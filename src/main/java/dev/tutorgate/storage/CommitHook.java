package dev.tutorgate.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work the writer does once per group transaction, on its own thread: after every queued work ran
 * and before the commit, so what the hook writes is committed (or lost) together with them. Works
 * can leave something for their hook to write once for the whole batch (sums, counters) instead of
 * each doing it for its own row.
 */
public interface CommitHook {
    /** Writes what the works of this transaction left; throwing fails the whole transaction. */
    void beforeCommit(Connection connection) throws SQLException;

    /**
     * The transaction committed; its callers are not released yet. For what must follow the commit
     * (a file), done once for the batch. Throwing is logged: the commit stands.
     */
    default void afterCommit() {
    }

    /** The transaction was rolled back: forget what its works left. */
    void afterRollback();
}
