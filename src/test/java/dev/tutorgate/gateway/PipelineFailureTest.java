package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ProviderReply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider failures, a student who goes away, and bugs: always exactly one outcome, and the money recorded. */
class PipelineFailureTest {
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

    private long estimatedInput(String question) {
        return f.prefixTokens + f.counter.count(question) + 4;
    }

    private long price(Usage usage) {
        return f.price("small-model", usage);
    }

    @Test
    void aProviderFailureBeforeAnyTextIsProviderUnavailableAndCostsNothing() {
        f.acme.then(ScriptedProvider.Script.failBeforeText(ErrorKind.UNAVAILABLE));
        f.build();

        RecordingListener listener = f.ask("alice", null, "hello", true);

        assertThat(listener.events).hasSize(1); // no meta: nothing was ever said
        ChatFailure failure = listener.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(failure.retryAfterSeconds()).isEqualTo(7);
        LedgerEntry row = f.row(failure.requestId());
        assertThat(row.attempt()).isEqualTo(1);
        assertThat(row.isFinal()).isTrue();
        assertThat(row.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(row.errorKind()).isEqualTo("unavailable");
        assertThat(row.usage()).isEqualTo(Usage.ZERO);
        assertThat(row.costPicos()).isZero();
        assertThat(f.held()).isZero();
        assertThat(f.spent()).isZero();
    }

    @Test
    void aNonStreamedFailureIsProviderUnavailableToo() {
        f.acme.then(ScriptedProvider.Script.failBeforeText(ErrorKind.INVALID_KEY));
        f.build();
        ChatFailure failure = f.ask("alice", null, "hello", false).failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(f.row(failure.requestId()).errorKind()).isEqualTo("invalid_key");
    }

    @Test
    void aStreamBrokenAfterTextIsInterruptedAndItsEstimatedUsageIsRecorded() throws Exception {
        String question = "explain REST";
        f.acme.then(ScriptedProvider.Script.failAfter(2, ErrorKind.STREAM_BROKEN, null,
                "REST is ", "an architectural style ", "never sent"));
        f.build();

        RecordingListener listener = f.ask("alice", null, question, true);

        assertThat(listener.events).hasSize(4);
        assertThat(listener.meta().model()).isEqualTo("small-model");
        assertThat(listener.deltas()).containsExactly("REST is ", "an architectural style ");
        ChatFailure failure = listener.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);

        LedgerEntry row = f.row(failure.requestId());
        Usage expected = new Usage(estimatedInput(question), 0, 0, 0,
                f.counter.count("REST is an architectural style "), 0, true);
        assertThat(row.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(row.errorKind()).isEqualTo("stream_broken");
        assertThat(row.usage()).isEqualTo(expected);
        assertThat(row.costPicos()).isEqualTo(price(expected)).isPositive();
        assertThat(row.clientDisconnected()).isFalse();
        assertThat(row.retrievalHit()).isNull();
        assertThat(f.spent()).isEqualTo(row.costPicos());
        // The conversation id went out in meta: it exists, with no half answer in it.
        var store = f.conversations();
        assertThat(store.open(listener.meta().conversationId(), "alice")).isNotNull();
        assertThat(store.history(listener.meta().conversationId())).isEmpty();
    }

    @Test
    void usageReportedBeforeACutIsKeptAndItsOutputRaisedToWhatWasSent() {
        Usage partial = new Usage(5000, 4000, 0, 0, 1, 0, false); // e.g. Anthropic's message_start
        f.acme.then(ScriptedProvider.Script.failAfter(2, ErrorKind.UNAVAILABLE, partial, "one two ", "three four "));
        f.build();

        ChatFailure failure = f.ask("alice", null, "hello", true).failure();

        assertThat(failure.code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        LedgerEntry row = f.row(failure.requestId());
        assertThat(row.usage()).isEqualTo(new Usage(5000, 4000, 0, 0, f.counter.count("one two three four "), 0, true));
        assertThat(row.costPicos()).isEqualTo(price(row.usage()));
    }

    @Test
    void aClientThatGoesAwayCancelsTheCallAndTheEstimatedCostIsRecorded() {
        String question = "tell me everything";
        f.acme.then(ScriptedProvider.Script.answer(Usage.of(999, 999), "a ", "b ", "c ", "d ", "e "));
        f.build();

        RecordingListener listener = f.ask("alice", null, question, true, new RecordingListener(2));

        assertThat(listener.deltas()).containsExactly("a ", "b ");
        assertThat(listener.outcomes()).isOne();
        assertThat(listener.failure().code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        LedgerEntry row = f.rows(listener.failure().requestId()).getFirst();
        assertThat(row.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(row.errorKind()).isEqualTo("cancelled");
        assertThat(row.clientDisconnected()).isTrue();
        Usage expected = new Usage(estimatedInput(question), 0, 0, 0, f.counter.count("a b "), 0, true);
        assertThat(row.usage()).isEqualTo(expected);
        assertThat(row.costPicos()).isEqualTo(price(expected)).isPositive();
        assertThat(f.spent()).isEqualTo(row.costPicos());
        assertThat(f.held()).isZero();
    }

    @Test
    void aClientThatGoesAwayDuringAnOfflineAnswerIsRecordedAsCancelled() {
        f.config(PipelineFixture.BASE_YAML.replace("routing: { simple: small-model", "routing: { simple: offline"));
        f.build();

        RecordingListener listener = f.ask("alice", null, "How do I create a virtual environment with venv?", true,
                new RecordingListener(1));

        assertThat(listener.deltas()).hasSize(1);
        assertThat(listener.failure().code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        LedgerEntry row = f.rows(listener.failure().requestId()).getFirst();
        assertThat(row.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(row.clientDisconnected()).isTrue();
        assertThat(row.costPicos()).isZero();
    }

    @Test
    void aBrokenLedgerEndsInOneInternalErrorAndTheHoldCountsAsSpent() {
        f.acme.then(ScriptedProvider.Script.answer(Usage.of(100, 10), "An answer."));
        f.build();
        ChatPipeline broken = f.builder()
                .ledger(entry -> {
                    throw new IllegalStateException("disk full");
                })
                .build();

        RecordingListener listener = new RecordingListener();
        broken.service().answer(new ChatCommand("r1", "alice", null, "hello", java.util.Locale.ENGLISH, true, null),
                listener);

        assertThat(listener.outcomes()).isOne();
        assertThat(listener.failure().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(listener.failure().detail()).doesNotContain("disk full"); // nothing internal reaches the student
        assertThat(f.held()).isZero();
        // The reservation was settled at the exact cost before the ledger failed.
        assertThat(f.spent()).isEqualTo(price(Usage.of(100, 10)));
    }

    @Test
    void aFailureBeforeTheCallReleasesTheWholeHold() {
        f.build();
        ChatPipeline broken = f.builder()
                .dispatcher(parts -> request -> {
                    throw new IllegalStateException("a dispatcher bug before any call");
                })
                .build();

        RecordingListener listener = new RecordingListener();
        broken.service().answer(new ChatCommand("r1", "alice", null, "hello", java.util.Locale.ENGLISH, true, null),
                listener);

        assertThat(listener.outcomes()).isOne();
        assertThat(listener.failure().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(f.held()).isZero();
        // Dispatch had started, so the hold counts as spent: the cost of a call in flight is unknown.
        assertThat(f.spent()).isPositive();
    }

    @Test
    void aProviderClientBugIsRecordedAsABrokenCall() {
        ChatProvider buggy = new ChatProvider() {
            @Override
            public String name() {
                return "acme";
            }

            @Override
            public ProviderReply complete(ModelCall call, ApiKey key) {
                throw new NullPointerException("bug");
            }

            @Override
            public ProviderReply stream(ModelCall call, ApiKey key, TextSink sink) {
                sink.accept("half ");
                throw new NullPointerException("bug");
            }
        };
        f.build();
        ChatPipeline pipeline = f.builder().providers(Map.of("acme", buggy)).build();

        RecordingListener listener = new RecordingListener();
        pipeline.service().answer(new ChatCommand("r1", "alice", null, "hello", java.util.Locale.ENGLISH, true, null),
                listener);

        assertThat(listener.outcomes()).isOne();
        assertThat(listener.failure().code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        LedgerEntry row = f.row("r1");
        assertThat(row.errorKind()).isEqualTo("stream_broken");
        assertThat(row.usage().estimated()).isTrue();
        assertThat(row.costPicos()).isPositive();
    }

    @Test
    void aListenerThatThrowsOnDoneGetsNoSecondOutcome() {
        f.acme.then(ScriptedProvider.Script.answer(Usage.of(100, 10), "An answer."));
        f.build();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onDone(AnswerDone done) {
                super.onDone(done);
                throw new IllegalStateException("socket closed");
            }
        };
        f.ask("alice", null, "hello", false, listener);
        assertThat(listener.outcomes()).isOne();
        assertThat(listener.events.getLast()).isInstanceOf(AnswerDone.class);
    }

    @Test
    void aFailedFirstQuestionStillLeavesTheConversationItsLedgerRowNames() throws Exception {
        f.acme.then(ScriptedProvider.Script.failBeforeText(ErrorKind.UNAVAILABLE));
        f.build();
        f.ask("alice", null, "hello", true);
        String conversation = f.allRows().getFirst().conversationId();
        var store = f.conversations();
        assertThat(store.open(conversation, "alice").studentId()).isEqualTo("alice");
        assertThat(store.history(conversation)).isEmpty();
    }
}
