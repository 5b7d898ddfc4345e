package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.provider.ChatProviders;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.LedgerQueries;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.storage.Database;
import dev.tutorgate.tutor.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline as serve assembles it, from configuration to ledger row and request log line. */
class ChatServiceFactoryTest {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedDefaultsAnswerOfflineAndRecordIt() throws Exception {
        Path chatLog = dir.resolve("chat.log");
        TutorgateConfig config = ConfigLoader.fromYaml("storage: { requestLog: '" + chatLog + "' }", "test", Map.of())
                .config();
        try (Database db = TestDatabase.open(dir);
             ChatSystem system = ChatServiceFactory.create(config, db, PipelineFixture.COURSE,
                     p -> { throw new AssertionError("no provider is configured"); }, Clock.systemUTC())) {
            TestDatabase.addStudent(db, "alice");

            assertThat(system.report().usableModels()).containsExactly("offline");
            assertThat(system.report().unusableModels()).isEmpty();
            assertThat(system.report().lines()).filteredOn(line -> line.startsWith("Course:")).singleElement()
                    .isEqualTo(String.format(Locale.US, "Course: %s — 19 lessons, %,d tokens (%,d with the tutor's instructions)",
                            PipelineFixture.COURSE.course().source(), PipelineFixture.COURSE.course().totalTokens(),
                            PipelineFixture.COURSE.prompt().tokens()));
            assertThat(PipelineFixture.COURSE.prompt().tokens()).isGreaterThan(PipelineFixture.COURSE.course().totalTokens());

            RecordingListener listener = new RecordingListener();
            system.chat().answer(new ChatCommand("r1", "alice", null, "What is a virtual environment?",
                    Locale.ENGLISH, true, null), listener);

            AnswerDone done = listener.done();
            assertThat(done.model()).isEqualTo("offline");
            assertThat(done.sources()).isNotEmpty();
            List<LedgerEntry> rows = new LedgerQueries(db).byRequest("r1");
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.outcome()).isEqualTo(Outcome.OK);
                assertThat(row.retrievalHit()).isTrue();
            });
            assertThat(Files.readAllLines(chatLog)).singleElement().asString()
                    .contains("\"requestId\":\"r1\"").contains("\"model\":\"offline\"");
            assertThat(system.budget().appStatus()).isNotEmpty();
        }
    }

    @Test
    void aProviderWithoutKeysIsReportedAndItsModelsAreNotUsed() {
        TutorgateConfig config = ConfigLoader.fromYaml("""
                providers:
                  - { name: gem, type: gemini, apiKeys: [] }
                models:
                  - { name: gemini-2.5-flash, provider: gem }
                routing: { simple: gemini-2.5-flash, medium: gemini-2.5-flash, complex: gemini-2.5-flash, fallbacks: [offline] }
                """, "test", Map.of()).config();
        try (Database db = TestDatabase.open(dir);
             ChatSystem system = ChatServiceFactory.create(config, db, PipelineFixture.COURSE, ChatProviders::create,
                     Clock.systemUTC())) {
            TestDatabase.addStudent(db, "alice");
            assertThat(system.report().usableModels()).containsExactly("offline");
            assertThat(system.report().unusableModels()).containsExactly(
                    "gemini-2.5-flash: provider gem has no API key: it will not be used");

            RecordingListener listener = new RecordingListener();
            system.chat().answer(new ChatCommand("r1", "alice", null, "What is pip?", Locale.ENGLISH, false, null),
                    listener);
            assertThat(listener.meta().model()).isEqualTo("offline");
            assertThat(listener.meta().fallbackReason()).isEqualTo("no_api_key");
        }
    }
}
