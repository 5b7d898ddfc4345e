package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.budget.BudgetScope;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests refused before any model call: bad input, the rate limit, the budget — and degradation. */
class PipelineRefusalTest {
    @TempDir
    Path dir;
    PipelineFixture f;

    @BeforeEach
    void setUp() {
        f = new PipelineFixture(dir);
        f.acme.always(ScriptedProvider.Script.answer(Usage.of(100, 10), "An answer."));
    }

    private void assertRefusedUntouched(RecordingListener listener, ErrorCode code) {
        assertThat(listener.events).hasSize(1);
        assertThat(listener.failure().code()).isEqualTo(code);
        assertThat(f.acme.calls).isEmpty();
        assertThat(f.ledger.rows).isEmpty();
        assertThat(f.requestsByStudent).isEmpty(); // bad input does not use up the student's rate limit
    }

    @Test
    void anEmptyMessageIsRefused() {
        f.build();
        assertRefusedUntouched(f.ask("alice", null, "", true), ErrorCode.MESSAGE_EMPTY);
        f.ledger.rows.clear();
        assertRefusedUntouched(f.ask("alice", null, " \n\t ", false), ErrorCode.MESSAGE_EMPTY);
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndOneAtTheLimitIsNot() {
        f.build();
        assertRefusedUntouched(f.ask("alice", null, "x".repeat(201), false), ErrorCode.MESSAGE_TOO_LONG);
        // Characters, not UTF-16 units: 200 emoji are 200 characters.
        assertThat(f.ask("alice", null, "😀".repeat(200), false).done().answer()).isEqualTo("An answer.");
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
        f.ledger.rows.clear();
        f.requestsByStudent.clear();
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
        f.requestsPerStudent = 2;
        f.build();
        f.ask("alice", null, "one", false);
        f.ask("alice", null, "two", false);
        RecordingListener third = f.ask("alice", null, "three", true);
        RecordingListener bobs = f.ask("bob", null, "mine", false);

        assertThat(third.events).hasSize(1);
        ChatFailure failure = third.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(failure.retryAfterSeconds()).isEqualTo(42);
        assertThat(f.acme.calls).hasSize(3);
        assertThat(bobs.done().answer()).isEqualTo("An answer.");

        LedgerEntry row = f.ledger.of(failure.requestId()).getFirst();
        assertThat(f.ledger.of(failure.requestId())).hasSize(1);
        assertThat(row.attempt()).isZero();
        assertThat(row.isFinal()).isTrue();
        assertThat(row.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(row.errorKind()).isEqualTo("rate_limited");
        assertThat(row.studentId()).isEqualTo("alice");
        assertThat(row.model()).isNull();
        assertThat(row.costPicos()).isZero();
        assertThat(row.conversationId()).isNull(); // a new conversation that never started is not referenced
    }

    /** The worst case the budget reserves for a fresh conversation's question on {@code model}. */
    private long worstCase(String model, String question) {
        long estimate = f.prefix.tokens() + f.counter.count(question) + 4;
        long input = (long) Math.ceil(estimate * 1.10);
        return new RatePricing(f.config).worstCasePicos(model, input, 100, Instant.now());
    }

    @Test
    void theWorstCaseIsHeldDuringTheCallAndSettledAtTheExactCost() {
        String question = "please debug this";
        AtomicLong heldDuringCall = new AtomicLong();
        f.acme.duringCall = () -> heldDuringCall.set(f.budget.held());
        f.build();

        AnswerDone done = f.ask("alice", null, question, true).done();

        assertThat(done.model()).isEqualTo("big-model");
        assertThat(heldDuringCall.get()).isEqualTo(worstCase("big-model", question));
        assertThat(f.budget.held()).isZero();
        assertThat(f.budget.spent()).isEqualTo(done.costPicos()).isLessThan(heldDuringCall.get());
    }

    @Test
    void overBudgetForTheRoutedModelACheaperOneAnswers() {
        String question = "please debug this";
        f.budget = new TestBudgetGuard(worstCase("big-model", question) - 1, BudgetScope.APP_DAILY);
        f.build();

        RecordingListener listener = f.ask("alice", null, question, true);

        assertThat(listener.meta().model()).isEqualTo("small-model");
        assertThat(listener.meta().fallbackReason()).isEqualTo("budget");
        assertThat(listener.done().model()).isEqualTo("small-model");
        LedgerEntry row = f.ledger.of(listener.done().requestId()).getFirst();
        assertThat(row.model()).isEqualTo("small-model");
        assertThat(row.fallbackReason()).isEqualTo("budget");
        assertThat(row.complexity()).isEqualTo("complex");
        assertThat(f.acme.calls).extracting(c -> c.call().model()).containsExactly("small-model");
    }

    @Test
    void overBudgetForEveryModelTheOfflineAnswerIsGiven() {
        String question = "please debug my venv";
        f.budget = new TestBudgetGuard(worstCase("small-model", question) - 1, BudgetScope.APP_DAILY);
        f.build();

        RecordingListener listener = f.ask("alice", null, question, true);

        assertThat(listener.meta().model()).isEqualTo("offline");
        assertThat(listener.meta().fallbackReason()).isEqualTo("budget");
        assertThat(listener.done().answer()).isEqualTo(PipelineFixture.OFFLINE_TEXT);
        assertThat(listener.done().costPicos()).isZero();
        assertThat(f.acme.calls).isEmpty();
        assertThat(f.budget.spent()).isZero();
        assertThat(f.ledger.of(listener.done().requestId())).singleElement()
                .satisfies(row -> {
                    assertThat(row.outcome()).isEqualTo(Outcome.OK);
                    assertThat(row.fallbackReason()).isEqualTo("budget");
                    assertThat(row.retrievalHit()).isTrue();
                });
    }

    @Test
    void overBudgetWithoutDegradationTheRequestIsRefusedUntilTheNextPeriod() {
        f.config(PipelineFixture.BASE_YAML + "budget: { dailyUsd: 20, degrade: [cheaper-model, refuse] }\n");
        f.budget = new TestBudgetGuard(1, BudgetScope.APP_DAILY);
        f.build();

        RecordingListener listener = f.ask("alice", null, "please debug this", true);

        assertThat(listener.events).hasSize(1);
        ChatFailure failure = listener.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
        assertThat(failure.retryAfterSeconds()).isEqualTo(90 * 60 + 1); // 90 min and 1 ms, rounded up
        assertThat(f.acme.calls).isEmpty();
        LedgerEntry row = f.ledger.of(failure.requestId()).getFirst();
        assertThat(row.attempt()).isZero();
        assertThat(row.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(row.errorKind()).isEqualTo("budget_exceeded");
        assertThat(row.complexity()).isEqualTo("complex");
        assertThat(f.budget.held()).isZero();
    }

    @Test
    void overTheStudentsOwnCapTheRefusalSaysSo() {
        f.config(PipelineFixture.BASE_YAML + "budget: { dailyUsd: 20, degrade: [refuse] }\n");
        f.budget = new TestBudgetGuard(1, BudgetScope.STUDENT_DAILY);
        f.build();

        ChatFailure failure = f.ask("alice", null, "hello", false).failure();

        assertThat(failure.code()).isEqualTo(ErrorCode.STUDENT_BUDGET_EXCEEDED);
        assertThat(f.ledger.of(failure.requestId()).getFirst().errorKind()).isEqualTo("student_cap");
    }

    @Test
    void manyConcurrentRequestsNeverSpendMoreThanTheBudget() throws Exception {
        String question = "what is this";
        long limit = worstCase("small-model", question) * 7 / 2; // three and a half worst cases
        f.config(PipelineFixture.BASE_YAML + "budget: { dailyUsd: 20, degrade: [refuse] }\n");
        f.budget = new TestBudgetGuard(limit, BudgetScope.APP_DAILY);
        // Each answer costs far less than its worst case, so settling frees room for more.
        f.acme.always(ScriptedProvider.Script.answer(Usage.of(f.prefix.tokens(), 100), "x ".repeat(100)));
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
        assertThat(f.ledger.totalCost()).isLessThanOrEqualTo(limit).isEqualTo(f.budget.spent());
        assertThat(f.ledger.rows).hasSize(40);
        assertThat(f.budget.held()).isZero();
    }
}
