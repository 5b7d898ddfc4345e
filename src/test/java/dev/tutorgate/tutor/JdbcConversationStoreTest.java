package dev.tutorgate.tutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.core.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import dev.tutorgate.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcConversationStoreTest {
    @TempDir
    Path dir;
    Database db;
    JdbcConversationStore store;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(dir);
        TestDatabase.addStudent(db, "alice");
        TestDatabase.addStudent(db, "bob");
        store = new JdbcConversationStore(db, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void unknownConversationIsNotFound() {
        assertThatThrownBy(() -> store.open("nope", "alice"))
                .isInstanceOfSatisfying(ConversationAccessException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONVERSATION_NOT_FOUND));
    }

    @Test
    void anotherStudentsConversationIsForbidden() throws Exception {
        store.create("c1", "alice");
        assertThat(store.open("c1", "alice").studentId()).isEqualTo("alice");
        assertThatThrownBy(() -> store.open("c1", "bob"))
                .isInstanceOfSatisfying(ConversationAccessException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONVERSATION_FORBIDDEN));
    }

    @Test
    void appendedTurnsComeBackInOrderWithTheirDetails() throws Exception {
        store.append("c1", "alice", new ConversationTurn("r1", "What is FastAPI?", 4, "A web framework.", 3,
                "gemini-2.5-flash", List.of("FastAPI basics")));
        store.append("c1", "alice", new ConversationTurn("r2", "And Pydantic?", 2, "Data validation.", 2,
                "offline", List.of("Pydantic", "FastAPI basics")));

        List<StoredMessage> history = store.history("c1");
        assertThat(history).extracting(StoredMessage::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(history).extracting(StoredMessage::content)
                .containsExactly("What is FastAPI?", "A web framework.", "And Pydantic?", "Data validation.");
        assertThat(history.get(1).model()).isEqualTo("gemini-2.5-flash");
        assertThat(history.get(1).requestId()).isEqualTo("r1");
        assertThat(history.get(1).tokens()).isEqualTo(3);
        assertThat(history.get(0).tokens()).isEqualTo(4);
        assertThat(history.get(0).sources()).isEmpty();
        assertThat(history.get(3).sources()).containsExactly("Pydantic", "FastAPI basics");
        assertThat(store.open("c1", "alice").summary()).isNull();
    }

    @Test
    void createIsIdempotentAndKeepsTheOwner() throws Exception {
        store.create("c1", "alice");
        store.create("c1", "alice");
        assertThat(store.open("c1", "alice").id()).isEqualTo("c1");
        assertThat(store.history("c1")).isEmpty();
    }

    @Test
    void storedSummaryIsReturned() throws Exception {
        store.create("c1", "alice");
        db.write(c -> {
            try (var st = c.prepareStatement("UPDATE conversations SET summary = ? WHERE id = ?")) {
                st.setString(1, "We discussed virtual environments.");
                st.setString(2, "c1");
                return st.executeUpdate();
            }
        });
        assertThat(store.open("c1", "alice").summary()).isEqualTo("We discussed virtual environments.");
    }

    @Test
    void conversationsSurviveAReopenOfTheDatabase() throws Exception {
        store.append("c1", "alice", new ConversationTurn("r1", "q", 1, "a", 1, "offline", List.of("L1")));
        db.close();
        db = TestDatabase.open(dir);
        JdbcConversationStore reopened = new JdbcConversationStore(db, Clock.systemUTC());
        assertThat(reopened.open("c1", "alice").id()).isEqualTo("c1");
        assertThat(reopened.history("c1")).extracting(StoredMessage::content).containsExactly("q", "a");
    }
}
