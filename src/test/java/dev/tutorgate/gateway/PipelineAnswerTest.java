package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.tutor.PromptPrefix;
import dev.tutorgate.tutor.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Good paths through the whole chain: JSON and streamed answers, history, the ledger. */
class PipelineAnswerTest {
    @TempDir
    Path dir;
    PipelineFixture f;

    @AfterEach
    void tearDown() {
        f.close();
    }

    @BeforeEach
    void setUp() {
        f = new PipelineFixture(dir);
    }

    @Test
    void aJsonAnswerGivesMetaThenDoneAndOneLedgerRow() {
        Usage usage = new Usage(900, 600, 0, 0, 12, 0, false);
        f.acme.then(ScriptedProvider.Script.answer(usage, "FastAPI is a web framework. ",
                "[Lesson: Your first FastAPI application]"));
        f.build();

        RecordingListener listener = f.ask("alice", null, "What is FastAPI?", false);

        assertThat(listener.events).hasSize(2);
        AnswerMeta meta = listener.meta();
        AnswerDone done = listener.done();
        assertThat(meta.model()).isEqualTo("small-model");
        assertThat(meta.complexity()).isEqualTo("simple");
        assertThat(meta.fallbackReason()).isNull();
        assertThat(meta.conversationId()).isEqualTo(done.conversationId()).isNotBlank();
        assertThat(done.answer()).isEqualTo("FastAPI is a web framework. [Lesson: Your first FastAPI application]");
        assertThat(done.usage()).isEqualTo(usage);
        assertThat(done.sources()).containsExactly("Your first FastAPI application");
        assertThat(done.ttftMs()).isNull();
        long expectedCost = f.price("small-model", usage);
        assertThat(done.costPicos()).isEqualTo(expectedCost).isPositive();

        LedgerEntry row = f.row(done.requestId());
        assertThat(f.rows(done.requestId())).hasSize(1);
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
        assertThat(f.held()).isZero();
        assertThat(f.spent()).isEqualTo(expectedCost);
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
        LedgerEntry row = f.row(done.requestId());
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
        assertThat(first.systemPrompt()).isEqualTo(PipelineFixture.PREFIX);
        assertThat(second.systemPrompt()).isEqualTo(first.systemPrompt());
        assertThat(first.cacheKey()).isEqualTo(second.cacheKey()).isEqualTo(PromptPrefix.cacheKeyOf(PipelineFixture.PREFIX));
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
        assertThat(f.allRows()).extracting(LedgerEntry::keyAlias)
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
        List<StoredMessage> stored = f.conversations().history(conversation);
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
        long turn = f.counter.count("question 1 x") + 4 + f.counter.count("answer number x y") + 4;
        long question = f.counter.count("question 5 x") + 4;
        long wanted = f.prefixTokens + question + 2 * turn + 5; // course, question, two turns, not three
        long window = (long) Math.ceil(wanted * 1.10) + 100;   // + the 10% margin and the output cap
        f.config(PipelineFixture.BASE_YAML.replace(
                "price: { input: 0.10, cachedInput: 0.01, output: 0.40 }\n    contextWindow: 200000",
                "price: { input: 0.10, cachedInput: 0.01, output: 0.40 }\n    contextWindow: " + window));
        f.acme.always(ScriptedProvider.Script.answer(Usage.of(100, 4), "answer number x y"));
        f.build();

        String conversation = null;
        for (int i = 1; i <= 5; i++) {
            conversation = f.ask("alice", conversation, "question " + i + " x", false).done().conversationId();
        }

        var lastCall = f.acme.calls.getLast().call();
        assertThat(lastCall.systemPrompt()).isEqualTo(PipelineFixture.PREFIX);
        assertThat(lastCall.messages()).extracting(ChatMessage::content).containsExactly(
                "question 3 x", "answer number x y", "question 4 x", "answer number x y", "question 5 x");
        assertThat(f.acme.calls.get(1).call().messages()).hasSize(3); // while it fitted, nothing was dropped
        // Everything is still stored: trimming shapes the prompt, not the conversation.
        assertThat(f.conversations().history(conversation)).hasSize(10);
    }

    @Test
    void theOfflineAnswererStreamsAnExcerptWithItsSourcesAtNoCost() {
        f.config(PipelineFixture.BASE_YAML.replace("routing: { simple: small-model", "routing: { simple: offline"));
        f.build();

        RecordingListener listener = f.ask("alice", null, "How do I create a virtual environment with venv?", true);

        assertThat(listener.meta().model()).isEqualTo("offline");
        AnswerDone done = listener.done();
        assertThat(listener.deltas()).hasSizeGreaterThan(1);
        assertThat(String.join("", listener.deltas())).isEqualTo(done.answer());
        assertThat(done.sources()).contains("Virtual environments and packages");
        assertThat(done.costPicos()).isZero();
        LedgerEntry row = f.row(done.requestId());
        assertThat(row.model()).isEqualTo("offline");
        assertThat(row.provider()).isEqualTo("offline");
        assertThat(row.keyAlias()).isNull();
        assertThat(row.retrievalHit()).isTrue();
        assertThat(row.costPicos()).isZero();
        assertThat(f.acme.calls).isEmpty();

        AnswerDone miss = f.ask("alice", null, "zxqv blorf wibble", false).done();
        assertThat(miss.sources()).isEmpty();
        assertThat(f.row(miss.requestId()).retrievalHit()).isFalse();
    }

    @Test
    void aModelThatCannotHoldTheCourseIsReportedAtStartAndNeverCalled() {
        long tooSmall = f.prefixTokens + 50;
        f.config(PipelineFixture.BASE_YAML.replace("price: { input: 3.00, cachedInput: 0.30, output: 15.00 }\n    contextWindow: 200000",
                "price: { input: 3.00, cachedInput: 0.30, output: 15.00 }\n    contextWindow: " + tooSmall));
        f.acme.always(ScriptedProvider.Script.answer(Usage.of(10, 1), "ok"));
        f.build();

        assertThat(f.pipeline.report().usableModels()).containsExactly("small-model", "offline");
        assertThat(f.pipeline.report().unusableModels()).singleElement().asString()
                .isEqualTo(String.format(java.util.Locale.US,
                        "big-model (%,d tokens) cannot hold the course (%,d tokens): it will not be used",
                        tooSmall, f.prefixTokens));

        RecordingListener listener = f.ask("alice", null, PipelineFixture.COMPLEX_QUESTION, false);
        assertThat(listener.meta().model()).isEqualTo("small-model");
        assertThat(listener.meta().fallbackReason()).isEqualTo(UsableModels.COURSE_TOO_BIG);
        assertThat(f.acme.calls).extracting(c -> c.call().model()).containsExactly("small-model");
    }
}
