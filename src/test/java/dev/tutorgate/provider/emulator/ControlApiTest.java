package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP control API under /_emulator/. */
class ControlApiTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    static Emulator emulator;
    static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorSettings.builder().answerTokens(9).build(), 0, CLOCK);
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = client.request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("content-type", contentType);
        }
        return client.send(b.build());
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, "application/json");
    }

    private static void assertBadRequest(HttpResponse<String> res, String mentioning) {
        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = parse(res.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("bad_request");
        assertThat(error.get("message").asText()).contains(mentioning).doesNotContain("at [Source");
    }

    @Test
    void infoNamesTheBaseUrlAndEndpoints() {
        JsonNode info = parse(client.get("/_emulator").body());
        assertThat(info.get("baseUrl").asText()).isEqualTo(emulator.baseUrl());
        assertThat(info.get("openai").toString()).contains("/v1/chat/completions");
    }

    @Test
    void unknownRoutesAndMethodsGetA404InJson() {
        for (HttpResponse<String> res : java.util.List.of(client.get("/nowhere"), client.get("/v1/chat/completions"),
                send("PATCH", "/_emulator/settings", "{}"), send("GET", "/_emulator/everything", null))) {
            assertThat(res.statusCode()).isEqualTo(404);
            assertThat(parse(res.body()).at("/error/code").asText()).isEqualTo("not_found");
        }
        assertThat(emulator.calls()).isEmpty();
    }

    @Test
    void putSettingsChangesOnlyTheGivenFieldsAndTakesEffectAtOnce() {
        HttpResponse<String> res = send("PUT", "/_emulator/settings", "{\"answerTokens\":4,\"cachedFraction\":0.25}");

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode settings = parse(res.body());
        assertThat(settings.get("answerTokens").asInt()).isEqualTo(4);
        assertThat(settings.get("cachedFraction").asDouble()).isEqualTo(0.25);
        assertThat(settings.get("ttftMs").asLong()).isZero();
        assertThat(emulator.settings().answerTokens()).isEqualTo(4);
        JsonNode answer = parse(client.call(Protocol.OPENAI, false).body());
        assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(4);
        assertThat(parse(client.get("/_emulator/settings").body()).get("answerTokens").asInt()).isEqualTo(4);
    }

    @Test
    void putSettingsWithAProfileStartsFromThatProfile() {
        JsonNode settings = parse(send("PUT", "/_emulator/settings", "{\"profile\":\"flaky\",\"failureRate\":0.5}").body());

        assertThat(settings.get("profile").asText()).isEqualTo("flaky");
        assertThat(settings.get("ttftMs").asLong()).isEqualTo(500);
        assertThat(settings.get("tokensPerSecond").asDouble()).isEqualTo(50);
        assertThat(settings.get("failureRate").asDouble()).isEqualTo(0.5);
        send("POST", "/_emulator/reset", null);
        assertThat(emulator.settings().ttftMs()).isZero();
        assertThat(emulator.settings().answerTokens()).isEqualTo(9);
    }

    @Test
    void putSettingsRefusesUnknownFieldsBadValuesAndBadJson() {
        assertBadRequest(send("PUT", "/_emulator/settings", "{\"answerTokenz\":4}"), "answerTokenz");
        assertBadRequest(send("PUT", "/_emulator/settings", "{\"cachedFraction\":1.5}"), "cachedFraction");
        assertBadRequest(send("PUT", "/_emulator/settings", "{\"answerTokens\":0}"), "answerTokens");
        assertBadRequest(send("PUT", "/_emulator/settings", "{\"profile\":\"turbo\"}"), "turbo");
        assertBadRequest(send("PUT", "/_emulator/settings", "{\"latencyMs\":"), "");
        assertBadRequest(send("PUT", "/_emulator/settings", "[1,2]"), "JSON object");
        assertThat(emulator.settings()).isEqualTo(EmulatorSettings.builder().answerTokens(9).build());
    }

    @Test
    void faultsArePostedAsSpecsObjectsArraysOrTextLines() {
        assertThat(send("POST", "/_emulator/faults", "\"rate-limit,retry=2s\"").statusCode()).isEqualTo(201);
        send("POST", "/_emulator/faults", "{\"kind\":\"overloaded\",\"protocol\":\"anthropic\",\"times\":2}");
        send("POST", "/_emulator/faults", "[\"ok\", {\"kind\":\"cut-stream\",\"afterTokens\":4}]");
        HttpResponse<String> text = send("POST", "/_emulator/faults", "# comment\nserver-error,model=m\n\ndaily-quota\n", "text/plain");

        assertThat(text.statusCode()).isEqualTo(201);
        JsonNode pending = parse(client.get("/_emulator/faults").body());
        assertThat(pending).extracting(f -> f.get("kind").asText())
                .containsExactly("rate-limit", "overloaded", "ok", "cut-stream", "server-error", "daily-quota");
        assertThat(pending.get(0).get("retryAfterMs").asLong()).isEqualTo(2000);
        assertThat(pending.get(1).get("protocol").asText()).isEqualTo("anthropic");
        assertThat(pending.get(4).get("model").asText()).isEqualTo("m");

        assertThat(client.call(Protocol.GEMINI, false).statusCode()).isEqualTo(429);
        assertThat(parse(client.get("/_emulator/faults").body())).hasSize(5);
        assertThat(parse(send("DELETE", "/_emulator/faults", null).body())).isEmpty();
        assertThat(emulator.pendingFaults()).isEmpty();
    }

    @Test
    void badFaultsAreRefusedAndNothingIsAppended() {
        assertBadRequest(send("POST", "/_emulator/faults", "\"explode\""), "unknown fault");
        assertBadRequest(send("POST", "/_emulator/faults", "[\"ok\", \"rate-limit,retry=never\"]"), "retry=never");
        assertBadRequest(send("POST", "/_emulator/faults", "{\"times\":3}"), "kind");
        assertBadRequest(send("POST", "/_emulator/faults", ""), "no fault");
        assertBadRequest(send("POST", "/_emulator/faults", "ok,times=0", "text/plain"), "times");
        assertThat(emulator.pendingFaults()).isEmpty();
    }

    @Test
    void callsAreListedNewestLastAndCanBeCleared() {
        client.call(Protocol.OPENAI, "gpt-4.1", "key-1", false);
        client.call(Protocol.ANTHROPIC, "claude-haiku-4-5", "key-2", true);

        JsonNode calls = parse(client.get("/_emulator/calls").body());
        assertThat(calls).hasSize(2);
        JsonNode first = calls.get(0);
        assertThat(first.get("protocol").asText()).isEqualTo("openai");
        assertThat(first.get("path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(first.get("method").asText()).isEqualTo("POST");
        assertThat(first.get("model").asText()).isEqualTo("gpt-4.1");
        assertThat(first.get("key").asText()).isEqualTo("key-1");
        assertThat(first.get("streamed").asBoolean()).isFalse();
        assertThat(first.get("outcome").asText()).isEqualTo("ok");
        assertThat(first.get("timeMs").asLong()).isEqualTo(CLOCK.millis());
        assertThat(first.get("requestBytes").asInt()).isPositive();
        assertThat(first.at("/usage/outputTokens").asInt()).isEqualTo(9);
        assertThat(calls.get(1).get("streamed").asBoolean()).isTrue();

        assertThat(parse(client.get("/_emulator/calls?last=1").body())).singleElement()
                .satisfies(c -> assertThat(c.get("key").asText()).isEqualTo("key-2"));
        assertBadRequest(client.get("/_emulator/calls?last=many"), "last=many");
        assertThat(send("DELETE", "/_emulator/calls", null).statusCode()).isEqualTo(204);
        assertThat(parse(client.get("/_emulator/calls").body())).isEmpty();
    }

    @Test
    void outagesAreSetListedAndLifted() {
        JsonNode afterPost = parse(send("POST", "/_emulator/outages", "{\"model\":\"gpt-4.1\",\"seconds\":60}").body());
        assertThat(afterPost).singleElement().satisfies(o ->
                assertThat(Instant.parse(o.get("until").asText())).isEqualTo(CLOCK.instant().plus(Duration.ofSeconds(60))));
        send("POST", "/_emulator/outages", "{\"model\":\"claude-sonnet-4-5\"}");
        send("POST", "/_emulator/outages", "{\"model\":\"gemini-2.5-pro\",\"until\":\"2030-01-01T00:00:00Z\"}");

        JsonNode outages = parse(client.get("/_emulator/outages").body());
        assertThat(outages).extracting(o -> o.get("model").asText()).containsExactly("claude-sonnet-4-5", "gemini-2.5-pro", "gpt-4.1");
        assertThat(outages.get(0).get("until").isNull()).isTrue();
        assertThat(client.call(Protocol.ANTHROPIC, "claude-sonnet-4-5", "k", false).statusCode()).isEqualTo(529);

        assertThat(parse(send("DELETE", "/_emulator/outages/claude-sonnet-4-5", null).body())).hasSize(2);
        assertThat(client.call(Protocol.ANTHROPIC, "claude-sonnet-4-5", "k", false).statusCode()).isEqualTo(200);
        assertThat(parse(send("DELETE", "/_emulator/outages", null).body())).isEmpty();

        assertBadRequest(send("POST", "/_emulator/outages", "{\"seconds\":5}"), "model");
        assertBadRequest(send("POST", "/_emulator/outages", "{\"model\":\"m\",\"seconds\":-1}"), "seconds");
        assertBadRequest(send("POST", "/_emulator/outages", "{\"model\":\"m\",\"until\":\"tomorrow\"}"), "tomorrow");
    }

    @Test
    void resetClearsScriptCallsOutagesAndTheAnthropicCache() {
        emulator.script(Fault.of(FaultKind.SERVER_ERROR).on(Protocol.GEMINI));
        emulator.modelDown("x");
        String cached = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"system\":[{\"type\":\"text\",\"text\":\"course\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}";
        emulator.settings(emulator.settings().toBuilder().cachedFraction(0.5).build());
        client.anthropic(cached);
        assertThat(parse(client.anthropic(cached).body()).at("/usage/cache_read_input_tokens").asInt()).isPositive();

        send("POST", "/_emulator/reset", null);
        emulator.settings(emulator.settings().toBuilder().cachedFraction(0.5).build());
        assertThat(emulator.pendingFaults()).isEmpty();
        assertThat(emulator.outages()).isEmpty();
        assertThat(emulator.calls()).isEmpty();
        assertThat(parse(client.anthropic(cached).body()).at("/usage/cache_creation_input_tokens").asInt()).isPositive();
    }
}
