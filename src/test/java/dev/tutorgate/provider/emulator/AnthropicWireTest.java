package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.SONNET;
import static dev.tutorgate.provider.emulator.EmulatorClient.events;
import static dev.tutorgate.provider.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.core.Usage;
import dev.tutorgate.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anthropic Messages as provider-facts §1–§7 describe it. */
class AnthropicWireTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    static Emulator emulator;
    static EmulatorClient client;

    static final String COURSE = "Course material.\\n# Async in Python\\nasync def runs on an event loop.\\n# Testing\\npytest finds tests.";

    static String body(boolean stream, String cacheControl) {
        return "{\"model\":\"" + SONNET + "\",\"max_tokens\":512,\"stream\":" + stream + ",\"system\":[{\"type\":\"text\",\"text\":\""
                + COURSE + "\"" + (cacheControl == null ? "" : ",\"cache_control\":" + cacheControl) + "}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"How does async work?\"}]}";
    }

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorSettings.instant(), 0, CLOCK);
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
        emulator.settings(EmulatorSettings.builder().answerTokens(20).cachedFraction(0.5).build());
    }

    @Test
    void messageUsageExcludesCacheFromInputTokensFirstCallWritesLaterCallsRead() {
        HttpResponse<String> first = client.anthropic(body(false, "{\"type\":\"ephemeral\"}"));
        HttpResponse<String> second = client.anthropic(body(false, "{\"type\":\"ephemeral\"}"));

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode json = parse(first.body());
        assertThat(json.get("type").asText()).isEqualTo("message");
        assertThat(json.get("role").asText()).isEqualTo("assistant");
        assertThat(json.get("id").asText()).startsWith("msg_");
        assertThat(json.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(json.at("/content/0/text").asText()).contains("\"Async in Python\"");
        assertThat(json.get("stop_reason").asText()).isEqualTo("end_turn");

        long prompt = emulator.calls().getFirst().usage().inputTokens();
        long cached = prompt / 2;
        JsonNode u1 = json.get("usage");
        assertThat(u1.get("input_tokens").asLong()).isEqualTo(prompt - cached);
        assertThat(u1.get("cache_creation_input_tokens").asLong()).isEqualTo(cached);
        assertThat(u1.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(u1.at("/cache_creation/ephemeral_5m_input_tokens").asLong()).isEqualTo(cached);
        assertThat(u1.at("/cache_creation/ephemeral_1h_input_tokens").asLong()).isZero();
        assertThat(u1.get("output_tokens").asInt()).isEqualTo(20);

        JsonNode u2 = parse(second.body()).get("usage");
        assertThat(u2.get("input_tokens").asLong()).isEqualTo(prompt - cached);
        assertThat(u2.get("cache_creation_input_tokens").asLong()).isZero();
        assertThat(u2.get("cache_read_input_tokens").asLong()).isEqualTo(cached);

        assertThat(emulator.calls()).extracting(CallRecord::usage).containsExactly(
                new Usage(prompt, 0, cached, 0, 20, 0, false),
                new Usage(prompt, cached, 0, 0, 20, 0, false));
    }

    @Test
    void oneHourBreakpointsWriteTheOneHourBucketAndTheCacheExpiresAfterItsTtl() {
        JsonNode write = parse(client.anthropic(body(false, "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}")).body()).get("usage");
        assertThat(write.at("/cache_creation/ephemeral_1h_input_tokens").asLong()).isPositive();
        assertThat(write.at("/cache_creation/ephemeral_5m_input_tokens").asLong()).isZero();

        CLOCK.advance(Duration.ofMinutes(59));
        assertThat(parse(client.anthropic(body(false, "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}")).body())
                .at("/usage/cache_read_input_tokens").asLong()).isPositive();
        CLOCK.advance(Duration.ofMinutes(61));
        JsonNode expired = parse(client.anthropic(body(false, "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}")).body()).get("usage");
        assertThat(expired.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(expired.at("/cache_creation/ephemeral_1h_input_tokens").asLong()).isPositive();
    }

    @Test
    void withoutACacheBreakpointNothingIsCached() {
        JsonNode usage = parse(client.anthropic(body(false, null)).body()).get("usage");
        long prompt = emulator.calls().getFirst().usage().inputTokens();

        assertThat(usage.get("input_tokens").asLong()).isEqualTo(prompt);
        assertThat(usage.get("cache_creation_input_tokens").asLong()).isZero();
        assertThat(usage.get("cache_read_input_tokens").asLong()).isZero();
    }

    @Test
    void topLevelCacheControlCachesThePrefixBeforeTheNewestTurn() {
        String turn = "{\"model\":\"" + SONNET + "\",\"max_tokens\":100,\"cache_control\":{\"type\":\"ephemeral\"},"
                + "\"system\":\"" + COURSE + "\",\"messages\":[{\"role\":\"user\",\"content\":\"first question\"},"
                + "{\"role\":\"assistant\",\"content\":\"an answer\"},{\"role\":\"user\",\"content\":\"%s\"}]}";
        JsonNode a = parse(client.anthropic(turn.formatted("What is pytest?")).body()).get("usage");
        JsonNode b = parse(client.anthropic(turn.formatted("And what is a fixture?")).body()).get("usage");

        assertThat(a.get("cache_creation_input_tokens").asLong()).isPositive();
        assertThat(b.get("cache_read_input_tokens").asLong()).isPositive();
        assertThat(b.get("cache_creation_input_tokens").asLong()).isZero();
    }

    @Test
    void streamSendsNamedEventsInOrderWithUsageSplitBetweenStartAndDelta() {
        HttpResponse<String> res = client.anthropic(body(true, "{\"type\":\"ephemeral\"}"));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
        List<EmulatorClient.Event> events = events(res.body());
        List<String> names = events.stream().map(EmulatorClient.Event::name).toList();
        assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
        assertThat(names.subList(3, 23)).containsOnly("content_block_delta");
        assertThat(names.subList(23, names.size())).containsExactly("content_block_stop", "message_delta", "message_stop");
        events.forEach(e -> assertThat(e.json().get("type").asText()).isEqualTo(e.name()));

        long prompt = emulator.calls().getFirst().usage().inputTokens();
        JsonNode start = events.getFirst().json().at("/message/usage");
        assertThat(start.get("input_tokens").asLong()).isEqualTo(prompt - prompt / 2);
        assertThat(start.get("cache_creation_input_tokens").asLong()).isEqualTo(prompt / 2);
        assertThat(start.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(start.at("/cache_creation/ephemeral_5m_input_tokens").asLong()).isEqualTo(prompt / 2);
        JsonNode delta = events.get(24).json();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(20);
        assertThat(delta.at("/usage/input_tokens").asLong()).isEqualTo(prompt - prompt / 2);

        StringBuilder text = new StringBuilder();
        events.subList(3, 23).forEach(e -> text.append(e.json().at("/delta/text").asText()));
        assertThat(e(events.get(3)).at("/delta/type").asText()).isEqualTo("text_delta");
        String whole = parse(client.anthropic(body(false, null)).body()).at("/content/0/text").asText();
        assertThat(text.toString()).isEqualTo(whole);
    }

    private static JsonNode e(EmulatorClient.Event event) {
        return event.json();
    }

    @Test
    void headersCarryTheRequestIdAndRateLimits() {
        HttpResponse<String> res = client.anthropic(body(false, null));

        assertThat(res.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        for (String kind : List.of("requests", "tokens", "input-tokens", "output-tokens")) {
            assertThat(res.headers().firstValue("anthropic-ratelimit-" + kind + "-limit")).as(kind).isPresent();
            assertThat(res.headers().firstValue("anthropic-ratelimit-" + kind + "-remaining")).as(kind).isPresent();
            assertThat(Instant.parse(res.headers().firstValue("anthropic-ratelimit-" + kind + "-reset").orElseThrow()))
                    .isAfter(CLOCK.instant());
        }
        assertThat(Long.parseLong(res.headers().firstValue("anthropic-ratelimit-tokens-remaining").orElseThrow()) % 1000).isZero();
    }

    @Test
    void missingVersionIs400AndMissingOrRefusedKeyIs401AuthenticationError() {
        HttpResponse<String> noVersion = client.post("/v1/messages", body(false, null), "x-api-key", "a-key");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        JsonNode v = parse(noVersion.body());
        assertThat(v.get("type").asText()).isEqualTo("error");
        assertThat(v.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(v.at("/error/message").asText()).contains("anthropic-version");
        assertThat(v.get("request_id").asText()).isEqualTo(noVersion.headers().firstValue("request-id").orElseThrow());

        HttpResponse<String> noKey = client.post("/v1/messages", body(false, null), "anthropic-version", "2023-06-01");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(parse(noKey.body()).at("/error/type").asText()).isEqualTo("authentication_error");

        emulator.settings(emulator.settings().toBuilder().invalidKeys(java.util.Set.of("a-key")).build());
        HttpResponse<String> refused = client.anthropic(body(false, null));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(parse(refused.body()).at("/error/message").asText()).isEqualTo("invalid x-api-key");
    }

    @Test
    void badRequestsGetInvalidRequestError() {
        for (String bad : List.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"max_tokens\":10,\"prompt\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "not json at all")) {
            HttpResponse<String> res = client.anthropic(bad);
            assertThat(res.statusCode()).as(bad).isEqualTo(400);
            assertThat(parse(res.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(parse(client.anthropic("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body())
                .at("/error/message").asText()).isEqualTo("max_tokens: Field required");
    }

    @Test
    void maxTokensCutsTheAnswerWithStopReasonMaxTokens() {
        JsonNode json = parse(client.anthropic(body(false, null).replace("\"max_tokens\":512", "\"max_tokens\":6")).body());
        assertThat(json.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(json.at("/usage/output_tokens").asInt()).isEqualTo(6);
    }

    @Test
    void modelsAreListedInAnthropicsShapeWhenCalledWithAnApiKeyHeader() {
        JsonNode list = parse(client.get("/v1/models", "x-api-key", "k", "anthropic-version", "2023-06-01").body());
        assertThat(list.get("data")).extracting(m -> m.get("id").asText()).contains(SONNET).allMatch(id -> id.startsWith("claude"));
        assertThat(list.get("has_more").asBoolean()).isFalse();
    }
}
