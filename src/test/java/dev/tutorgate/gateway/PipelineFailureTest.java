package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.emulator.CallRecord;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.provider.emulator.Fault;
import dev.tutorgate.provider.emulator.FaultKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Provider failures, a student who goes away, and bugs: always exactly one outcome, and the money recorded. */
class PipelineFailureTest {
    @RegisterExtension
    final PipelineFixture f = new PipelineFixture();

    private long estimatedInput(String question) {
        return f.prefixTokens + f.counter.count(question) + 4;
    }

    private long price(Usage usage) {
        return f.price("small-model", usage);
    }

    @Test
    void aProviderFailureBeforeAnyTextIsProviderUnavailableAndCostsNothing() {
        f.emulator.script(Fault.of(FaultKind.OVERLOADED));
        f.build();

        RecordingListener listener = f.ask("alice", null, "hello", true);

        assertThat(listener.events).hasSize(1); // no meta: nothing was ever said
        ChatFailure failure = listener.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        LedgerEntry row = f.row(failure.requestId());
        assertThat(row.attempt()).isEqualTo(1);
        assertThat(row.isFinal()).isTrue();
        assertThat(row.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(row.errorKind()).isEqualTo("unavailable");
        assertThat(row.usage()).isEqualTo(Usage.ZERO);
        assertThat(row.costPicos()).isZero();
        assertThat(f.held()).isZero();
        assertThat(f.spent()).isZero();
        assertThat(f.emulator.calls()).singleElement().extracting(CallRecord::outcome).isEqualTo("overloaded");
    }

    @Test
    void theProvidersRetryHintReachesTheStudent() {
        f.emulator.script(Fault.rateLimit(Duration.ofSeconds(7)));
        f.build();
        ChatFailure failure = f.ask("alice", null, "hello", true).failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(failure.retryAfterSeconds()).isEqualTo(7);
        assertThat(f.row(failure.requestId()).errorKind()).isEqualTo("rate_limited");
    }

    @Test
    void aNonStreamedFailureIsProviderUnavailableToo() {
        f.emulator.script(Fault.of(FaultKind.INVALID_KEY));
        f.build();
        ChatFailure failure = f.ask("alice", null, "hello", false).failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(f.row(failure.requestId()).errorKind()).isEqualTo("invalid_key");
    }

    @Test
    void aStreamCutAfterTextIsInterruptedAndItsEstimatedUsageIsRecorded() throws Exception {
        String question = "explain REST";
        f.emulator.script(Fault.cutAfter(5));
        f.build();

        RecordingListener listener = f.ask("alice", null, question, true);

        assertThat(listener.events.getFirst()).isInstanceOf(AnswerMeta.class);
        assertThat(listener.meta().model()).isEqualTo("small-model");
        assertThat(listener.deltas()).isNotEmpty();
        assertThat(listener.outcomes()).isOne();
        ChatFailure failure = listener.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);

        // OpenAI's usage comes in the last chunk, which a cut stream never sends: estimated.
        LedgerEntry row = f.row(failure.requestId());
        Usage expected = new Usage(estimatedInput(question), 0, 0, 0,
                f.counter.count(String.join("", listener.deltas())), 0, true);
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
        // Anthropic reports the input (and its cache counts) in message_start, before any text.
        f.config(PipelineFixture.BASE_YAML.replace("type: openai", "type: anthropic"));
        f.emulator.settings(EmulatorSettings.builder().cachedFraction(0.5).build());
        f.emulator.script(Fault.cutAfter(6));
        f.build();

        RecordingListener listener = f.ask("alice", null, "hello", true);

        assertThat(listener.failure().code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        LedgerEntry row = f.row(listener.failure().requestId());
        Usage reported = f.emulatorUsage(0);
        assertThat(row.usage().inputTokens()).isEqualTo(reported.inputTokens()).isNotEqualTo(estimatedInput("hello"));
        assertThat(row.usage().cachedInputTokens()).isEqualTo(reported.cachedInputTokens());
        assertThat(row.usage().cacheWriteTokens()).isEqualTo(reported.cacheWriteTokens());
        assertThat(row.usage().outputTokens())
                .isGreaterThanOrEqualTo(f.counter.count(String.join("", listener.deltas())));
        assertThat(row.costPicos()).isEqualTo(price(row.usage()));
    }

    @Test
    void aClientThatGoesAwayCancelsTheCallAndTheEstimatedCostIsRecorded() {
        String question = "tell me everything";
        f.emulator.settings(EmulatorSettings.builder().answerTokens(100).tokensPerSecond(200).build());
        f.build();

        RecordingListener listener = f.ask("alice", null, question, true, new RecordingListener(2));

        assertThat(listener.deltas()).hasSize(2);
        assertThat(listener.outcomes()).isOne();
        assertThat(listener.failure().code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        LedgerEntry row = f.row(listener.failure().requestId());
        assertThat(row.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(row.errorKind()).isEqualTo("cancelled");
        assertThat(row.clientDisconnected()).isTrue();
        Usage expected = new Usage(estimatedInput(question), 0, 0, 0,
                f.counter.count(String.join("", listener.deltas())), 0, true);
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
        LedgerEntry row = f.row(listener.failure().requestId());
        assertThat(row.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(row.clientDisconnected()).isTrue();
        assertThat(row.costPicos()).isZero();
    }

    @Test
    void aBrokenLedgerEndsInOneInternalErrorAndTheHoldCountsAsSpent() {
        f.pipeline = f.builder()
                .ledger(entry -> {
                    throw new IllegalStateException("disk full");
                })
                .build();

        RecordingListener listener = f.ask("alice", null, "hello", true);

        assertThat(listener.outcomes()).isOne();
        assertThat(listener.failure().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(listener.failure().detail()).doesNotContain("disk full"); // nothing internal reaches the student
        assertThat(f.held()).isZero();
        // The reservation was settled at the exact cost before the ledger failed.
        assertThat(f.spent()).isEqualTo(price(f.emulatorUsage(0))).isPositive();
    }

    @Test
    void aFailureBeforeTheCallReleasesTheWholeHold() {
        f.pipeline = f.builder()
                .dispatcher(parts -> request -> {
                    throw new IllegalStateException("a dispatcher bug before any call");
                })
                .build();

        RecordingListener listener = f.ask("alice", null, "hello", true);

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
        f.pipeline = f.builder().providers(Map.of("acme", buggy)).build();

        RecordingListener listener = f.ask("alice", null, "hello", true);

        assertThat(listener.outcomes()).isOne();
        assertThat(listener.failure().code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        LedgerEntry row = f.row(listener.failure().requestId());
        assertThat(row.errorKind()).isEqualTo("stream_broken");
        assertThat(row.usage().estimated()).isTrue();
        assertThat(row.costPicos()).isPositive();
    }

    @Test
    void aListenerThatThrowsOnDoneGetsNoSecondOutcome() {
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
        f.emulator.script(Fault.of(FaultKind.OVERLOADED));
        f.build();
        f.ask("alice", null, "hello", true);
        String conversation = f.allRows().getFirst().conversationId();
        var store = f.conversations();
        assertThat(store.open(conversation, "alice").studentId()).isEqualTo("alice");
        assertThat(store.history(conversation)).isEmpty();
    }
}
