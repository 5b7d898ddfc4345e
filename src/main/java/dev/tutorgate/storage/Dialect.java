package dev.tutorgate.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * What differs between database engines: how to prepare the location, the connection settings,
 * and how each reports a duplicate key. Everything else in this package is plain JDBC and
 * standard SQL, so that PostgreSQL can follow by adding one implementation.
 */
sealed interface Dialect permits SqliteDialect {

    static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new StorageException("No database URL: set storage.ledger (e.g. jdbc:sqlite:./data/tutorgate.db)");
        }
        if (jdbcUrl.startsWith(SqliteDialect.PREFIX)) {
            return SqliteDialect.of(jdbcUrl);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StorageException("PostgreSQL storage is not built yet: use jdbc:sqlite:FILE for storage.ledger");
        }
        throw new StorageException("Unsupported database URL '" + jdbcUrl
                + "': storage.ledger must be jdbc:sqlite:FILE");
    }

    String jdbcUrl();

    /** For messages: the file or server the URL points at, without credentials. */
    String location();

    /** Creates what must exist before the first connection (SQLite: the parent folder). */
    void prepare();

    /** Settings of the one connection that writes (and runs the migrations). */
    Properties writerProperties(Duration busyTimeout);

    /** Settings of the pooled read-only connections. */
    Properties readerProperties(Duration busyTimeout);

    /** Sets up the writer's connection before its first transaction. */
    void configureWriter(Connection writer) throws SQLException;

    /**
     * Starts moving committed pages into place beside the writer, for as long as the database is
     * open (SQLite: the WAL checkpointer, so that no commit waits for a checkpoint's fsyncs).
     *
     * @param commits the writer's transaction count, to skip work when nothing was written
     */
    Checkpoints startCheckpoints(Properties writerProperties, LongSupplier commits, Duration interval)
            throws SQLException;

    boolean isUniqueViolation(SQLException e);

    /** What {@link #startCheckpoints} started; closing it stops it. */
    interface Checkpoints extends AutoCloseable {
        @Override
        void close();
    }
}
