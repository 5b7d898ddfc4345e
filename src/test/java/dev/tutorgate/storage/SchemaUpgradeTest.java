package dev.tutorgate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Opening a database made by an older version: V90 rebuilds the ledger and the messages without
 * AUTOINCREMENT, keeping every row, id and index, and the upgrade says what it is doing.
 */
class SchemaUpgradeTest {
    private static final String INDEXES = "SELECT name, tbl_name, sql FROM sqlite_schema"
            + " WHERE type = 'index' AND tbl_name IN ('ledger', 'messages') ORDER BY name";

    @TempDir
    Path dir;

    @Test
    void aDatabaseFromBeforeKeepsItsRowsIdsAndIndexesAndNewRowsFollowTheLargestId() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("80").load().migrate();
        List<String> ledgerBefore;
        List<String> messagesBefore;
        List<String> indexesBefore;
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO students (id, name, token_hash, created_at) VALUES ('s1', 'Ada', 'h1', 1)");
            st.execute("INSERT INTO conversations (id, student_id, created_at, updated_at) VALUES ('c1', 's1', 1, 2)");
            for (int i = 1; i <= 3; i++) {
                st.execute("INSERT INTO messages (conversation_id, role, content, request_id, model, sources, tokens, created_at)"
                        + " VALUES ('c1', 'user', 'question " + i + "', 'r" + i + "', NULL, NULL, 5, " + i + ")");
                st.execute("INSERT INTO ledger (request_id, attempt, is_final, started_at, student_id, conversation_id, model,"
                        + " outcome, input_tokens, cost_picos, ttft_ms, latency_ms)"
                        + " VALUES ('r" + i + "', 1, 1, " + i + ", 's1', 'c1', 'gpt-4.1-mini', 'ok', 100, 7000, 40, 90)");
            }
            ledgerBefore = rows(c, "SELECT * FROM ledger ORDER BY id");
            messagesBefore = rows(c, "SELECT * FROM messages ORDER BY id");
            indexesBefore = rows(c, INDEXES);
            assertThat(rows(c, "SELECT name FROM sqlite_sequence ORDER BY name")).containsExactly("ledger", "messages");
        }

        Logger logger = (Logger) LoggerFactory.getLogger(Database.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        Database upgraded;
        try {
            upgraded = Database.open(url);
        } finally {
            logger.detachAppender(log);
        }
        try (Database db = upgraded) {
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(line -> line.startsWith("Upgrading the database") && line.contains("from schema version 80 to 90"))
                    .anyMatch(line -> line.startsWith("Database upgraded in"));
            db.write(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO ledger (request_id, attempt, started_at, outcome) VALUES ('r4', 1, 4, 'ok')");
                }
            });
            db.read(c -> {
                assertThat(rows(c, "SELECT * FROM ledger WHERE id <= 3 ORDER BY id")).isEqualTo(ledgerBefore);
                assertThat(rows(c, "SELECT * FROM messages ORDER BY id")).isEqualTo(messagesBefore);
                assertThat(rows(c, INDEXES)).isEqualTo(indexesBefore);
                assertThat(rows(c, "SELECT id FROM ledger WHERE request_id = 'r4'")).containsExactly("4");
                assertThat(rows(c, "SELECT sql FROM sqlite_schema WHERE name IN ('ledger', 'messages')"))
                        .hasSize(2).noneMatch(sql -> sql.contains("AUTOINCREMENT"));
                assertThat(rows(c, "SELECT name FROM sqlite_sequence WHERE name IN ('ledger', 'messages')")).isEmpty();
                return null;
            });
            assertThatThrownBy(() -> db.write(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO messages (conversation_id, role, content, created_at)"
                            + " VALUES ('no-such-conversation', 'user', 'x', 5)");
                }
            })).as("the messages still reference their conversation").hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    void aNewDatabaseIsCreatedWithoutUpgradeMessages() {
        Logger logger = (Logger) LoggerFactory.getLogger(Database.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (Database ignored = Database.open("jdbc:sqlite:" + dir.resolve("new.db"))) {
            assertThat(log.list).isEmpty();
        } finally {
            logger.detachAppender(log);
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
