package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.tutor.JdbcConversationStore;
import dev.tutorgate.tutor.StoredMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Good paths through the whole chain: JSON and streamed answers, history, the ledger. */
class PipelineAnswerTest {
    @TempDir
    Path dir;
    PipelineFixture f;

    @BeforeEach
    void setUp() {
        f = new PipelineFixture(dir);
    }

    @Test
    void aJsonAnswerGivesMetaThenDoneAndOneLedgerRow() {
        Usage usage = new Usage(900, 600, 0, 0, 12, 0, false);
        f.acme.then(ScriptedProvider.Script.answer(usage, "FastAPI is a web framework. ", "[Lesson: FastAPI]"));
        f.build();

        RecordingListener listener = f.ask("alice", null, "What is FastAPI?", false);

        assertThat(listener.events).hasSize(2);
        AnswerMeta meta = listener.meta();
        AnswerDone done = listener.done();
        assertThat(meta.model()).isEqualTo("small-model");
        assertThat(meta.complexity()).isEqualTo("simple");
        assertThat(meta.fallbackReason()).isNull();
        assertThat(meta.conversationId()).isEqualTo(done.conversationId()).isNotBlank();
        assertThat(done.answer()).isEqualTo("FastAPI is a web framework. [Lesson: FastAPI]");
        assertThat(done.usage()).isEqualTo(usage);
        assertThat(done.sources()).containsExactly("FastAPI");
        assertThat(done.ttftMs()).isNull();
        long expectedCost = new RatePricing(f.config).cost("small-model", usage, Instant.now()).picos();
        assertThat(done.costPicos()).isEqualTo(expectedCost).isPositive();

        LedgerEntry row = f.ledger.of(done.requestId()).getFirst();
        assertThat(f.ledger.of(done.requestId())).hasSize(1);
        assertThat(row.attempt()).isEqualTo(1);
        assertThat(row.isFinal()).isTrue();
        assertThat(row.outcome()).isEqualTo(Outcome.OK);
        assertThat(row.model()).isEqualTo("small-model");
        assertThat(row.provider()).isEqualTo("acme");
        assertThat(row.keyAlias()).isEqualTo("acme#1");
        assertThat(row.studentId()).isEqualTo("alice");
        assertThat(row.conversationId()).isEqualTo(done.conversationId());
        assertThat(row.complexity()).isEqualTo("simple");
        assertThat(row.usage()).isEqualTo(usage);
        assertThat(row.costPicos()).isEqualTo(expectedCost);
        assertThat(row.costWithoutCachePicos()).isGreaterThan(expectedCost);
        assertThat(row.streamed()).isFalse();
        assertThat(row.clientDisconnected()).isFalse();
        assertThat(row.retrievalHit()).isTrue();
        assertThat(f.acme.calls.getFirst().streamed()).isFalse();
        assertThat(f.budget.held()).isZero();
        assertThat(f.budget.spent()).isEqualTo(expectedCost);
    }

    @Test
    void aStreamedAnswerArrivesAsMetaDeltasDoneInOrder() {
        f.acme.then(ScriptedProvider.Script.answer(Usage.of(800, 5), "Use ", "python -m venv", " .venv"));
        f.build();

        RecordingListener listener = f.ask("alice", null, "How do I make a venv?", true);

        assertThat(listener.events).hasSize(5);
        assertThat(listener.events.get(0)).isInstanceOf(AnswerMeta.class);
        assertThat(listener.events.subList(1, 4)).containsExactly("Use ", "python -m venv", " .venv");
        AnswerDone done = listener.done();
        assertThat(done.answer()).isEqualTo("Use python -m venv .venv");
        assertThat(done.ttftMs()).isNotNull().isNotNegative();
        assertThat(done.latencyMs()).isGreaterThanOrEqualTo(done.ttftMs());
        assertThat(done.sources()).isEmpty();
        LedgerEntry row = f.ledger.of(done.requestId()).getFirst();
        assertThat(row.streamed()).isTrue();
        assertThat(row.ttftMs()).isNotNull();
        assertThat(row.retrievalHit()).isFalse(); // the model cited no lesson
        assertThat(f.acme.calls.getFirst().streamed()).isTrue();
    }

    @Test
    void theCallCarriesTheCoursePrefixTheCacheKeyAndTheOutputCap() {
        f.acme.always(ScriptedProvider.Script.answer(Usage.of(10, 1), "ok"));
        f.build();
        f.ask("alice", null, "first", false);
        f.ask("bob", null, "second", false);

        var first = f.acme.calls.get(0).call();
        var second = f.acme.calls.get(1).call();
        assertThat(first.systemPrompt()).isEqualTo(PipelineFixture.COURSE);
        assertThat(second.systemPrompt()).isEqualTo(first.systemPrompt());
        assertThat(first.cacheKey()).isEqualTo(second.cacheKey()).isEqualTo(f.prefix.cacheKey());
        assertThat(first.maxOutputTokens()).isEqualTo(100);
        assertThat(first.model()).isEqualTo("small-model");
        assertThat(first.timeouts().total().toMillis()).isEqualTo(f.config.timeouts().totalMs());
    }

    @Test
    void keysOfTheProviderAreTakenRoundRobin() {
        f.acme.always(ScriptedProvider.Script.answer(Usage.of(10, 1), "ok"));
        f.build();
        for (int i = 0; i < 4; i++) {
            f.ask("alice", null, "question " + i, false);
        }
        assertThat(f.acme.calls).extracting(ScriptedProvider.Seen::keyAlias)
                .containsExactly("acme#1", "acme#2", "acme#1", "acme#2");
        assertThat(f.ledger.rows).extracting(LedgerEntry::keyAlias)
                .containsExactly("acme#1", "acme#2", "acme#1", "acme#2");
    }

