package dev.tutorgate.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tutorgate's database: migrated on open, one writer with group commit, a small pool of readers,
 * and checkpoints on a thread of their own (see {@link WalCheckpointer}).
 *
 * <p>{@link #write} is the hot path of every request (its ledger row, its conversation
 * messages): concurrent writes share one transaction and one commit, and each caller returns once
 * its work is durable. {@link #read} runs on a pooled read-only connection and sees every write
 * that has returned. Both may be called from virtual threads.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:db/migration";

    private final Dialect dialect;
    private final HikariDataSource readers;
    private final GroupCommitWriter writer;
    private final Dialect.Checkpoints checkpoints;

    /**
     * @param readPoolSize       connections for {@link #read}
     * @param maxBatch           works committed together at most (1 = a transaction per write)
     * @param busyTimeout        how long to wait for a lock held by another process before failing
     * @param checkpointInterval how often committed pages are moved from the log into the file, beside the writer
     */
    public record Options(int readPoolSize, int maxBatch, Duration busyTimeout, Duration checkpointInterval) {
        public Options {
            if (readPoolSize < 1) throw new IllegalArgumentException("readPoolSize must be at least 1");
            if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
            if (busyTimeout == null || busyTimeout.isNegative()) throw new IllegalArgumentException("busyTimeout must not be negative");
            if (checkpointInterval == null || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
                throw new IllegalArgumentException("checkpointInterval must be positive");
            }
        }

        public static Options defaults() {
            return new Options(4, 256, Duration.ofSeconds(5), WalCheckpointer.DEFAULT_INTERVAL);
        }

        public Options withMaxBatch(int maxBatch) {
            return new Options(readPoolSize, maxBatch, busyTimeout, checkpointInterval);
        }

        public Options withCheckpointInterval(Duration checkpointInterval) {
            return new Options(readPoolSize, maxBatch, busyTimeout, checkpointInterval);
        }
    }

    /**
     * Counters of the writer since open.
     *
     * @param transactions   commits that succeeded
     * @param committedWorks works now durable
     * @param failedWorks    works whose caller got an exception
     */
    public record Stats(long transactions, long committedWorks, long failedWorks) {
    }

    private Database(Dialect dialect, HikariDataSource readers, GroupCommitWriter writer, Dialect.Checkpoints checkpoints) {
        this.dialect = dialect;
        this.readers = readers;
        this.writer = writer;
        this.checkpoints = checkpoints;
    }

    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, Options.defaults());
    }

    /**
     * Opens (creating if needed) the database at {@code jdbcUrl} and brings its schema up to date.
     *
     * @throws StorageException with a message for people when the location is unusable
     */
    public static Database open(String jdbcUrl, Options options) {
        Dialect dialect = Dialect.forUrl(jdbcUrl);
        dialect.prepare();
        Properties writerProperties = dialect.writerProperties(options.busyTimeout());
        migrate(dialect, writerProperties);
        HikariDataSource readers = null;
        try {
            readers = readPool(dialect, options);
            Connection connection = DriverManager.getConnection(dialect.jdbcUrl(), writerProperties);
            dialect.configureWriter(connection);
            GroupCommitWriter writer = new GroupCommitWriter(connection, options.maxBatch(),
                    e -> translate(dialect, e), "tutorgate-db-writer");
            try {
                Dialect.Checkpoints checkpoints = dialect.startCheckpoints(writerProperties,
                        () -> writer.stats().transactions(), options.checkpointInterval());
                return new Database(dialect, readers, writer, checkpoints);
            } catch (SQLException e) {
                writer.close();
                throw e;
            }
        } catch (SQLException | HikariPool.PoolInitializationException e) {
            if (readers != null) {
                readers.close();
            }
            throw new StorageException("Cannot open the database " + dialect.location() + ": " + rootMessage(e), e);
        }
    }

    /**
     * Runs {@code work} in the writer's transaction and returns once it is committed. Works
     * submitted at the same time are committed together; if this one fails, only this caller
     * gets the exception ({@link DuplicateKeyException}, another {@link StorageException}, or
     * what the work threw) and nothing it wrote stays. Keep works short: the others wait.
     */
    public <T> T write(SqlWork<T> work) {
        return writer.submit(work);
    }

    /**
     * Queues {@code work} like {@link #write} but returns at once. The writer commits in queue
     * order, so once a write queued after this one has returned, this one is committed too (in the
     * same transaction or an earlier one): a caller with two writes queues the first and waits for
     * the second, and is woken once instead of twice.
     */
    public <T> QueuedWrite<T> queue(SqlWork<T> work) {
        return writer.enqueue(work);
    }

    /** Adds work the writer does once per transaction, just before it commits (see {@link CommitHook}). */
    public void addCommitHook(CommitHook hook) {
        writer.addHook(hook);
    }

    /** Runs {@code work} on a pooled read-only connection (auto-commit). */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = readers.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(dialect, e);
        }
    }

    public Stats stats() {
        return writer.stats();
    }

    /** Works waiting for the writer right now. */
    public int queuedWrites() {
        return writer.queued();
    }

    /** The file or server, for messages. */
    public String location() {
        return dialect.location();
    }

    /** Commits every write already submitted, then closes; later writes and reads fail. */
    @Override
    public void close() {
        writer.close();
        readers.close();
        checkpoints.close(); // the last connection to close moves the rest of the log into the file
    }

    private static void migrate(Dialect dialect, Properties writerProperties) {
        HikariConfig config = poolConfig(dialect, "tutorgate-migrate", 2, writerProperties);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            UpgradeReport report = new UpgradeReport(dialect.location());
            long started = System.nanoTime();
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .callbacks(report)
                    .load()
                    .migrate();
            if (report.upgraded()) {
                LOG.info("Database upgraded in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        } catch (FlywayException | HikariPool.PoolInitializationException e) {
            throw new StorageException("Cannot open the database " + dialect.location() + ": " + rootMessage(e), e);
        }
    }

    private static HikariDataSource readPool(Dialect dialect, Options options) {
        HikariConfig config = poolConfig(dialect, "tutorgate-read", options.readPoolSize(),
                dialect.readerProperties(options.busyTimeout()));
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }

    private static HikariConfig poolConfig(Dialect dialect, String name, int size, Properties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(dialect.jdbcUrl());
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // Fail on open, with the driver's reason, rather than on the first read.
        config.setInitializationFailTimeout(1);
        return config;
    }

    private static RuntimeException translate(Dialect dialect, SQLException e) {
        if (dialect.isUniqueViolation(e)) {
            return new DuplicateKeyException(e.getMessage(), e);
        }
        return new StorageException("Database error at " + dialect.location() + ": " + e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return message.replace(System.lineSeparator(), " ").trim();
    }
}
