package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.emulator.CallRecord;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.tutor.PromptPrefix;
import dev.tutorgate.tutor.StoredMessage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Good paths through the whole chain: JSON and streamed answers, history, the ledger. */
class PipelineAnswerTest {
    @RegisterExtension
    final PipelineFixture f = new PipelineFixture();

    private void emulate(EmulatorSettings.Builder settings) {
        f.emulator.settings(settings.build());
    }

    @Test
    void aJsonAnswerGivesMetaThenDoneAndOneLedgerRow() {
        emulate(EmulatorSettings.builder().answerTokens(30).cachedFraction(0.5));
        f.build();

        RecordingListener listener = f.ask("alice", null, "What is FastAPI?", false);

        assertThat(listener.events).hasSize(2);
        AnswerMeta meta = listener.meta();
        AnswerDone done = listener.done();
        assertThat(meta.model()).isEqualTo("small-model");
        assertThat(meta.complexity()).isEqualTo("simple");
        assertThat(meta.fallbackReason()).isNull();
        assertThat(meta.conversationId()).isEqualTo(done.conversationId()).isNotBlank();
        CallRecord call = f.emulator.calls().getFirst();
        assertThat(call.streamed()).isFalse();
        assertThat(call.key()).isEqualTo("secret-one");
        assertThat(done.usage()).isEqualTo(call.usage());
        assertThat(done.usage().cachedInputTokens()).isPositive();
        // The emulator names the lesson closest to the question; the citation detector finds it.
        assertThat(done.answer()).contains("This is covered in the lesson \"Your first FastAPI application\"");
        assertThat(done.sources()).containsExactly("Your first FastAPI application");
        assertThat(done.ttftMs()).isNull();
        long expectedCost = f.price("small-model", call.usage());
        assertThat(done.costPicos()).isEqualTo(expectedCost).isPositive();

        LedgerEntry row = f.row(done.requestId());
        assertThat(row.attempt()).isEqualTo(1);
        assertThat(row.isFinal()).isTrue();
        assertThat(row.outcome()).isEqualTo(Outcome.OK);
        assertThat(row.model()).isEqualTo("small-model");
        assertThat(row.provider()).isEqualTo("acme");
        assertThat(row.keyAlias()).isEqualTo("acme#1");
        assertThat(row.studentId()).isEqualTo("alice");
        assertThat(row.conversationId()).isEqualTo(done.conversationId());
        assertThat(row.complexity()).isEqualTo("simple");
        assertThat(row.usage()).isEqualTo(call.usage());
        assertThat(row.costPicos()).isEqualTo(expectedCost);
        assertThat(row.costWithoutCachePicos()).isGreaterThan(expectedCost);
        assertThat(row.streamed()).isFalse();
        assertThat(row.clientDisconnected()).isFalse();
        assertThat(row.retrievalHit()).isTrue();
        assertThat(f.held()).isZero();
        assertThat(f.spent()).isEqualTo(expectedCost);
    }

    @Test
    void aStreamedAnswerArrivesAsMetaDeltasDoneInOrder() {
        emulate(EmulatorSettings.builder().answerTokens(12).citeLessons(false));
        f.build();

        RecordingListener listener = f.ask("alice", null, "How do I make a venv?", true);

        assertThat(listener.events.getFirst()).isInstanceOf(AnswerMeta.class);
        assertThat(listener.events.getLast()).isInstanceOf(AnswerDone.class);
        List<String> deltas = listener.deltas();
        assertThat(listener.events).hasSize(deltas.size() + 2);
        assertThat(deltas).hasSizeGreaterThan(1);
        AnswerDone done = listener.done();
        assertThat(String.join("", deltas)).isEqualTo(done.answer());
        assertThat(done.usage()).isEqualTo(f.emulatorUsage(0));
        assertThat(done.usage().outputTokens()).isEqualTo(12);
        assertThat(done.ttftMs()).isNotNull().isNotNegative();
        assertThat(done.latencyMs()).isGreaterThanOrEqualTo(done.ttftMs());
        assertThat(done.sources()).isEmpty();
        LedgerEntry row = f.row(done.requestId());
        assertThat(row.streamed()).isTrue();
        assertThat(row.ttftMs()).isNotNull();
        assertThat(row.retrievalHit()).isFalse(); // the model cited no lesson
        assertThat(f.emulator.calls().getFirst().streamed()).isTrue();
    }

    @Test
    void theCallCarriesTheCoursePrefixTheCacheKeyAndTheOutputCap() {
        f.build();
        f.ask("alice", null, "first", false);
        f.ask("bob", null, "second", false);

        ModelCall first = f.acme.calls.get(0).call();
        ModelCall second = f.acme.calls.get(1).call();
        assertThat(first.systemPrompt()).isEqualTo(PipelineFixture.PREFIX);
        assertThat(second.systemPrompt()).isSameAs(first.systemPrompt());
        assertThat(first.cacheKey()).isEqualTo(second.cacheKey()).isEqualTo(PromptPrefix.cacheKeyOf(PipelineFixture.PREFIX));
        assertThat(first.maxOutputTokens()).isEqualTo(100);
        assertThat(first.model()).isEqualTo("small-model");
        assertThat(first.timeouts().total().toMillis()).isEqualTo(f.config.timeouts().totalMs());
        // The emulator caps the answer at the output cap it was sent.
        assertThat(f.emulatorUsage(0).outputTokens()).isEqualTo(100);
    }

