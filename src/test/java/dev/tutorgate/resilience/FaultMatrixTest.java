package dev.tutorgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tutorgate.alerts.Alert;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.gateway.RecordingListener;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.limits.ProviderLimits;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.Ticker;
import dev.tutorgate.provider.emulator.CallRecord;
import dev.tutorgate.provider.emulator.Fault;
import dev.tutorgate.provider.emulator.FaultKind;
import dev.tutorgate.provider.emulator.Protocol;
import dev.tutorgate.tutor.ConversationTurn;
import dev.tutorgate.tutor.JdbcConversationStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The fault matrix: every scenario drives the real pipeline against the emulator over real HTTP
 * and checks (1) the calls the emulator saw — count, order, keys, and the spacing between them, which
 * on the shared test clock is exactly the waits the dispatcher slept; (2) what the student
 * received; (3) the ledger rows, one per call.
 */
class FaultMatrixTest {
    private static final String OTHER_KEY_PROVIDERS = """
            providers:
              - { name: gem, type: gemini, baseUrl: "{url}", apiKeys: [gem-key-1, gem-key-2] }
              - { name: oa, type: openai, baseUrl: "{url}", apiKeys: [oa-key-1] }
              - { name: ant, type: anthropic, baseUrl: "{url}", apiKeys: [ant-key-1] }
            """;

    @TempDir
    Path dir;
    private ResilienceFixture f;

    private ResilienceFixture fixture() {
        f = new ResilienceFixture(dir);
        return f;
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private static String routedTo(String model, String... fallbacks) {
        return "routing: { simple: %s, medium: %s, complex: %s, fallbacks: [%s] }\n"
                .formatted(model, model, model, String.join(", ", fallbacks));
    }

    private static List<Duration> seconds(double... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> Duration.ofMillis(Math.round(v * 1000))).toList();
    }

