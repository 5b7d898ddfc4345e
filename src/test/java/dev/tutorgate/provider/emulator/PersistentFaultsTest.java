package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules that hold until changed: refused keys, models down, per-key request limits, random failures. */
class PersistentFaultsTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-04T08:00:00Z"));
    static Emulator emulator;
    static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorSettings.builder().answerTokens(5).build(), 0, CLOCK);
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
        CLOCK.advance(Duration.ofHours(1));
    }

    @Test
    void invalidKeysAreRefusedOnEveryProtocolWhileOtherKeysPass() {
        emulator.settings(emulator.settings().toBuilder().invalidKeys(Set.of("revoked")).build());

        assertThat(client.call(Protocol.GEMINI, "gemini-2.5-flash", "revoked", false).statusCode()).isEqualTo(400);
        assertThat(client.call(Protocol.OPENAI, "gpt-4.1-mini", "revoked", false).statusCode()).isEqualTo(401);
        assertThat(client.call(Protocol.ANTHROPIC, "claude-haiku-4-5", "revoked", false).statusCode()).isEqualTo(401);
        assertThat(client.call(Protocol.OPENAI, "gpt-4.1-mini", "fine", false).statusCode()).isEqualTo(200);
        assertThat(emulator.calls()).extracting(CallRecord::reason).containsExactly("key-list", "key-list", "key-list", "none");
    }

    @Test
    void withValidKeysEveryOtherKeyIsRefused() {
        emulator.settings(emulator.settings().toBuilder().validKeys(Set.of("good")).build());

        assertThat(client.call(Protocol.ANTHROPIC, "claude-sonnet-4-5", "good", false).statusCode()).isEqualTo(200);
        assertThat(client.call(Protocol.ANTHROPIC, "claude-sonnet-4-5", "other", false).statusCode()).isEqualTo(401);
    }

    @Test
    void aModelDownForAMinuteAnswersOverloadedThenComesBack() {
        emulator.modelDown("gemini-2.5-flash", Duration.ofMinutes(1));
        emulator.modelDown("claude-sonnet-4-5", Duration.ofMinutes(2));

        assertThat(client.call(Protocol.GEMINI, "gemini-2.5-flash", "k", false).statusCode()).isEqualTo(503);
        assertThat(client.call(Protocol.ANTHROPIC, "claude-sonnet-4-5", "k", true).statusCode()).isEqualTo(529);
        assertThat(client.call(Protocol.GEMINI, "gemini-2.5-pro", "k", false).statusCode()).isEqualTo(200);
        assertThat(emulator.outages()).extracting(Outage::model).containsExactly("claude-sonnet-4-5", "gemini-2.5-flash");
        assertThat(emulator.outages()).extracting(Outage::until)
                .containsExactly(CLOCK.instant().plus(Duration.ofMinutes(2)), CLOCK.instant().plus(Duration.ofMinutes(1)));
        assertThat(emulator.calls().getFirst().reason()).isEqualTo("outage");

        CLOCK.advance(Duration.ofSeconds(59));
        assertThat(client.call(Protocol.GEMINI, "gemini-2.5-flash", "k", false).statusCode()).isEqualTo(503);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(client.call(Protocol.GEMINI, "gemini-2.5-flash", "k", false).statusCode()).isEqualTo(200);
        assertThat(emulator.outages()).extracting(Outage::model).containsExactly("claude-sonnet-4-5");
    }

    @Test
    void aModelDownUntilTurnedOffStaysDownUntilModelUp() {
        emulator.modelDown("gpt-4.1");
        CLOCK.advance(Duration.ofDays(3));

        assertThat(client.call(Protocol.OPENAI, "gpt-4.1", "k", false).statusCode()).isEqualTo(503);
        assertThat(emulator.outages()).singleElement().extracting(Outage::until).isNull();
        emulator.modelUp("gpt-4.1");
        assertThat(client.call(Protocol.OPENAI, "gpt-4.1", "k", false).statusCode()).isEqualTo(200);
    }

    @Test
    void aScriptedFaultComesBeforeAnOutage() {
        emulator.modelDown("gpt-4.1");
        emulator.script(Fault.of(FaultKind.DAILY_QUOTA));

        assertThat(client.call(Protocol.OPENAI, "gpt-4.1", "k", false).statusCode()).isEqualTo(429);
        assertThat(client.call(Protocol.OPENAI, "gpt-4.1", "k", false).statusCode()).isEqualTo(503);
    }

    @Test
    void perKeyRequestLimitAnswersRealRateLimitsWithTheTimeLeftInTheWindow() {
        emulator.settings(emulator.settings().toBuilder().requestsPerMinutePerKey(2).build());

        HttpResponse<String> first = client.call(Protocol.OPENAI, "gpt-4.1-mini", "busy", false);
        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
        CLOCK.advance(Duration.ofSeconds(20));
        HttpResponse<String> second = client.call(Protocol.OPENAI, "gpt-4.1-mini", "busy", false);
        assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(second.headers().firstValue("x-ratelimit-reset-requests")).hasValue("40s");

        HttpResponse<String> limited = client.call(Protocol.OPENAI, "gpt-4.1-mini", "busy", false);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after-ms")).hasValue("40000");
        assertThat(limited.headers().firstValue("retry-after")).hasValue("40");
        assertThat(parse(limited.body()).at("/error/message").asText()).contains("Limit 2");
        assertThat(emulator.calls().getLast().reason()).isEqualTo("key-limit");

        assertThat(client.call(Protocol.OPENAI, "gpt-4.1-mini", "calm", false).statusCode()).isEqualTo(200);
        assertThat(client.call(Protocol.ANTHROPIC, "claude-sonnet-4-5", "busy", false).statusCode())
                .as("windows are per protocol and key").isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(40));
        assertThat(client.call(Protocol.OPENAI, "gpt-4.1-mini", "busy", false).statusCode()).isEqualTo(200);
    }

    @Test
    void perKeyLimitUsesEachProvidersHint() {
        emulator.settings(emulator.settings().toBuilder().requestsPerMinutePerKey(1).build());
        client.call(Protocol.GEMINI, "gemini-2.5-flash", "g", false);
        client.call(Protocol.ANTHROPIC, "claude-sonnet-4-5", "a", false);
        CLOCK.advance(Duration.ofSeconds(30));

        HttpResponse<String> gemini = client.call(Protocol.GEMINI, "gemini-2.5-flash", "g", false);
        assertThat(gemini.statusCode()).isEqualTo(429);
        assertThat(gemini.body()).contains("\"retryDelay\":\"30s\"").contains("PerMinute");
        HttpResponse<String> anthropic = client.call(Protocol.ANTHROPIC, "claude-sonnet-4-5", "a", false);
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(anthropic.headers().firstValue("retry-after")).hasValue("30");
        assertThat(anthropic.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
    }

    @Test
    void failureRateOneFailsEveryCallWithA5xxOrA429() {
        emulator.settings(emulator.settings().toBuilder().failureRate(1).build());
        for (int i = 0; i < 10; i++) {
            assertThat(client.call(Protocol.ANTHROPIC, false).statusCode()).isIn(529, 429);
        }
        assertThat(emulator.calls()).extracting(CallRecord::reason).containsOnly("random");
        assertThat(emulator.calls()).extracting(CallRecord::outcome).containsOnly("overloaded", "rate-limit");
    }

    @Test
    void randomFailuresReplayWithTheSameSeed() {
        EmulatorSettings flaky = emulator.settings().toBuilder().failureRate(0.5).randomSeed(7).build();
        List<Integer> first = statuses(flaky);
        List<Integer> second = statuses(flaky);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200).containsAnyOf(503, 429);
    }

    private List<Integer> statuses(EmulatorSettings settings) {
        emulator.settings(settings);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(client.call(Protocol.GEMINI, false).statusCode());
        }
        return statuses;
    }
}