    @Test
    void keysOfTheProviderAreTakenRoundRobin() {
        f.build();
        for (int i = 0; i < 4; i++) {
            f.ask("alice", null, "question " + i, false);
        }
        assertThat(f.emulator.calls()).extracting(CallRecord::key)
                .containsExactly("secret-one", "secret-two", "secret-one", "secret-two");
        assertThat(f.allRows()).extracting(LedgerEntry::keyAlias)
                .containsExactly("acme#1", "acme#2", "acme#1", "acme#2");
    }

    @Test
    void historyIsStoredAndSentWithTheNextQuestion() {
        f.build();

        AnswerDone first = f.ask("alice", null, "What is FastAPI?", false).done();
        AnswerDone second = f.ask("alice", first.conversationId(), "And Pydantic?", true).done();

        assertThat(second.conversationId()).isEqualTo(first.conversationId());
        assertThat(f.acme.calls.get(1).call().messages()).containsExactly(
                ChatMessage.user("What is FastAPI?"), ChatMessage.assistant(first.answer()),
                ChatMessage.user("And Pydantic?"));
        List<StoredMessage> stored = f.conversations().history(first.conversationId());
        assertThat(stored).extracting(StoredMessage::content).containsExactly(
                "What is FastAPI?", first.answer(), "And Pydantic?", second.answer());
        assertThat(stored).extracting(StoredMessage::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(stored.get(1).model()).isEqualTo("small-model");
        assertThat(stored.get(1).sources()).isEqualTo(first.sources());
        assertThat(stored.get(3).requestId()).isEqualTo(second.requestId());
        assertThat(stored.get(3).tokens()).isEqualTo(second.usage().outputTokens()); // the provider's count
        assertThat(stored.get(2).tokens()).isEqualTo(f.counter.count("And Pydantic?"));
    }

    @Test
    void historySentWithTheCallIsUsedInsteadOfTheStoredOne() {
        f.build();
        List<ChatMessage> supplied = List.of(ChatMessage.user("What is HTTP?"),
                ChatMessage.assistant("The protocol of the web."));
        RecordingListener listener = new RecordingListener();
        f.pipeline.service().answer(new ChatCommand("r-history", "alice", null, "And HTTPS?", Locale.ENGLISH,
                false, null, supplied), listener);

        assertThat(f.acme.calls.getFirst().call().messages()).containsExactly(
                ChatMessage.user("What is HTTP?"), ChatMessage.assistant("The protocol of the web."),
                ChatMessage.user("And HTTPS?"));
        // Only this call's question and answer are stored: the supplied history belongs to the caller.
        assertThat(f.conversations().history(listener.done().conversationId()))
                .extracting(StoredMessage::content).containsExactly("And HTTPS?", listener.done().answer());
    }

    @Test
    void aSmallWindowDropsTheOldestTurnsButNeverTheCourse() {
        emulate(EmulatorSettings.builder().answerTokens(20));
        f.build();
        String conversation = null;
        for (int i = 1; i <= 4; i++) {
            conversation = f.ask("alice", conversation, "question " + i + " x", false).done().conversationId();
        }
        // Size small-model's window from what is stored: room for the course, the question and the
        // last two turns (with the 10% margin and the output cap), not for a third.
        List<StoredMessage> stored = f.conversations().history(conversation);
        long lastTwoTurns = stored.subList(4, 8).stream().mapToLong(m -> m.tokens() + 4).sum();
        long wanted = f.prefixTokens + f.counter.count("question 5 x") + 4 + lastTwoTurns;
        long window = (long) Math.ceil(wanted * 1.10) + 100;
        f.config(PipelineFixture.BASE_YAML.replace(
                "price: { input: 0.10, cachedInput: 0.01, output: 0.40 }\n    contextWindow: 200000",
                "price: { input: 0.10, cachedInput: 0.01, output: 0.40 }\n    contextWindow: " + window));
        f.build();

        f.ask("alice", conversation, "question 5 x", false).done();

        ModelCall last = f.acme.calls.getLast().call();
        assertThat(last.systemPrompt()).isEqualTo(PipelineFixture.PREFIX);
        assertThat(last.messages()).containsExactly(
                stored.get(4).asChatMessage(), stored.get(5).asChatMessage(),
                stored.get(6).asChatMessage(), stored.get(7).asChatMessage(),
                ChatMessage.user("question 5 x"));
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
        assertThat(f.emulator.calls()).isEmpty();

        AnswerDone miss = f.ask("alice", null, "zxqv blorf wibble", false).done();
        assertThat(miss.sources()).isEmpty();
        assertThat(f.row(miss.requestId()).retrievalHit()).isFalse();
    }

    @Test
    void aModelThatCannotHoldTheCourseIsReportedAtStartAndNeverCalled() {
        long tooSmall = f.prefixTokens + 50;
        f.config(PipelineFixture.BASE_YAML.replace(
                "price: { input: 3.00, cachedInput: 0.30, output: 15.00 }\n    contextWindow: 200000",
                "price: { input: 3.00, cachedInput: 0.30, output: 15.00 }\n    contextWindow: " + tooSmall));
        f.build();

        assertThat(f.pipeline.report().usableModels()).containsExactly("small-model", "offline");
        assertThat(f.pipeline.report().unusableModels()).singleElement().asString()
                .isEqualTo(String.format(Locale.US,
                        "big-model (%,d tokens) cannot hold the course (%,d tokens): it will not be used",
                        tooSmall, f.prefixTokens));

        RecordingListener listener = f.ask("alice", null, PipelineFixture.COMPLEX_QUESTION, false);
        assertThat(listener.meta().model()).isEqualTo("small-model");
        assertThat(listener.meta().fallbackReason()).isEqualTo(UsableModels.COURSE_TOO_BIG);
        assertThat(f.emulator.calls()).extracting(CallRecord::model).containsExactly("small-model");
    }
}
