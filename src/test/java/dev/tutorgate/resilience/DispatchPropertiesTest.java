package dev.tutorgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.gateway.RecordingListener;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.provider.emulator.CallRecord;
import dev.tutorgate.provider.emulator.Fault;
import dev.tutorgate.provider.emulator.FaultKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Whatever the upstream does — any sequence of the emulator's faults, streamed or not, keys
 * cooling, circuits opening, the budget running out — the dispatcher keeps its promises: at most
 * {@code retry.maxAttempts} calls per model, exactly one outcome for the student, exactly one
 * ledger row per call the emulator saw (same order, same model, same key), one final row, and
 * the day's spending never above the budget.
 */
class DispatchPropertiesTest {
    private static final int MAX_ATTEMPTS = 3;
    private static final BigDecimal DAILY_USD = new BigDecimal("0.008");
    private static final Map<String, String> ALIAS_OF_KEY = Map.of("gem-key-1", "gem#1", "gem-key-2", "gem#2",
            "oa-key-1", "oa#1", "ant-key-1", "ant#1");

    private Path dir;
    private ResilienceFixture f;

    @BeforeProperty
    void start() throws IOException {
        dir = Files.createTempDirectory("resilience-properties");
        f = new ResilienceFixture(dir)
                .with("providers", """
                        providers:
                          - { name: gem, type: gemini, baseUrl: "{url}", apiKeys: [gem-key-1, gem-key-2] }
                          - { name: oa, type: openai, baseUrl: "{url}", apiKeys: [oa-key-1] }
                          - { name: ant, type: anthropic, baseUrl: "{url}", apiKeys: [ant-key-1] }
                        """)
                .with("routing", """
                        routing: { simple: gemini-2.5-flash, medium: gemini-2.5-flash, complex: gemini-2.5-flash,
                                   fallbacks: [gpt-4.1-mini, claude-haiku-4-5, offline] }
                        """)
                .with("timeouts", "timeouts: { connectMs: 2000, firstTokenMs: 150, idleMs: 1000, totalMs: 5000 }\n")
                .with("budget", "budget: { dailyUsd: " + DAILY_USD + " }\n")
                .start();
    }

    @AfterProperty
    void stop() {
        f.close();
    }

    @Provide
    Arbitrary<List<Fault>> upstream() {
        Arbitrary<Fault> fault = Arbitraries.oneOf(
                Arbitraries.of(FaultKind.OK, FaultKind.OVERLOADED, FaultKind.UNAVAILABLE, FaultKind.SERVER_ERROR,
                        FaultKind.GATEWAY_TIMEOUT, FaultKind.DAILY_QUOTA, FaultKind.INVALID_KEY,
                        FaultKind.CONTEXT_TOO_LONG).map(Fault::of),
                Arbitraries.integers().between(0, 40).map(s -> Fault.rateLimit(Duration.ofSeconds(s))),
                Arbitraries.integers().between(0, 6).map(Fault::cutAfter),
                Arbitraries.integers().between(0, 6).map(Fault::errorEventAfter),
                Arbitraries.just(Fault.hangAfterHeaders().hangFor(Duration.ofSeconds(1))),
                Arbitraries.just(Fault.hangBeforeHeaders().hangFor(Duration.ofSeconds(1))));
        return fault.list().ofMaxSize(9);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void everyCallIsAccountedForOnceAndTheStudentGetsOneOutcome(@ForAll("upstream") List<Fault> faults,
                                                               @ForAll boolean streamed) {
        f.emulator.clearScript();
        f.forget();
        f.emulator.script(faults);

        ResilienceFixture.Asked asked = f.ask(null, ResilienceFixture.QUESTION, streamed, new RecordingListener());

        RecordingListener student = asked.listener();
        assertThat(student.outcomes()).as("one outcome").isEqualTo(1);
        assertThat(student.metas().size()).as("one model's answer, never spliced").isLessThanOrEqualTo(1);

        List<CallRecord> calls = f.modelCalls();
        List<LedgerEntry> rows = f.entries(asked.requestId());
        if (rows.size() == 1 && rows.getFirst().outcome() == Outcome.REJECTED) {
            assertThat(calls).as("a refused request calls nobody").isEmpty();
        } else {
            List<LedgerEntry> modelRows = rows.stream().filter(r -> !"offline".equals(r.model())).toList();
            assertThat(modelRows.stream().map(r -> r.model() + "@" + r.keyAlias()).toList())
                    .as("one row per call the emulator saw, in order")
                    .isEqualTo(calls.stream().map(c -> ResilienceFixture.modelOf(c) + "@" + ALIAS_OF_KEY.get(c.key()))
                            .toList());
            assertThat(rows).extracting(LedgerEntry::attempt)
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, rows.size()).boxed().toList());
            assertThat(rows.stream().filter(LedgerEntry::isFinal).count()).isEqualTo(1);
            assertThat(rows.getLast().isFinal()).isTrue();
            assertThat(rows.stream().filter(r -> "offline".equals(r.model())).count()).isLessThanOrEqualTo(1);
        }
        Map<String, Long> perModel = calls.stream()
                .collect(Collectors.groupingBy(ResilienceFixture::modelOf, Collectors.counting()));
        assertThat(perModel.values()).allMatch(n -> n <= MAX_ATTEMPTS);

        LedgerEntry last = rows.getLast();
        if (student.events.getLast() instanceof AnswerDone done) {
            assertThat(last.outcome()).isEqualTo(Outcome.OK);
            assertThat(done.model()).isEqualTo(last.model());
            assertThat(done.costPicos()).isEqualTo(rows.stream().mapToLong(LedgerEntry::costPicos).sum());
        } else {
            assertThat(last.outcome()).isNotEqualTo(Outcome.OK);
        }

        long spentToday = f.ledger.spentPicos(Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(spentToday).as("the day's budget").isLessThanOrEqualTo(DAILY_USD.movePointRight(12).longValueExact());

        // The next try starts from healthy keys: refused, out-of-quota and cooling keys back, circuits closed.
        ALIAS_OF_KEY.values().forEach(f.resilience::enableKey);
    }
}
