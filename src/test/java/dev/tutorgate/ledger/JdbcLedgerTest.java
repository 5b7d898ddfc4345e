package dev.tutorgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.storage.CommitHook;
import dev.tutorgate.storage.Database;
import dev.tutorgate.storage.DuplicateKeyException;
import dev.tutorgate.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcLedgerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-15T10:15:30.123Z");

    @TempDir
    Path dir;
    private Database db;
    private Path logFile;
    private JdbcLedger ledger;
    private LedgerQueries queries;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("data/tutorgate.db"));
        logFile = dir.resolve("logs/chat.log");
        ledger = JdbcLedger.create(db, new TutorgateConfig.Storage("unused", null, logFile.toString()));
        queries = new LedgerQueries(db);
    }

    @AfterEach
    void close() {
        ledger.close();
        db.close();
    }

    @Test
    void aRecordedEntryReadsBackColumnForColumn() {
        LedgerEntry full = Entries.full("req-1", 1, T0);
        LedgerEntry refused = Entries.refused("req-2", T0.plusSeconds(1));

        ledger.record(full);
        ledger.record(refused);

        assertThat(queries.byRequest("req-1")).containsExactly(full);
        assertThat(queries.byRequest("req-2")).containsExactly(refused);
        assertThat(queries.count()).isEqualTo(2);
    }

    @Test
    void aRequestsAttemptsComeBackInOrder() {
        ledger.record(Entries.costing("req-1", 3, "s", T0, 1));
        ledger.record(Entries.costing("req-1", 1, "s", T0, 1));
        ledger.record(Entries.costing("req-1", 2, "s", T0, 1));
        ledger.record(Entries.costing("req-other", "s", T0, 1));

        assertThat(queries.byRequest("req-1")).extracting(LedgerEntry::attempt).containsExactly(1, 2, 3);
        assertThat(queries.byRequest("req-unknown")).isEmpty();
    }

    @Test
    void theSameRequestAndAttemptTwiceIsRefusedWithoutALogLine() throws Exception {
        ledger.record(Entries.full("req-1", 1, T0));

        assertThatThrownBy(() -> ledger.record(Entries.full("req-1", 1, T0.plusSeconds(5))))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessage("The ledger already has request req-1 attempt 1");
        assertThat(queries.count()).isEqualTo(1);
        assertThat(Files.readAllLines(logFile)).hasSize(1);
    }

    @Test
    void concurrentWritersAllLandOnceAndEachDuplicateFailsOnlyItsOwnCaller() throws Exception {
        int unique = 300;
        int duplicates = 100;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger recorded = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < unique + duplicates; i++) {
            String requestId = "req-" + (i % unique); // the last hundred repeat the first hundred
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    ledger.record(Entries.costing(requestId, "s", T0, 1_000));
                    recorded.incrementAndGet();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(recorded).hasValue(unique);
        assertThat(failures).hasSize(duplicates)
                .allSatisfy(f -> assertThat(f).isInstanceOf(DuplicateKeyException.class).hasMessageContaining("attempt 1"));
        assertThat(queries.count()).isEqualTo(unique);
        assertThat(queries.spentPicos(T0, T0.plusSeconds(1))).isEqualTo(unique * 1_000L);
        List<String> lines = Files.readAllLines(logFile);
        Set<String> loggedIds = new HashSet<>();
        for (String line : lines) {
            loggedIds.add(JSON.readTree(line).get("requestId").asText());
        }
        assertThat(lines).hasSize(unique);
        assertThat(loggedIds).hasSize(unique);
    }

    @Test
    void theRequestLogLineHasEveryColumnUnderAReadableName() throws Exception {
        ledger.record(Entries.full("req-1", 1, T0.plusNanos(456_789)));

        List<String> lines = Files.readAllLines(logFile);
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.getFirst());
        List<String> keys = new ArrayList<>();
        line.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(readableNamesOfTheLedgerColumns());
        assertThat(line.get("startedAt").asText()).isEqualTo("2026-01-15T10:15:30.123Z");
        assertThat(line.get("costUsd").asText()).isEqualTo("0.0059");
        assertThat(line.get("costWithoutCacheUsd").asText()).isEqualTo("0.0086");
        assertThat(line.get("keyAlias").asText()).isEqualTo("gemini-main#2");
        assertThat(line.get("outcome").asText()).isEqualTo("ok");
        assertThat(line.get("final").asBoolean()).isTrue();
        assertThat(line.get("cachedTokens").asLong()).isEqualTo(10_000);
        assertThat(line.get("reasoningTokens").asLong()).isEqualTo(1_500);
        assertThat(line.get("ttftMs").asLong()).isEqualTo(420);
        assertThat(line.get("errorKind").isNull()).isTrue();
    }

    @Test
    void unknownValuesAreNullInTheLogLine() throws Exception {
        ledger.record(Entries.refused("req-9", T0));

        JsonNode line = JSON.readTree(Files.readAllLines(logFile).getFirst());
        assertThat(line.get("ttftMs").isNull()).isTrue();
        assertThat(line.get("retrievalHit").isNull()).isTrue();
        assertThat(line.get("model").isNull()).isTrue();
        assertThat(line.get("costUsd").asText()).isEqualTo("0");
        assertThat(line.get("errorKind").asText()).isEqualTo("rate_limited");
        assertThat(line.get("attempt").asInt()).isZero();
    }

    @Test
    void theLogIsAppendedToAcrossRestarts() throws Exception {
        ledger.record(Entries.full("req-1", 1, T0));
        ledger.close();
        ledger = JdbcLedger.create(db, new TutorgateConfig.Storage("unused", null, logFile.toString()));

        ledger.record(Entries.full("req-2", 1, T0));

        assertThat(Files.readAllLines(logFile)).hasSize(2);
    }

    @Test
    void spentSumsAHalfOpenRangeForTheAppAndForOneStudent() {
        ledger.record(Entries.costing("before", "ann", T0.minusMillis(1), 1));
        ledger.record(Entries.costing("at-start", "ann", T0, 10));
        ledger.record(Entries.costing("inside", "bob", T0.plusSeconds(30), 100));
        ledger.record(Entries.costing("last-milli", "ann", T0.plusSeconds(60).minusMillis(1), 1_000));
        ledger.record(Entries.costing("at-end", "ann", T0.plusSeconds(60), 10_000));
        Instant to = T0.plusSeconds(60);

        assertThat(queries.spentPicos(T0, to)).isEqualTo(1_110);
        assertThat(queries.spentPicos("ann", T0, to)).isEqualTo(1_010);
        assertThat(queries.spentPicos("bob", T0, to)).isEqualTo(100);
        assertThat(queries.spentPicos("nobody", T0, to)).isZero();
        assertThat(queries.spentPicos(T0, T0)).isZero();
        assertThatThrownBy(() -> queries.spentPicos(to, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTransactionThatFailsWritesNoLineAndLeavesNoneForTheNextCommit() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        db.addCommitHook(new CommitHook() {
            @Override
            public void beforeCommit(Connection connection) throws SQLException {
                if (commits.incrementAndGet() == 1) {
                    throw new SQLException("disk full");
                }
            }

            @Override
            public void afterRollback() {
            }
        });

        assertThatThrownBy(() -> ledger.record(Entries.full("req-1", 1, T0)))
                .isInstanceOf(StorageException.class).hasMessageContaining("disk full");
        assertThat(logFile).isEmptyFile();
        ledger.record(Entries.full("req-2", 1, T0));

        assertThat(queries.count()).isEqualTo(1);
        assertThat(Files.readAllLines(logFile)).singleElement()
                .satisfies(line -> assertThat(JSON.readTree(line).get("requestId").asText()).isEqualTo("req-2"));
    }

    @Test
    void withoutARequestLogOnlyTheDatabaseIsWritten() throws Exception {
        ledger.close();
        ledger = JdbcLedger.create(db, new TutorgateConfig.Storage("unused", null, null));

        ledger.record(Entries.full("req-1", 1, T0));

        assertThat(queries.count()).isEqualTo(1);
        assertThat(logFile).isEmptyFile(); // opened by the set-up, never written
    }

    @Test
    void aRequestLogThatCannotBeOpenedIsAClearError() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> RequestLog.open(notAFolder.resolve("chat.log").toString()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot open the request log")
                .hasMessageContaining("storage.requestLog");
    }

    /** The log's names for the table's columns, in table order: a new column must be named here too. */
    private List<String> readableNamesOfTheLedgerColumns() {
        Map<String, String> renamed = new LinkedHashMap<>();
        renamed.put("is_final", "final");
        renamed.put("cost_picos", "costUsd");
        renamed.put("cost_without_cache_picos", "costWithoutCacheUsd");
        renamed.put("cache_write_5m_tokens", "cacheWrite5mTokens");
        renamed.put("cache_write_1h_tokens", "cacheWrite1hTokens");
        List<String> columns = db.read(c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM pragma_table_info('ledger') ORDER BY cid");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
        List<String> readable = new ArrayList<>();
        for (String column : columns) {
            if (column.equals("id")) {
                continue; // the row number means nothing outside the database
            }
            readable.add(renamed.getOrDefault(column, camel(column)));
        }
        // started_at comes first in the log (a log line begins with its time)
        readable.remove("startedAt");
        readable.addFirst("startedAt");
        return readable;
    }

    private static String camel(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return name.toString();
    }
}