    @Test
    void historyIsStoredAndSentWithTheNextQuestion() {
        f.acme.then(ScriptedProvider.Script.answer(Usage.of(100, 3), "A web framework."))
                .then(ScriptedProvider.Script.answer(Usage.of(120, 2), "Data validation."));
        f.build();

        String conversation = f.ask("alice", null, "What is FastAPI?", false).done().conversationId();
        AnswerDone second = f.ask("alice", conversation, "And Pydantic?", true).done();

        assertThat(second.conversationId()).isEqualTo(conversation);
        assertThat(f.acme.calls.get(1).call().messages()).containsExactly(
                ChatMessage.user("What is FastAPI?"), ChatMessage.assistant("A web framework."),
                ChatMessage.user("And Pydantic?"));
        List<StoredMessage> stored = new JdbcConversationStore(f.db, Clock.systemUTC()).history(conversation);
        assertThat(stored).extracting(StoredMessage::content).containsExactly(
                "What is FastAPI?", "A web framework.", "And Pydantic?", "Data validation.");
        assertThat(stored).extracting(StoredMessage::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(stored.get(1).model()).isEqualTo("small-model");
        assertThat(stored.get(3).requestId()).isEqualTo(second.requestId());
        assertThat(stored.get(3).tokens()).isEqualTo(2); // the provider's output count
        assertThat(stored.get(2).tokens()).isEqualTo(f.counter.count("And Pydantic?"));
    }

    @Test
    void aSmallWindowDropsOldTurnsButNeverTheCourse() {
        // Word counts: a question "question N x" is 3 + 4 overhead, an answer "answer number x y" 4 + 4.
        long turn = (3 + 4) + (4 + 4);
        long wanted = f.prefix.tokens() + (3 + 4) + 2 * turn + 5; // course, question, two turns, not three
        long window = (long) Math.ceil(wanted * 1.10) + 100;     // + the 10% margin and the output cap
        f.config(PipelineFixture.BASE_YAML.replace(
                "price: { input: 0.10, cachedInput: 0.01, output: 0.40 }\n    contextWindow: 100000",
                "price: { input: 0.10, cachedInput: 0.01, output: 0.40 }\n    contextWindow: " + window));
        f.acme.always(ScriptedProvider.Script.answer(Usage.of(100, 4), "answer number x y"));
        f.build();

        String conversation = null;
        for (int i = 1; i <= 5; i++) {
            conversation = f.ask("alice", conversation, "question " + i + " x", false).done().conversationId();
        }

        var lastCall = f.acme.calls.getLast().call();
        assertThat(lastCall.systemPrompt()).isEqualTo(PipelineFixture.COURSE);
        assertThat(lastCall.messages()).extracting(ChatMessage::content).containsExactly(
                "question 3 x", "answer number x y", "question 4 x", "answer number x y", "question 5 x");
        assertThat(f.acme.calls.get(1).call().messages()).hasSize(3); // while it fitted, nothing was dropped
        // Everything is still stored: trimming shapes the prompt, not the conversation.
        assertThat(new JdbcConversationStore(f.db, Clock.systemUTC()).history(conversation)).hasSize(10);
    }

    @Test
    void theOfflineAnswererStreamsAnExcerptWithItsSourcesAtNoCost() {
        f.config(PipelineFixture.BASE_YAML.replace("routing: { simple: small-model", "routing: { simple: offline"));
        f.build();

        RecordingListener listener = f.ask("alice", null, "how to create a venv", true);

        assertThat(listener.meta().model()).isEqualTo("offline");
        assertThat(String.join("", listener.deltas())).isEqualTo(PipelineFixture.OFFLINE_TEXT);
        AnswerDone done = listener.done();
        assertThat(done.sources()).containsExactly("Virtual environments");
        assertThat(done.costPicos()).isZero();
        LedgerEntry row = f.ledger.of(done.requestId()).getFirst();
        assertThat(row.model()).isEqualTo("offline");
        assertThat(row.provider()).isEqualTo("offline");
        assertThat(row.keyAlias()).isNull();
        assertThat(row.retrievalHit()).isTrue();
        assertThat(row.costPicos()).isZero();
        assertThat(f.acme.calls).isEmpty();

        AnswerDone miss = f.ask("alice", null, "what is the meaning of life", false).done();
        assertThat(f.ledger.of(miss.requestId()).getFirst().retrievalHit()).isFalse();
    }

    @Test
    void aModelThatCannotHoldTheCourseIsReportedAtStartAndNeverCalled() {
        long tooSmall = f.prefix.tokens() + 50;
        f.config(PipelineFixture.BASE_YAML.replace("price: { input: 3.00, cachedInput: 0.30, output: 15.00 }\n    contextWindow: 100000",
                "price: { input: 3.00, cachedInput: 0.30, output: 15.00 }\n    contextWindow: " + tooSmall));
        f.acme.always(ScriptedProvider.Script.answer(Usage.of(10, 1), "ok"));
        f.build();

        assertThat(f.pipeline.report().usableModels()).containsExactly("small-model", "offline");
        assertThat(f.pipeline.report().unusableModels()).singleElement().asString()
                .startsWith("big-model (" + tooSmall + " tokens) cannot hold the course (")
                .endsWith("tokens): it will not be used");

        RecordingListener listener = f.ask("alice", null, "please debug my code", false);
        assertThat(listener.meta().model()).isEqualTo("small-model");
        assertThat(listener.meta().fallbackReason()).isEqualTo(ChatPipeline.COURSE_TOO_BIG);
        assertThat(f.acme.calls).extracting(c -> c.call().model()).containsExactly("small-model");
    }
}