    @Test
    void serviceUnavailableThenSuccessIsRetriedAfterOneSecond() {
        fixture().start();
        f.emulator.script(Fault.of(FaultKind.OVERLOADED).on(Protocol.GEMINI));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 overloaded", "gemini-2.5-flash@gem-key-1 ok");
        assertThat(f.waits()).isEqualTo(seconds(1));
        assertThat(f.spacing()).isEqualTo(f.waits());
        assertThat(asked.listener().outcome()).isEqualTo("answered by gemini-2.5-flash");
        assertThat(asked.listener().meta().fallbackReason()).isNull();
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/unavailable",
                "2:gemini-2.5-flash@gem#1 ok final");
        assertThat(f.health("gemini-2.5-flash").health()).isEqualTo(Health.OK);
    }

    @Test
    void aRateLimitWithAThreeSecondHintWaitsThreeSeconds() {
        fixture().with("routing", routedTo("gpt-4.1-mini", "offline")).start();
        f.emulator.script(Fault.rateLimit(Duration.ofSeconds(3)).on(Protocol.OPENAI));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("gpt-4.1-mini@oa-key-1 rate-limit", "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.waits()).hasSize(1);
        assertThat(f.waits().getFirst()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(f.spacing()).isEqualTo(f.waits());
        assertThat(asked.listener().outcome()).isEqualTo("answered by gpt-4.1-mini");
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gpt-4.1-mini@oa#1 error/rate_limited",
                "2:gpt-4.1-mini@oa#1 ok final");
    }

    @Test
    void geminiRetryInfoLongerThanTheBackoffIsHonoured() {
        fixture().start();
        f.emulator.script(Fault.rateLimit(Duration.ofSeconds(7)).on(Protocol.GEMINI));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 rate-limit", "gemini-2.5-flash@gem-key-1 ok");
        assertThat(f.waits()).isEqualTo(seconds(7));
        assertThat(f.spacing()).isEqualTo(seconds(7));
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/rate_limited",
                "2:gemini-2.5-flash@gem#1 ok final");
    }

    @Test
    void aRateLimitedKeyIsSkippedForTheOtherAtOnce() {
        fixture().with("providers", OTHER_KEY_PROVIDERS).start();
        f.emulator.script(Fault.rateLimit(Duration.ofSeconds(20)).onKey("gem-key-1"));

        ResilienceFixture.Asked first = f.ask();
        ResilienceFixture.Asked second = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 rate-limit",
                "gemini-2.5-flash@gem-key-2 ok", "gemini-2.5-flash@gem-key-2 ok");
        assertThat(f.waits()).isEmpty();
        assertThat(f.rows(first.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/rate_limited",
                "2:gemini-2.5-flash@gem#2 ok final");
        assertThat(f.rows(second.requestId())).containsExactly("1:gemini-2.5-flash@gem#2 ok final");
        KeyHealth resting = f.health("gemini-2.5-flash").keys().getFirst();
        assertThat(resting.availability()).isEqualTo("cooling");
        assertThat(resting.coolingUntil()).isEqualTo(f.modelCalls().getFirst().timeMs() == 0 ? null
                : Instant.ofEpochMilli(f.modelCalls().getFirst().timeMs()).plusSeconds(20));
    }

    @Test
    void an529StormFallsBackAfterThreeAttemptsAndLogsEachFailureOnce() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(AttemptLog.class);
        log.start();
        logger.addAppender(log);
        try {
            fixture().with("routing", routedTo("claude-haiku-4-5", "gpt-4.1-mini", "offline")).start();
            f.emulator.script(Fault.of(FaultKind.OVERLOADED).on(Protocol.ANTHROPIC).forever());

            ResilienceFixture.Asked asked = f.ask();

            assertThat(f.calls()).containsExactly("claude-haiku-4-5@ant-key-1 overloaded",
                    "claude-haiku-4-5@ant-key-1 overloaded", "claude-haiku-4-5@ant-key-1 overloaded",
                    "gpt-4.1-mini@oa-key-1 ok");
            assertThat(f.waits()).isEqualTo(seconds(1, 2));
            assertThat(f.spacing()).isEqualTo(seconds(1, 2, 0));
            assertThat(asked.listener().outcome()).isEqualTo("answered by gpt-4.1-mini");
            assertThat(asked.listener().metas()).hasSize(1);
            assertThat(asked.listener().meta().model()).isEqualTo("gpt-4.1-mini");
            assertThat(asked.listener().meta().fallbackReason()).isEqualTo("unavailable");
            assertThat(f.rows(asked.requestId())).containsExactly(
                    "1:claude-haiku-4-5@ant#1 error/unavailable",
                    "2:claude-haiku-4-5@ant#1 error/unavailable",
                    "3:claude-haiku-4-5@ant#1 error/unavailable",
                    "4:gpt-4.1-mini@oa#1 ok fallback=unavailable final");

            List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).contains("request=" + asked.requestId(), "attempt=1", "model=claude-haiku-4-5",
                    "provider=ant", "key=ant#1", "error=unavailable", "then=retry wait=1.0s").doesNotContain("ant-key-1");
            assertThat(lines.get(1)).contains("attempt=2", "then=retry wait=2.0s");
            assertThat(lines.get(2)).contains("attempt=3", "then=fall back (unavailable)");
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aDailyQuotaIsNotRetriedOnItsKeyAndTheOtherKeyAnswers() {
        fixture().with("providers", OTHER_KEY_PROVIDERS).start();
        f.emulator.script(Fault.of(FaultKind.DAILY_QUOTA).onKey("gem-key-1"));

        ResilienceFixture.Asked first = f.ask();
        ResilienceFixture.Asked second = f.ask();
        ResilienceFixture.Asked third = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 daily-quota",
                "gemini-2.5-flash@gem-key-2 ok", "gemini-2.5-flash@gem-key-2 ok", "gemini-2.5-flash@gem-key-2 ok");
        assertThat(f.waits()).isEmpty();
        assertThat(f.rows(first.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/quota_exhausted",
                "2:gemini-2.5-flash@gem#2 ok final");
        assertThat(f.rows(second.requestId())).containsExactly("1:gemini-2.5-flash@gem#2 ok final");
        assertThat(f.rows(third.requestId())).containsExactly("1:gemini-2.5-flash@gem#2 ok final");
        KeyHealth out = f.health("gemini-2.5-flash").keys().getFirst();
        assertThat(out.health()).isEqualTo(Health.DOWN);
        assertThat(out.quotaUntil()).as("midnight Pacific").isEqualTo(Instant.parse("2026-03-11T07:00:00Z"));
        assertThat(f.health("gemini-2.5-flash").health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void aDailyQuotaOnTheOnlyKeyFallsBackAtOnce() {
        fixture().start();
        f.emulator.script(Fault.of(FaultKind.DAILY_QUOTA).on(Protocol.GEMINI));

        ResilienceFixture.Asked asked = f.ask();
        ResilienceFixture.Asked later = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 daily-quota", "gpt-4.1-mini@oa-key-1 ok",
                "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.waits()).isEmpty();
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/quota_exhausted",
                "2:gpt-4.1-mini@oa#1 ok fallback=quota_exhausted final");
        assertThat(f.rows(later.requestId())).containsExactly("1:gpt-4.1-mini@oa#1 ok fallback=quota_exhausted final");
        assertThat(f.health("gemini-2.5-flash").health()).isEqualTo(Health.DOWN);
    }

    @Test
    void anInvalidKeyOfTwoIsTakenOutWithOneAlertAndTheOtherAnswers() {
        fixture().with("providers", OTHER_KEY_PROVIDERS).start();
        f.emulator.settings(f.emulator.settings().toBuilder().invalidKeys(java.util.Set.of("gem-key-1")).build());

        ResilienceFixture.Asked first = f.ask();
        List<ResilienceFixture.Asked> later = List.of(f.ask(), f.ask(), f.ask());

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 invalid-key",
                "gemini-2.5-flash@gem-key-2 ok", "gemini-2.5-flash@gem-key-2 ok", "gemini-2.5-flash@gem-key-2 ok",
                "gemini-2.5-flash@gem-key-2 ok");
        assertThat(f.waits()).isEmpty();
        assertThat(f.rows(first.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/invalid_key",
                "2:gemini-2.5-flash@gem#2 ok final");
        later.forEach(a -> assertThat(f.rows(a.requestId())).containsExactly("1:gemini-2.5-flash@gem#2 ok final"));
        assertThat(f.alerts).hasSize(1);
        Alert alert = f.alerts.getFirst();
        assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(alert.title() + alert.text() + alert.facts()).contains("gem#1").doesNotContain("gem-key-1");
        KeyHealth out = f.health("gemini-2.5-flash").keys().getFirst();
        assertThat(out.inRotation()).isFalse();
        assertThat(out.lastError()).isEqualTo("invalid_key");
        assertThat(f.health("gemini-2.5-flash").health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void whenEveryKeyIsInvalidTheModelIsDownAndTheNextModelAnswers() {
        fixture().with("providers", OTHER_KEY_PROVIDERS).start();
        f.emulator.settings(f.emulator.settings().toBuilder().invalidKeys(java.util.Set.of("gem-key-1", "gem-key-2")).build());

        ResilienceFixture.Asked first = f.ask();
        ResilienceFixture.Asked second = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 invalid-key",
                "gemini-2.5-flash@gem-key-2 invalid-key", "gpt-4.1-mini@oa-key-1 ok", "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.rows(first.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/invalid_key",
                "2:gemini-2.5-flash@gem#2 error/invalid_key",
                "3:gpt-4.1-mini@oa#1 ok fallback=invalid_key final");
        assertThat(f.rows(second.requestId())).containsExactly("1:gpt-4.1-mini@oa#1 ok fallback=invalid_key final");
        assertThat(second.listener().meta().fallbackReason()).isEqualTo("invalid_key");
        assertThat(f.alerts).extracting(Alert::severity)
                .containsExactly(Alert.Severity.WARNING, Alert.Severity.CRITICAL);
        assertThat(f.health("gemini-2.5-flash").health()).isEqualTo(Health.DOWN);
        assertThat(f.health("gemini-2.5-flash").keys()).allMatch(k -> !k.inRotation());
    }

    @Test
    void aHangBeforeTheFirstTokenTimesOutIsRetriedThenFallsBack() {
        fixture().with("timeouts", "timeouts: { connectMs: 2000, firstTokenMs: 300, idleMs: 3000, totalMs: 15000 }\n")
                .start();
        f.emulator.script(Fault.hangAfterHeaders().hangFor(Duration.ofSeconds(10)).on(Protocol.GEMINI).times(3));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 hang-after-headers",
                "gemini-2.5-flash@gem-key-1 hang-after-headers", "gemini-2.5-flash@gem-key-1 hang-after-headers",
                "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.waits()).isEqualTo(seconds(1, 2));
        assertThat(f.spacing()).isEqualTo(seconds(1, 2, 0));
        assertThat(asked.listener().outcome()).isEqualTo("answered by gpt-4.1-mini");
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/first_token_timeout",
                "2:gemini-2.5-flash@gem#1 error/first_token_timeout",
                "3:gemini-2.5-flash@gem#1 error/first_token_timeout",
                "4:gpt-4.1-mini@oa#1 ok fallback=first_token_timeout final");
    }

    @Test
    void aStreamCutAfterFiveTokensEndsWithAnErrorAndItsPartialUsageIsLedgered() {
        fixture().start();
        f.emulator.script(Fault.cutAfter(5).on(Protocol.GEMINI));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 cut-stream");
        assertThat(f.waits()).isEmpty();
        RecordingListener student = asked.listener();
        assertThat(student.deltas()).hasSize(5);
        assertThat(student.metas()).extracting(m -> m.model()).containsExactly("gemini-2.5-flash");
        assertThat(student.failure().code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        assertThat(student.outcomes()).isEqualTo(1);
        assertThat(f.rows(asked.requestId())).containsExactly("1:gemini-2.5-flash@gem#1 error/stream_broken final");
        LedgerEntry row = f.entries(asked.requestId()).getFirst();
        CallRecord seen = f.modelCalls().getFirst();
        assertThat(row.usage().outputTokens()).isEqualTo(seen.usage().outputTokens()).isEqualTo(5);
        assertThat(row.usage().inputTokens()).isEqualTo(seen.usage().inputTokens());
        assertThat(row.costPicos()).isPositive();
    }

    @Test
    void anErrorEventBeforeAnyTextIsRetried() {
        fixture().start();
        f.emulator.script(Fault.errorEventAfter(0).on(Protocol.GEMINI));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 error-event", "gemini-2.5-flash@gem-key-1 ok");
        assertThat(f.waits()).isEqualTo(seconds(1));
        assertThat(asked.listener().outcome()).isEqualTo("answered by gemini-2.5-flash");
        assertThat(asked.listener().done().answer()).isEqualTo(asked.listener().text());
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/stream_broken",
                "2:gemini-2.5-flash@gem#1 ok final");
    }

    @Test
    void anErrorEventAfterTextInterruptsTheAnswerWithoutSplicing() {
        fixture().with("routing", routedTo("claude-haiku-4-5", "gpt-4.1-mini", "offline")).start();
        f.emulator.script(Fault.errorEventAfter(3).on(Protocol.ANTHROPIC));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("claude-haiku-4-5@ant-key-1 error-event");
        assertThat(asked.listener().deltas()).hasSize(3);
        assertThat(asked.listener().failure().code()).isEqualTo(ErrorCode.ANSWER_INTERRUPTED);
        assertThat(f.rows(asked.requestId())).containsExactly("1:claude-haiku-4-5@ant#1 error/stream_broken final");
        assertThat(f.entries(asked.requestId()).getFirst().usage().outputTokens()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPromptTheProviderFindsTooLongMovesToAModelWithALargerWindow() {
        fixture().with("routing", routedTo("claude-haiku-4-5", "gemini-2.5-flash", "gpt-4.1-mini", "offline"))
                .with("models", """
                        models:
                          - { name: gemini-2.5-flash, provider: gem, contextWindow: 200000 }
                          - { name: gpt-4.1-mini, provider: oa }
                          - { name: claude-haiku-4-5, provider: ant }
                        """).start();
        f.emulator.script(Fault.of(FaultKind.CONTEXT_TOO_LONG).on(Protocol.ANTHROPIC));

        ResilienceFixture.Asked asked = f.ask();

        // gemini-2.5-flash is configured with the same 200K window as claude-haiku-4-5: no use trying it.
        assertThat(f.calls()).containsExactly("claude-haiku-4-5@ant-key-1 context-too-long", "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.waits()).isEmpty();
        assertThat(asked.listener().meta().fallbackReason()).isEqualTo("context_too_long");
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:claude-haiku-4-5@ant#1 error/context_too_long",
                "2:gpt-4.1-mini@oa#1 ok fallback=context_too_long final");
    }

    @Test
    void historyThatNoLongerFitsIsSummarisedByTheCheapestModelBeforeTheCall() {
        long prefix = ResilienceFixture.prefixTokens(dir);
        // Room for the course, the question and about 240 tokens of history beside a 64-token output cap.
        long window = (long) Math.ceil((prefix + 20 + 240) * 1.1) + 64;
        fixture().with("models", """
                models:
                  - { name: gemini-2.5-flash, provider: gem, contextWindow: %d }
                  - { name: gpt-4.1-mini, provider: oa }
                  - { name: claude-haiku-4-5, provider: ant }
                """.formatted(window)).start();
        String conversation = storedConversation(6);

        ResilienceFixture.Asked asked = f.ask(conversation, ResilienceFixture.QUESTION, true, new RecordingListener());

        // gpt-4.1-mini is the cheapest configured model ($0.40 + $1.60 per million in and out).
        assertThat(f.modelCalls()).extracting(c -> c.model() + "@" + c.key() + " " + c.outcome() + " streamed=" + c.streamed())
                .containsExactly("gpt-4.1-mini@oa-key-1 ok streamed=false", "gemini-2.5-flash@gem-key-1 ok streamed=true");
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gpt-4.1-mini@oa#1 ok fallback=history_summary",
                "2:gemini-2.5-flash@gem#1 ok final");
        List<LedgerEntry> rows = f.entries(asked.requestId());
        assertThat(rows.getFirst().costPicos()).isPositive();
        assertThat(asked.listener().done().costPicos()).isEqualTo(rows.get(0).costPicos() + rows.get(1).costPicos());
        assertThat(asked.listener().meta().fallbackReason()).isNull();
        assertThat(asked.listener().metas()).hasSize(1);

        String[] stored = summaryOf(conversation);
        assertThat(stored[0]).isNotBlank();
        int covered = Integer.parseInt(stored[1]);
        assertThat(covered).isBetween(1, 6);
        // The summary went into the answer's prompt: the emulator reported more input than the kept turns alone.
        assertThat(f.modelCalls().get(1).usage().inputTokens()).isGreaterThan(prefix);
    }

    @Test
    void aPromptTheProviderStillFindsTooLongLosesItsOldestTurnsToASummaryOnce() {
        long prefix = ResilienceFixture.prefixTokens(dir);
        // By our estimate all six stored turns fit (room ≈ 550 tokens); the provider disagrees.
        long window = (long) Math.ceil((prefix + 20 + 550) * 1.1) + 64;
        fixture().with("routing", routedTo("claude-haiku-4-5", "gpt-4.1-mini", "offline"))
                .with("models", """
                        models:
                          - { name: gemini-2.5-flash, provider: gem }
                          - { name: gpt-4.1-mini, provider: oa }
                          - { name: claude-haiku-4-5, provider: ant, contextWindow: %d }
                        """.formatted(window)).start();
        String conversation = storedConversation(6);
        f.emulator.script(Fault.of(FaultKind.CONTEXT_TOO_LONG).on(Protocol.ANTHROPIC));

        ResilienceFixture.Asked asked = f.ask(conversation, ResilienceFixture.QUESTION, true, new RecordingListener());

        assertThat(f.calls()).containsExactly("claude-haiku-4-5@ant-key-1 context-too-long",
                "gpt-4.1-mini@oa-key-1 ok", "claude-haiku-4-5@ant-key-1 ok");
        assertThat(f.waits()).isEmpty();
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:claude-haiku-4-5@ant#1 error/context_too_long",
                "2:gpt-4.1-mini@oa#1 ok fallback=history_summary",
                "3:claude-haiku-4-5@ant#1 ok final");
        List<CallRecord> calls = f.modelCalls();
        assertThat(calls.get(2).requestBytes()).as("the second try sends less history")
                .isLessThan(calls.get(0).requestBytes());
        assertThat(Integer.parseInt(summaryOf(conversation)[1])).isBetween(1, 5);
        assertThat(asked.listener().outcome()).isEqualTo("answered by claude-haiku-4-5");
        assertThat(asked.listener().meta().fallbackReason()).isNull();
    }

    private String storedConversation(int turns) {
        String conversation = "conv-" + UUID.randomUUID();
        JdbcConversationStore store = new JdbcConversationStore(f.db, f.clock);
        for (int i = 1; i <= turns; i++) {
            store.append(conversation, "alice", new ConversationTurn("old-" + i, "Old question number " + i + "?", 6,
                    ("An older answer about topic " + i + ". ").repeat(6), 60, "gemini-2.5-flash", List.of()));
        }
        return conversation;
    }

    private String[] summaryOf(String conversation) {
        return f.db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT summary, summary_turns FROM conversations WHERE id = ?")) {
                st.setString(1, conversation);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new String[] {rs.getString(1), Integer.toString(rs.getInt(2))};
                }
            }
        });
    }

    @Test
    void aPrimaryDownForAMinuteOpensItsCircuitProbesAfterTheCooldownAndCloses() {
        fixture().with("retry", """
                retry: { maxAttempts: 3, backoffSeconds: [1, 2, 4], jitter: 0,
                         circuitBreaker: { failureRateThreshold: 50, minimumCalls: 3, windowSize: 3, openSeconds: 30 } }
                """).start();
        f.emulator.modelDown("gemini-2.5-flash", Duration.ofMinutes(1));

        ResilienceFixture.Asked a = f.ask();
        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 overloaded",
                "gemini-2.5-flash@gem-key-1 overloaded", "gemini-2.5-flash@gem-key-1 overloaded", "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.waits()).isEqualTo(seconds(1, 2));
        assertThat(f.rows(a.requestId())).last().isEqualTo("4:gpt-4.1-mini@oa#1 ok fallback=unavailable final");
        assertThat(f.health("gemini-2.5-flash").keys().getFirst().circuit()).isEqualTo("open");
        assertThat(f.health("gemini-2.5-flash").keys().getFirst().state()).isEqualTo("open");
        assertThat(f.health("gemini-2.5-flash").health()).isEqualTo(Health.DOWN);

        f.forget();
        ResilienceFixture.Asked b = f.ask();
        assertThat(f.calls()).as("the open circuit keeps calls away").containsExactly("gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.rows(b.requestId())).containsExactly("1:gpt-4.1-mini@oa#1 ok fallback=circuit_open final");

        f.forget();
        f.clock.advance(Duration.ofSeconds(31)); // 34 s after the outage began: still down
        ResilienceFixture.Asked c = f.ask();
        assertThat(f.calls()).as("one probe, which fails: open again, no backoff wait")
                .containsExactly("gemini-2.5-flash@gem-key-1 overloaded", "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.waits()).isEmpty();
        assertThat(f.rows(c.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/unavailable",
                "2:gpt-4.1-mini@oa#1 ok fallback=circuit_open final");
        assertThat(f.health("gemini-2.5-flash").keys().getFirst().circuit()).isEqualTo("open");

        f.forget();
        f.clock.advance(Duration.ofSeconds(31)); // 65 s: the outage is over
        ResilienceFixture.Asked d = f.ask();
        ResilienceFixture.Asked e = f.ask();
        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 ok", "gemini-2.5-flash@gem-key-1 ok");
        assertThat(f.rows(d.requestId())).containsExactly("1:gemini-2.5-flash@gem#1 ok final");
        assertThat(f.rows(e.requestId())).containsExactly("1:gemini-2.5-flash@gem#1 ok final");
        assertThat(f.health("gemini-2.5-flash").keys().getFirst().circuit()).isEqualTo("closed");
        assertThat(f.health("gemini-2.5-flash").keys().getFirst().state()).isEqualTo("ok");
        assertThat(f.health("gemini-2.5-flash").health()).isEqualTo(Health.OK);
    }

    @Test
    void whenEveryModelIsDownTheCourseAnswers() {
        fixture().start();
        f.emulator.modelDown("gemini-2.5-flash");
        f.emulator.modelDown("gpt-4.1-mini");

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 overloaded",
                "gemini-2.5-flash@gem-key-1 overloaded", "gemini-2.5-flash@gem-key-1 overloaded",
                "gpt-4.1-mini@oa-key-1 overloaded", "gpt-4.1-mini@oa-key-1 overloaded", "gpt-4.1-mini@oa-key-1 overloaded");
        assertThat(f.waits()).isEqualTo(seconds(1, 2, 1, 2));
        assertThat(f.spacing()).isEqualTo(seconds(1, 2, 0, 1, 2));
        RecordingListener student = asked.listener();
        assertThat(student.outcome()).isEqualTo("answered by offline");
        assertThat(student.meta().fallbackReason()).isEqualTo("unavailable");
        assertThat(student.done().answer()).contains("virtual environment");
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/unavailable",
                "2:gemini-2.5-flash@gem#1 error/unavailable",
                "3:gemini-2.5-flash@gem#1 error/unavailable",
                "4:gpt-4.1-mini@oa#1 error/unavailable fallback=unavailable",
                "5:gpt-4.1-mini@oa#1 error/unavailable fallback=unavailable",
                "6:gpt-4.1-mini@oa#1 error/unavailable fallback=unavailable",
                "7:offline ok fallback=unavailable final");
        assertThat(f.entries(asked.requestId())).allMatch(e -> e.costPicos() == 0);
    }

    @Test
    void whenEveryKeyRestsTheDispatcherWaitsForTheFirstToBeFree() {
        fixture().with("providers", OTHER_KEY_PROVIDERS).start();
        f.emulator.script(Fault.rateLimit(Duration.ofSeconds(9)).onKey("gem-key-1"),
                Fault.rateLimit(Duration.ofSeconds(4)).onKey("gem-key-2"));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 rate-limit",
                "gemini-2.5-flash@gem-key-2 rate-limit", "gemini-2.5-flash@gem-key-2 ok");
        assertThat(f.waits()).isEqualTo(seconds(4));
        assertThat(f.spacing()).isEqualTo(seconds(0, 4));
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/rate_limited",
                "2:gemini-2.5-flash@gem#2 error/rate_limited",
                "3:gemini-2.5-flash@gem#2 ok final");
    }

    @Test
    void aHintLongerThanTheRequestsTimeLeftFailsOverAtOnce() {
        fixture().with("timeouts", "timeouts: { requestMs: 10000 }\n").start();
        f.emulator.script(Fault.rateLimit(Duration.ofSeconds(60)).on(Protocol.GEMINI));

        ResilienceFixture.Asked first = f.ask();
        ResilienceFixture.Asked second = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 rate-limit", "gpt-4.1-mini@oa-key-1 ok",
                "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.waits()).as("nobody waits 60 s").isEmpty();
        assertThat(f.rows(first.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/rate_limited",
                "2:gpt-4.1-mini@oa#1 ok fallback=rate_limited final");
        assertThat(f.rows(second.requestId())).as("the key still rests: not touched")
                .containsExactly("1:gpt-4.1-mini@oa#1 ok fallback=rate_limited final");
    }

    @Test
    void aBudgetThatFitsThePrimaryButNotTheFallbackSkipsToTheCourse() {
        fixture().with("routing", routedTo("gemini-2.5-flash", "claude-haiku-4-5", "offline"))
                .with("budget", "budget: { dailyUsd: 0.0006 }\n").start();
        f.emulator.modelDown("gemini-2.5-flash");

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).as("claude-haiku-4-5's worst case does not fit: never called").containsExactly(
                "gemini-2.5-flash@gem-key-1 overloaded", "gemini-2.5-flash@gem-key-1 overloaded",
                "gemini-2.5-flash@gem-key-1 overloaded");
        assertThat(asked.listener().outcome()).isEqualTo("answered by offline");
        assertThat(asked.listener().meta().fallbackReason()).isEqualTo("budget");
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/unavailable",
                "2:gemini-2.5-flash@gem#1 error/unavailable",
                "3:gemini-2.5-flash@gem#1 error/unavailable",
                "4:offline ok fallback=budget final");
    }

    @Test
    void keysWithoutRoomInTheirTierAreSkippedAndThenTheModel() {
        QueueingProviderThrottle throttle = new QueueingProviderThrottle(Duration.ZERO, 0, Ticker.SYSTEM);
        ProviderLimits onePerMinute = new ProviderLimits(1L, null, null, null, null);
        throttle.register("gem#1", onePerMinute);
        throttle.register("gem#2", onePerMinute);
        fixture().with("providers", OTHER_KEY_PROVIDERS).throttle(throttle).start();

        ResilienceFixture.Asked first = f.ask();
        ResilienceFixture.Asked second = f.ask();
        ResilienceFixture.Asked third = f.ask();

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 ok", "gemini-2.5-flash@gem-key-2 ok",
                "gpt-4.1-mini@oa-key-1 ok");
        assertThat(f.rows(first.requestId())).containsExactly("1:gemini-2.5-flash@gem#1 ok final");
        assertThat(f.rows(second.requestId())).containsExactly("1:gemini-2.5-flash@gem#2 ok final");
        assertThat(f.rows(third.requestId())).containsExactly("1:gpt-4.1-mini@oa#1 ok fallback=throttled final");
        assertThat(throttle.usage("gem#1").refused()).isEqualTo(1);
    }

    @Test
    void aStudentWhoLeavesStopsEverything() {
        fixture().start();
        ResilienceFixture.Asked asked = f.ask(null, ResilienceFixture.QUESTION, true, new RecordingListener(2));

        assertThat(f.calls()).hasSize(1);
        assertThat(asked.listener().deltas()).hasSize(2);
        assertThat(asked.listener().outcomes()).isEqualTo(1);
        List<LedgerEntry> rows = f.entries(asked.requestId());
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(rows.getFirst().clientDisconnected()).isTrue();
    }

    @Test
    void aCutStreamNobodySawIsRetriedForAJsonAnswer() {
        fixture().start();
        f.emulator.script(Fault.cutAfter(5).on(Protocol.GEMINI));

        ResilienceFixture.Asked asked = f.ask(null, ResilienceFixture.QUESTION, false, new RecordingListener());

        assertThat(f.calls()).containsExactly("gemini-2.5-flash@gem-key-1 cut-stream", "gemini-2.5-flash@gem-key-1 ok");
        assertThat(f.waits()).isEqualTo(seconds(1));
        assertThat(asked.listener().outcome()).isEqualTo("answered by gemini-2.5-flash");
        assertThat(f.rows(asked.requestId())).containsExactly(
                "1:gemini-2.5-flash@gem#1 error/stream_broken",
                "2:gemini-2.5-flash@gem#1 ok final");
    }

    @Test
    void jitteredWaitsStayWithinTheirBounds() {
        fixture().with("retry", "retry: { maxAttempts: 3, backoffSeconds: [1, 2, 4], jitter: 0.2 }\n").start();
        f.emulator.script(Fault.of(FaultKind.SERVER_ERROR).on(Protocol.GEMINI).times(2));

        ResilienceFixture.Asked asked = f.ask();

        assertThat(f.calls()).hasSize(3);
        assertThat(f.waits()).hasSize(2);
        assertThat(f.waits().get(0)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        assertThat(f.waits().get(1)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
        List<Duration> spacing = f.spacing();
        for (int i = 0; i < 2; i++) {
            // The emulator dates calls in whole milliseconds of the shared clock.
            assertThat(spacing.get(i).minus(f.waits().get(i)).abs()).isLessThanOrEqualTo(Duration.ofMillis(1));
        }
        assertThat(asked.listener().outcome()).isEqualTo("answered by gemini-2.5-flash");
    }

    @Test
    void aRefusedKeyComesBackWhenAnAdminEnablesIt() {
        fixture().with("providers", OTHER_KEY_PROVIDERS).start();
        f.emulator.script(Fault.of(FaultKind.INVALID_KEY).onKey("gem-key-1"));
        f.ask();
        assertThat(f.health("gemini-2.5-flash").keys().getFirst().inRotation()).isFalse();

        assertThat(f.resilience.enableKey("gem#1")).isTrue();
        f.forget();
        f.ask();
        f.ask();

        assertThat(f.calls()).containsExactlyInAnyOrder("gemini-2.5-flash@gem-key-1 ok", "gemini-2.5-flash@gem-key-2 ok");
        assertThat(f.health("gemini-2.5-flash").keys()).allMatch(KeyHealth::inRotation);
    }
}
