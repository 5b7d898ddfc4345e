package dev.tutorgate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints beside the writer: whether committed rows have reached the database file is read
 * from a copy of the file alone (without its {@code -wal}), which is what a checkpoint changes.
 */
class WalCheckpointerTest {
    private static final Duration OFTEN = Duration.ofMillis(20);
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void committedRowsReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
        Path file = dir.resolve("tutorgate.db");
        try (Database db = Database.open("jdbc:sqlite:" + file, Database.Options.defaults().withCheckpointInterval(OFTEN))) {
            addStudents(db, 3, 10);

            await().atMost(Duration.ofSeconds(10)).until(() -> studentsInTheFileAlone(file) == 3);
        }
    }

    @Test
    void theWriterLeavesRoutineCheckpointsAlone() throws Exception {
        Path file = dir.resolve("tutorgate.db");
        try (Database db = Database.open("jdbc:sqlite:" + file, Database.Options.defaults().withCheckpointInterval(NEVER))) {
            // 400 commits of a 6 KB row each: about 1,200 log pages, past SQLite's default of 1,000
            // at which the writer would have checkpointed by itself.
            addStudents(db, 400, 6_000);

            long writerAutoCheckpoint = db.write(c -> number(c, "PRAGMA wal_autocheckpoint"));
            assertThat(writerAutoCheckpoint).isEqualTo(WalCheckpointer.WRITER_BACKSTOP_PAGES);
            assertThat(Files.size(dir.resolve("tutorgate.db-wal"))).isGreaterThan(1_000L * 4096);
            assertThat(studentsInTheFileAlone(file)).isZero();
        }
        assertThat(studentsInTheFileAlone(file)).as("the last close checkpoints").isEqualTo(400);
    }

    @Test
    void aPassCopiesTheWholeLogSoTheWriterStartsItAgain() throws Exception {
        Path file = dir.resolve("tutorgate.db");
        String url = "jdbc:sqlite:" + file;
        try (Database db = Database.open(url, Database.Options.defaults().withCheckpointInterval(NEVER));
             WalCheckpointer checkpointer = new WalCheckpointer(connect(url), () -> 1, NEVER)) {
            addStudents(db, 50, 2_000);
            long walBytes = Files.size(dir.resolve("tutorgate.db-wal"));

            checkpointer.checkpoint(); // one pass, on this thread
            WalCheckpointer.Pass pass = checkpointer.lastPass();
            assertThat(pass.logPages()).isGreaterThanOrEqualTo(50);
            assertThat(pass.copiedAll()).isTrue();
            addStudents(db, 1, 10);

            // The log was started again from its first page: it did not grow past its earlier size.
            assertThat(Files.size(dir.resolve("tutorgate.db-wal"))).isEqualTo(walBytes);
            assertThat(studentsInTheFileAlone(file)).isEqualTo(50);
        }
        assertThat(dir.resolve("tutorgate.db-wal")).as("the last connection to close removes the log").doesNotExist();
    }

    @Test
    void nothingCommittedSinceTheLastPassMeansNoPass() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("tutorgate.db");
        Database.open(url).close();
        AtomicLong looks = new AtomicLong();
        AtomicLong commits = new AtomicLong(7);
        try (WalCheckpointer checkpointer = new WalCheckpointer(connect(url), () -> {
            looks.incrementAndGet();
            return commits.get();
        }, OFTEN).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() >= 5);
            assertThat(checkpointer.passes()).isEqualTo(1);

            commits.incrementAndGet();
            long seen = looks.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() >= seen + 5);
            assertThat(checkpointer.passes()).isEqualTo(2);
        }
    }

    @Test
    void aFailingCheckpointIsReportedOnceAndTheThreadCarriesOn() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("tutorgate.db");
        Database.open(url).close();
        Connection connection = connect(url);
        connection.close(); // every pass now fails
        AtomicLong commits = new AtomicLong();
        Logger logger = (Logger) LoggerFactory.getLogger(WalCheckpointer.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (WalCheckpointer checkpointer = new WalCheckpointer(connection, commits::incrementAndGet, OFTEN).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> commits.get() >= 10);

            assertThat(checkpointer.passes()).isZero();
            assertThat(log.list).hasSize(1);
            assertThat(log.list.getFirst().getFormattedMessage()).contains("Background checkpoint of the database failed");
        } finally {
            logger.detachAppender(log);
        }
    }

    private final AtomicLong studentNumbers = new AtomicLong();

    private void addStudents(Database db, int count, int nameLength) {
        for (int i = 0; i < count; i++) {
            String id = "s" + studentNumbers.incrementAndGet();
            db.write(c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO students (id, name, token_hash, created_at) VALUES (?, ?, ?, 0)")) {
                    st.setString(1, id);
                    st.setString(2, "n".repeat(nameLength));
                    st.setString(3, "hash-" + id);
                    return st.executeUpdate();
                }
            });
        }
    }

    private long studentsInTheFileAlone(Path file) throws Exception {
        Path copy = Files.createTempFile(dir, "alone", ".db");
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = connect("jdbc:sqlite:" + copy)) {
            return number(c, "SELECT count(*) FROM students");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
