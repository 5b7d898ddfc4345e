package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.budget.BudgetScope;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests refused before any model call: bad input, the rate limit, the budget — and degradation. */
class PipelineRefusalTest {
    @RegisterExtension
    final PipelineFixture f = new PipelineFixture();

    private void assertRefusedUntouched(RecordingListener listener, ErrorCode code) {
        assertThat(listener.events).hasSize(1);
        assertThat(listener.failure().code()).isEqualTo(code);
        assertThat(f.acme.calls).isEmpty();
        assertThat(f.rows(listener.failure().requestId())).isEmpty();
    }

    @Test
    void anEmptyMessageIsRefused() {
        f.build();
        assertRefusedUntouched(f.ask("alice", null, "", true), ErrorCode.MESSAGE_EMPTY);
        assertRefusedUntouched(f.ask("alice", null, " \n\t ", false), ErrorCode.MESSAGE_EMPTY);
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndOneAtTheLimitIsNot() {
        f.build();
        assertRefusedUntouched(f.ask("alice", null, "x".repeat(201), false), ErrorCode.MESSAGE_TOO_LONG);
        // Characters, not UTF-16 units: 200 emoji are 200 characters.
        assertThat(f.ask("alice", null, "😀".repeat(200), false).done().answer()).isNotBlank();
    }

    @Test
    void anUnknownConversationIsNotFound() {
        f.build();
        assertRefusedUntouched(f.ask("alice", "no-such-conversation", "hello", false), ErrorCode.CONVERSATION_NOT_FOUND);
    }

    @Test
    void anotherStudentsConversationIsForbidden() {
        f.build();
        String alices = f.ask("alice", null, "hello", false).done().conversationId();
        f.acme.calls.clear();
        assertRefusedUntouched(f.ask("bob", alices, "let me in", false), ErrorCode.CONVERSATION_FORBIDDEN);
    }

    @Test
    void anUnknownRequestedModelIsInvalid() {
        f.build();
        RecordingListener listener = new RecordingListener();
        f.pipeline.service().answer(new ChatCommand("r1", "alice", null, "hi", Locale.ENGLISH, false, "gpt-9"), listener);
        assertRefusedUntouched(listener, ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aRequestedModelIsUsedAndAutoRoutes() {
        f.build();
        RecordingListener chosen = new RecordingListener();
        f.pipeline.service().answer(new ChatCommand("r1", "alice", null, "hi", Locale.ENGLISH, false, "big-model"), chosen);
        RecordingListener auto = new RecordingListener();
        f.pipeline.service().answer(new ChatCommand("r2", "alice", null, "hi", Locale.ENGLISH, false, "auto"), auto);
        assertThat(chosen.done().model()).isEqualTo("big-model");
        assertThat(auto.done().model()).isEqualTo("small-model");
    }

    @Test
    void overTheRateLimitTheRequestIsRefusedAndLedgeredWithoutAProviderCall() {
        f.config(PipelineFixture.BASE_YAML + "limits: { studentRequestsPerMinute: 2 }\n");
        f.build();
        f.ask("alice", null, "one", false);
        f.ask("alice", null, "two", false);
        RecordingListener third = f.ask("alice", null, "three", true);
        RecordingListener bobs = f.ask("bob", null, "mine", false);

        assertThat(third.events).hasSize(1);
        ChatFailure failure = third.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(failure.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(f.acme.calls).hasSize(3);
        assertThat(bobs.done().answer()).isNotBlank();

        LedgerEntry row = f.row(failure.requestId());
        assertThat(row.attempt()).isZero();
        assertThat(row.isFinal()).isTrue();
        assertThat(row.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(row.errorKind()).isEqualTo("rate_limited");
        assertThat(row.studentId()).isEqualTo("alice");
        assertThat(row.model()).isNull();
        assertThat(row.costPicos()).isZero();
        assertThat(row.conversationId()).isNull(); // a new conversation that never started is not referenced
    }

    @Test
    void badInputDoesNotUseUpTheRateLimit() {
        f.config(PipelineFixture.BASE_YAML + "limits: { studentRequestsPerMinute: 1 }\n");
        f.build();
        assertThat(f.ask("alice", null, "", false).failure().code()).isEqualTo(ErrorCode.MESSAGE_EMPTY);
        assertThat(f.ask("alice", null, "x".repeat(500), false).failure().code()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
        assertThat(f.ask("alice", "nope", "hi", false).failure().code()).isEqualTo(ErrorCode.CONVERSATION_NOT_FOUND);
        assertThat(f.ask("alice", null, "hi", false).done().answer()).isNotBlank();
        assertThat(f.ask("alice", null, "hi", false).failure().code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    @Test
    void theWorstCaseIsHeldDuringTheCallAndSettledAtTheExactCost() {
        String question = PipelineFixture.COMPLEX_QUESTION;
        AtomicLong heldDuringCall = new AtomicLong();
        f.build();
        f.acme.duringCall = () -> heldDuringCall.set(f.held());

        AnswerDone done = f.ask("alice", null, question, true).done();

        assertThat(done.model()).isEqualTo("big-model");
        assertThat(heldDuringCall.get()).isEqualTo(f.worstCase("big-model", question));
        assertThat(f.held()).isZero();
        assertThat(f.spent()).isEqualTo(done.costPicos()).isLessThan(heldDuringCall.get());
    }

    @Test
    void overBudgetForTheRoutedModelACheaperOneAnswers() {
        String question = PipelineFixture.COMPLEX_QUESTION;
        f.budgetLimits = PipelineFixture.limits(BudgetScope.APP_DAILY, f.worstCase("big-model", question) - 1);
        f.build();

        RecordingListener listener = f.ask("alice", null, question, true);

        assertThat(listener.meta().model()).isEqualTo("small-model");
        assertThat(listener.meta().fallbackReason()).isEqualTo("budget");
        assertThat(listener.done().model()).isEqualTo("small-model");
        LedgerEntry row = f.rows(listener.done().requestId()).getFirst();
        assertThat(row.model()).isEqualTo("small-model");
        assertThat(row.fallbackReason()).isEqualTo("budget");
        assertThat(row.complexity()).isEqualTo("complex");
        assertThat(f.acme.calls).extracting(c -> c.call().model()).containsExactly("small-model");
    }

    @Test
    void overBudgetForEveryModelTheOfflineAnswerIsGiven() {
        String question = "How do I create a virtual environment with venv?";
        f.budgetLimits = PipelineFixture.limits(BudgetScope.APP_DAILY, f.worstCase("small-model", question) - 1);
        f.build();

        RecordingListener listener = f.ask("alice", null, question, true);

        assertThat(listener.meta().model()).isEqualTo("offline");
        assertThat(listener.meta().fallbackReason()).isEqualTo("budget");
        assertThat(listener.done().answer()).isEqualTo(String.join("", listener.deltas())).isNotBlank();
        assertThat(listener.done().costPicos()).isZero();
        assertThat(f.acme.calls).isEmpty();
        assertThat(f.spent()).isZero();
        assertThat(f.rows(listener.done().requestId())).singleElement()
                .satisfies(row -> {
                    assertThat(row.outcome()).isEqualTo(Outcome.OK);
                    assertThat(row.fallbackReason()).isEqualTo("budget");
                    assertThat(row.retrievalHit()).isTrue();
                });
    }

    @Test
    void overBudgetWithoutDegradationTheRequestIsRefusedUntilTheNextPeriod() {
        f.config(PipelineFixture.BASE_YAML + "budget: { dailyUsd: 20, degrade: [cheaper-model, refuse] }\n");
        f.budgetLimits = PipelineFixture.limits(BudgetScope.APP_DAILY, 1);
        f.build();

        RecordingListener listener = f.ask("alice", null, PipelineFixture.COMPLEX_QUESTION, true);

        assertThat(listener.events).hasSize(1);
        ChatFailure failure = listener.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
        assertThat(failure.retryAfterSeconds()).isEqualTo(90 * 60); // 22:30 UTC → the next day's budget
        assertThat(f.acme.calls).isEmpty();
        LedgerEntry row = f.row(failure.requestId());
        assertThat(row.attempt()).isZero();
        assertThat(row.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(row.errorKind()).isEqualTo("budget_exceeded");
        assertThat(row.complexity()).isEqualTo("complex");
        assertThat(f.held()).isZero();
    }

    @Test
    void overTheStudentsOwnCapTheRefusalSaysSo() {
        f.config(PipelineFixture.BASE_YAML + "budget: { dailyUsd: 20, degrade: [refuse] }\n");
        f.budgetLimits = PipelineFixture.limits(BudgetScope.STUDENT_DAILY, 1);
        f.build();

        ChatFailure failure = f.ask("alice", null, "hello", false).failure();

        assertThat(failure.code()).isEqualTo(ErrorCode.STUDENT_BUDGET_EXCEEDED);
        assertThat(f.row(failure.requestId()).errorKind()).isEqualTo("student_cap");
    }

    @Test
    void manyConcurrentRequestsNeverSpendMoreThanTheBudget() throws Exception {
        String question = "what is this";
        long limit = f.worstCase("small-model", question) * 7 / 2; // three and a half worst cases
        f.config(PipelineFixture.BASE_YAML + "budget: { dailyUsd: 20, degrade: [refuse] }\n"
                + "limits: { studentRequestsPerMinute: 1000 }\n");
        f.budgetLimits = PipelineFixture.limits(BudgetScope.APP_DAILY, limit);
        // With most of the prompt cached, each answer costs far less than its worst case, so settling frees room.
        f.emulator.settings(EmulatorSettings.builder().cachedFraction(0.9).build());
        f.build();

        List<RecordingListener> listeners = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RecordingListener>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String student = i % 2 == 0 ? "alice" : "bob";
                futures.add(pool.submit(() -> f.ask(student, null, question, true)));
            }
            for (Future<RecordingListener> future : futures) {
                listeners.add(future.get());
            }
        }

        assertThat(listeners).allSatisfy(l -> assertThat(l.outcomes()).isOne());
        long answered = listeners.stream().filter(l -> l.events.getLast() instanceof AnswerDone).count();
        long refused = listeners.stream().filter(l -> l.events.getLast() instanceof ChatFailure c
                && c.code() == ErrorCode.BUDGET_EXCEEDED).count();
        assertThat(answered + refused).isEqualTo(40);
        assertThat(answered).isGreaterThanOrEqualTo(3);
        assertThat(refused).isPositive();
        assertThat(f.totalCost()).isLessThanOrEqualTo(limit).isEqualTo(f.spent());
        assertThat(f.allRows()).hasSize(40);
        assertThat(f.held()).isZero();
    }
}
