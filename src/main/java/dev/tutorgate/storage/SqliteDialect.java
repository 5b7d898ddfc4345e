package dev.tutorgate.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite, the embedded default: one file, WAL journal so readers never block the writer, and
 * {@code synchronous=NORMAL}, which in WAL mode keeps every commit once the process dies (the
 * WAL is written before the commit returns; only a power cut can lose the last commits).
 * Checkpoints run on a thread of their own ({@link WalCheckpointer}).
 */
final class SqliteDialect implements Dialect {
    static final String PREFIX = "jdbc:sqlite:";

    private final String jdbcUrl;
    private final Path file;

    private SqliteDialect(String jdbcUrl, Path file) {
        this.jdbcUrl = jdbcUrl;
        this.file = file;
    }

    static SqliteDialect of(String jdbcUrl) {
        String name = jdbcUrl.substring(PREFIX.length());
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.isBlank() || name.contains(":memory:") || name.contains("mode=memory")) {
            throw new StorageException("storage.ledger '" + jdbcUrl + "' is not a file: the ledger must survive a "
                    + "restart, so give it a file such as jdbc:sqlite:./data/tutorgate.db");
        }
        try {
            return new SqliteDialect(jdbcUrl, Path.of(name).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new StorageException("storage.ledger '" + jdbcUrl + "' does not name a valid file: " + e.getMessage());
        }
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public void prepare() {
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new StorageException("Cannot create the database " + file + ": " + e.getFile()
                    + " is a file, not a folder (check storage.ledger)");
        } catch (IOException | SecurityException e) {
            throw new StorageException("Cannot create the folder " + folder + " for the database: " + e
                    + " (check storage.ledger and the folder's permissions)");
        }
        if (Files.isDirectory(file)) {
            throw new StorageException("Cannot open the database " + file + ": it is a folder, not a file (check storage.ledger)");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new StorageException("Cannot write the database " + file + ": the file is read-only (check its permissions)");
        }
        if (!Files.isWritable(folder)) {
            throw new StorageException("Cannot write the database " + file + ": the folder " + folder
                    + " is not writable (SQLite keeps its -wal and -shm files next to the database)");
        }
    }

    @Override
    public Properties writerProperties(Duration busyTimeout) {
        SQLiteConfig config = common(busyTimeout);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config.toProperties();
    }

    @Override
    public Properties readerProperties(Duration busyTimeout) {
        SQLiteConfig config = common(busyTimeout);
        config.setReadOnly(true);
        return config.toProperties();
    }

    private static SQLiteConfig common(Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        // Another process (a CLI report, a backup) may hold the lock for a moment: wait, do not fail.
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.enforceForeignKeys(true);
        // Nothing here asks for generated keys; left on, the driver runs (and compiles) a
        // SELECT last_insert_rowid() after every insert: a tenth of the writer's time per request.
        config.setGetGeneratedKeys(false);
        return config;
    }

    @Override
    public void configureWriter(Connection writer) throws SQLException {
        WalCheckpointer.configureWriter(writer);
    }

    @Override
    public Checkpoints startCheckpoints(Properties writerProperties, LongSupplier commits, Duration interval)
            throws SQLException {
        Connection own = DriverManager.getConnection(jdbcUrl, writerProperties);
        return new WalCheckpointer(own, commits, interval).start();
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return "23505".equals(e.getSQLState());
    }
}
