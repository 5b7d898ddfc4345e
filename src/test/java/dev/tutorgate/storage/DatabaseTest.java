package dev.tutorgate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Database::close);
    }

    private Database open(Path file) {
        Database db = Database.open("jdbc:sqlite:" + file);
        opened.add(db);
        return db;
    }

    @Test
    void aNewFileIsCreatedWithItsFolderMigratedAndInWalMode() {
        Path file = dir.resolve("data/nested/tutorgate.db");
        Database db = open(file);

        assertThat(file).exists();
        assertThat(tables(db)).contains("ledger", "students", "conversations", "messages", "feedback", "reviews", "alerts_sent");
        String journalMode = db.read(c -> text(c, "PRAGMA journal_mode"));
        String synchronous = db.write(c -> text(c, "PRAGMA synchronous"));
        String foreignKeys = db.write(c -> text(c, "PRAGMA foreign_keys"));
        String busyTimeout = db.read(c -> text(c, "PRAGMA busy_timeout"));
        assertThat(journalMode).isEqualTo("wal");
        assertThat(synchronous).isEqualTo("1"); // NORMAL
        assertThat(foreignKeys).isEqualTo("1");
        assertThat(busyTimeout).isEqualTo("5000");
    }

    @Test
    void anEmptyExistingFileIsMigrated() throws Exception {
        Path file = dir.resolve("empty.db");
        Files.createFile(file);

        Database db = open(file);

        assertThat(tables(db)).contains("ledger");
    }

    @Test
    void reopeningAMigratedFileKeepsItsDataAndAppliesNothingTwice() {
        Path file = dir.resolve("t.db");
        Database first = Database.open("jdbc:sqlite:" + file);
        first.write(c -> insertAlert(c, "budget:daily:2026-01-01:0.8"));
        int migrations = countOf(first, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1");
        first.close();

        Database again = open(file);

        assertThat(countOf(again, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")).isEqualTo(migrations);
        assertThat(countOf(again, "SELECT COUNT(*) FROM alerts_sent")).isEqualTo(1);
    }

    @Test
    void aReturnedWriteIsVisibleToReaders() {
        Database db = open(dir.resolve("t.db"));

        db.write(c -> insertAlert(c, "a"));

        assertThat(countOf(db, "SELECT COUNT(*) FROM alerts_sent WHERE alert_key = 'a'")).isEqualTo(1);
        assertThat(db.stats()).isEqualTo(new Database.Stats(1, 1, 0));
    }

    @Test
    void writesQueuedTogetherShareOneTransaction() throws Exception {
        Database db = open(dir.resolve("t.db"));
        int writers = 50;
        List<Thread> threads = new ArrayList<>();
        try (WriterGate gate = WriterGate.hold(db)) {
            for (int i = 0; i < writers; i++) {
                String key = "k" + i;
                threads.add(Thread.ofVirtual().start(() -> db.write(c -> insertAlert(c, key))));
            }
            gate.awaitQueued(writers);
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(countOf(db, "SELECT COUNT(*) FROM alerts_sent")).isEqualTo(writers);
        // the gate's own transaction, then one for all fifty
        assertThat(db.stats()).isEqualTo(new Database.Stats(2, writers + 1, 0));
    }

    @Test
    void aFailingWorkIsRolledBackAloneAndOnlyItsCallerHearsOfIt() throws Exception {
        Database db = open(dir.resolve("t.db"));
        db.write(c -> insertAlert(c, "taken"));
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        try (WriterGate gate = WriterGate.hold(db)) {
            threads.add(writer(db, "first", failures, c -> insertAlert(c, "first")));
            gate.awaitQueued(1);
            // writes a row, then breaks the unique key: its first row must go too
            threads.add(writer(db, "duplicate", failures, c -> {
                insertAlert(c, "half-done");
                return insertAlert(c, "taken");
            }));
            gate.awaitQueued(2);
            threads.add(writer(db, "throws", failures, c -> {
                insertAlert(c, "also-half-done");
                throw new IllegalStateException("the work's own bug");
            }));
            gate.awaitQueued(3);
            threads.add(writer(db, "last", failures, c -> insertAlert(c, "last")));
            gate.awaitQueued(4);
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(failures).containsOnlyKeys("duplicate", "throws");
        assertThat(failures.get("duplicate")).isInstanceOf(DuplicateKeyException.class).hasMessageContaining("UNIQUE");
        assertThat(failures.get("throws")).isInstanceOf(IllegalStateException.class).hasMessage("the work's own bug");
        assertThat(keys(db)).containsExactlyInAnyOrder("taken", "first", "last");
        assertThat(db.stats()).isEqualTo(new Database.Stats(3, 4, 2));
    }

    @Test
    void aFailingWorkAloneInItsTransactionLeavesNothingEither() {
        Database db = open(dir.resolve("t.db"));
        db.write(c -> insertAlert(c, "taken"));
        // alone in the queue: no savepoint, the whole transaction is rolled back instead
        assertThatThrownBy(() -> db.write(c -> {
            insertAlert(c, "half-done");
            return insertAlert(c, "taken");
        })).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> db.write(c -> {
            insertAlert(c, "also-half-done");
            throw new IllegalStateException("the work's own bug");
        })).isInstanceOf(IllegalStateException.class);
        db.write(c -> insertAlert(c, "after"));

        assertThat(keys(db)).containsExactlyInAnyOrder("taken", "after");
        assertThat(db.stats()).isEqualTo(new Database.Stats(2, 2, 2));
    }

    @Test
    void aQueuedWriteIsCommittedOnceAWriteQueuedAfterItReturned() {
        Database db = open(dir.resolve("t.db"));
        db.write(c -> insertAlert(c, "taken"));
        QueuedWrite<Integer> queued = db.queue(c -> insertAlert(c, "queued"));
        QueuedWrite<Integer> failing = db.queue(c -> insertAlert(c, "taken"));
        db.write(c -> insertAlert(c, "after"));
        // the later write returned: both queued ones have ended, visible to readers or failed alone
        assertThat(keys(db)).containsExactlyInAnyOrder("taken", "queued", "after");
        assertThat(queued.await()).isEqualTo(1);
        assertThatThrownBy(failing::await).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aCommitHookWritesOncePerTransactionAndAFailingOneFailsItsWholeBatch() {
        Database db = open(dir.resolve("t.db"));
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean breakNext = new java.util.concurrent.atomic.AtomicBoolean();
        db.addCommitHook(new CommitHook() {
            private int transaction;

            @Override
            public void beforeCommit(java.sql.Connection connection) throws java.sql.SQLException {
                if (breakNext.getAndSet(false)) {
                    insertAlert(connection, "hook-" + transaction); // written, then the hook fails
                    throw new java.sql.SQLException("the hook's own failure");
                }
                insertAlert(connection, "hook-" + transaction++);
                events.add("before");
            }

            @Override
            public void afterRollback() {
                events.add("rolled back");
            }
        });
        db.write(c -> insertAlert(c, "first"));
        breakNext.set(true);
        assertThatThrownBy(() -> db.write(c -> insertAlert(c, "lost"))).isInstanceOf(StorageException.class)
                .hasMessageContaining("the hook's own failure");
        db.write(c -> insertAlert(c, "second"));

        assertThat(keys(db)).containsExactlyInAnyOrder("first", "hook-0", "second", "hook-1");
        assertThat(events).containsExactly("before", "rolled back", "before");
    }

    @Test
    void aFailedCommitFailsEveryWorkOfItsBatchAndTheWriterGoesOn() throws Exception {
        Database db = open(dir.resolve("t.db"));
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        try (WriterGate gate = WriterGate.hold(db)) {
            threads.add(writer(db, "innocent", failures, c -> insertAlert(c, "innocent")));
            gate.awaitQueued(1);
            // a deferred foreign key is checked only at COMMIT: the whole transaction fails there
            threads.add(writer(db, "dangling", failures, c -> {
                execute(c, "PRAGMA defer_foreign_keys = ON");
                return execute(c, "INSERT INTO conversations (id, student_id, created_at, updated_at) VALUES ('c1', 'nobody', 0, 0)");
            }));
            gate.awaitQueued(2);
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(failures).containsOnlyKeys("innocent", "dangling");
        assertThat(failures.values()).allSatisfy(f -> assertThat(f)
                .isInstanceOf(StorageException.class).hasMessageContaining("Could not commit").hasMessageContaining("FOREIGN KEY"));
        assertThat(countOf(db, "SELECT COUNT(*) FROM alerts_sent")).isZero();

        db.write(c -> insertAlert(c, "after"));
        assertThat(keys(db)).containsExactly("after");
    }

    @Test
    void foreignKeysAreEnforcedForTheCaller() {
        Database db = open(dir.resolve("t.db"));

        assertThatThrownBy(() -> db.write(c -> execute(c,
                "INSERT INTO conversations (id, student_id, created_at, updated_at) VALUES ('c1', 'nobody', 0, 0)")))
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void readsCannotWrite() {
        Database db = open(dir.resolve("t.db"));

        assertThatThrownBy(() -> db.read(c -> insertAlert(c, "sneaky")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("readonly");
        assertThat(countOf(db, "SELECT COUNT(*) FROM alerts_sent")).isZero();
    }

    @Test
    void closeCommitsWhatIsQueuedAndRefusesLaterWrites() throws Exception {
        Path file = dir.resolve("t.db");
        Database db = Database.open("jdbc:sqlite:" + file);
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        Thread closer;
        try (WriterGate gate = WriterGate.hold(db)) {
            for (int i = 0; i < 10; i++) {
                String key = "q" + i;
                threads.add(writer(db, key, failures, c -> insertAlert(c, key)));
            }
            gate.awaitQueued(10);
            closer = Thread.ofVirtual().start(db::close);
            gate.awaitQueued(11); // the close marker, behind the ten
        }
        closer.join();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(failures).isEmpty();
        assertThatThrownBy(() -> db.write(c -> insertAlert(c, "late")))
                .isInstanceOf(StorageException.class).hasMessageContaining("closed");
        assertThat(countOf(open(file), "SELECT COUNT(*) FROM alerts_sent")).isEqualTo(10);
    }

    @Test
    void aWriteInsideAWriteIsRefusedInsteadOfDeadlocking() {
        Database db = open(dir.resolve("t.db"));

        assertThatThrownBy(() -> db.write(c -> db.write(inner -> insertAlert(inner, "nested"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a write");
    }

    @Test
    void anInterruptedCallerStillLearnsItsWriteCommittedAndKeepsItsInterrupt() throws Exception {
        Database db = open(dir.resolve("t.db"));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().unstarted(() -> {
            Thread.currentThread().interrupt();
            db.write(c -> insertAlert(c, "cancelled-student"));
            outcome.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        caller.join();

        assertThat(outcome.get()).isEqualTo(true);
        assertThat(keys(db)).containsExactly("cancelled-student");
    }

    @Test
    void aFolderThatCannotBeCreatedIsAClearError() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + notAFolder.resolve("tutorgate.db")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("is a file, not a folder")
                .hasMessageContaining("storage.ledger");
    }

    @Test
    void anUnwritableLocationIsAClearError() {
        // /proc refuses new files even to root, which ignores permission bits
        assertThatThrownBy(() -> Database.open("jdbc:sqlite:/proc/self/tutorgate.db"))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Cannot")
                .hasMessageContaining("/proc/self/tutorgate.db");
    }

    @Test
    void aFileThatIsNotADatabaseIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database ".repeat(200));

        assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + file))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot open the database " + file)
                .hasMessageContaining("not a database");
    }

    @Test
    void aFolderInPlaceOfTheFileIsAClearError() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("t.db"));

        assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + folder))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("it is a folder");
    }

    @Test
    void urlsThatCannotHoldALedgerAreRefusedByName() {
        assertThatThrownBy(() -> Database.open("jdbc:sqlite::memory:"))
                .isInstanceOf(StorageException.class).hasMessageContaining("not a file");
        assertThatThrownBy(() -> Database.open("jdbc:sqlite:"))
                .isInstanceOf(StorageException.class).hasMessageContaining("not a file");
        assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/x"))
                .isInstanceOf(StorageException.class).hasMessageContaining("jdbc:sqlite:FILE");
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://localhost/x"))
                .isInstanceOf(StorageException.class).hasMessageContaining("not built yet");
        assertThatThrownBy(() -> Database.open(null))
                .isInstanceOf(StorageException.class).hasMessageContaining("storage.ledger");
    }

    private static Thread writer(Database db, String name, Map<String, Throwable> failures, SqlWork<?> work) {
        return Thread.ofVirtual().start(() -> {
            try {
                db.write(work);
            } catch (Throwable t) {
                failures.put(name, t);
            }
        });
    }

    static Integer insertAlert(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alerts_sent (alert_key, sent_at) VALUES (?, 0)")) {
            s.setString(1, key);
            return s.executeUpdate();
        }
    }

    private static Integer execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
            return s.getUpdateCount();
        }
    }

    private static List<String> keys(Database db) {
        return db.read(c -> strings(c, "SELECT alert_key FROM alerts_sent ORDER BY alert_key"));
    }

    private static int countOf(Database db, String sql) {
        return db.read(c -> count(c, sql));
    }

    private static List<String> tables(Database db) {
        return db.read(c -> strings(c, "SELECT name FROM sqlite_master WHERE type = 'table'"));
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String text(Connection c, String sql) throws SQLException {
        return strings(c, sql).getFirst();
    }

    private static int count(Connection c, String sql) throws SQLException {
        return Integer.parseInt(text(c, sql));
    }
}
