package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.GPT_MINI;
import static dev.tutorgate.provider.emulator.EmulatorClient.events;
import static dev.tutorgate.provider.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI Chat Completions as provider-facts §1–§7 describe it. */
class OpenAiWireTest {
    static Emulator emulator;
    static EmulatorClient client;

    static final String MESSAGES = "\"messages\":[{\"role\":\"system\",\"content\":\"You are a tutor.\\nLesson 1: Python basics\\nLesson 2: HTTP and REST\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What does REST mean for HTTP APIs?\"}]}]";

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorSettings.instant());
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
        emulator.settings(EmulatorSettings.builder().answerTokens(25).cachedFraction(0.75).build());
    }

    @Test
    void completionIsAChatCompletionWhosePromptTokensIncludeTheCachedTokens() {
        HttpResponse<String> res = client.openai("{\"model\":\"" + GPT_MINI + "\"," + MESSAGES + "}");

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode json = parse(res.body());
        assertThat(json.get("object").asText()).isEqualTo("chat.completion");
        assertThat(json.get("id").asText()).startsWith("chatcmpl-");
        assertThat(json.get("model").asText()).isEqualTo(GPT_MINI);
        assertThat(json.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(json.at("/choices/0/message/content").asText()).contains("\"HTTP and REST\"");
        assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

        long prompt = emulator.calls().getFirst().usage().inputTokens();
        JsonNode usage = json.get("usage");
        assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(prompt).isGreaterThan(10);
        assertThat(usage.at("/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(prompt * 3 / 4);
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(25);
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asInt()).isZero();
        assertThat(usage.get("total_tokens").asLong()).isEqualTo(prompt + 25);
    }

    @Test
    void rateLimitHeadersCountDownPerKey() {
        HttpResponse<String> first = client.openai("{\"model\":\"" + GPT_MINI + "\"," + MESSAGES + "}");
        HttpResponse<String> second = client.openai("{\"model\":\"" + GPT_MINI + "\"," + MESSAGES + "}");

        for (String h : List.of("x-ratelimit-limit-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests",
                "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "x-request-id")) {
            assertThat(first.headers().firstValue(h)).as(h).isPresent();
        }
        long remaining1 = Long.parseLong(first.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        long remaining2 = Long.parseLong(second.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        assertThat(remaining2).isEqualTo(remaining1 - 1);
        assertThat(Long.parseLong(second.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow()))
                .isLessThan(Long.parseLong(first.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow()));
        assertThat(first.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches("\\d+(\\.\\d)?s|\\d+ms|\\dm\\d+s");
    }

    @Test
    void streamSendsChunksWithNullUsageThenAUsageChunkWithEmptyChoicesThenDone() {
        HttpResponse<String> res = client.openai("{\"model\":\"" + GPT_MINI + "\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}," + MESSAGES + "}");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
        assertThat(res.body()).endsWith("data: [DONE]\n\n");
        List<EmulatorClient.Event> events = events(res.body());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(EmulatorClient.Event::json).toList();
        // role chunk, 25 content chunks, finish chunk, usage chunk
        assertThat(chunks).hasSize(28);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.has("usage")).isTrue();
        });
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        List<JsonNode> beforeUsage = chunks.subList(0, 27);
        assertThat(beforeUsage).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
        assertThat(chunks.get(26).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.subList(0, 26)).allSatisfy(c -> assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue());

        JsonNode last = chunks.getLast();
        assertThat(last.get("choices").isArray()).isTrue();
        assertThat(last.get("choices")).isEmpty();
        long prompt = emulator.calls().getFirst().usage().inputTokens();
        assertThat(last.at("/usage/prompt_tokens").asLong()).isEqualTo(prompt);
        assertThat(last.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(prompt * 3 / 4);
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(25);

        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        String whole = parse(client.openai("{\"model\":\"" + GPT_MINI + "\"," + MESSAGES + "}").body())
                .at("/choices/0/message/content").asText();
        assertThat(text.toString()).isEqualTo(whole);
    }

    @Test
    void withoutIncludeUsageChunksCarryNoUsageAtAll() {
        String body = client.openai("{\"model\":\"" + GPT_MINI + "\",\"stream\":true," + MESSAGES + "}").body();
        List<EmulatorClient.Event> events = events(body);

        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> {
            assertThat(e.json().has("usage")).isFalse();
            assertThat(e.json().get("choices")).hasSize(1);
        });
    }

    @Test
    void bothMaxTokenFieldsCapTheAnswerWithFinishReasonLength() {
        for (String field : List.of("max_completion_tokens", "max_tokens")) {
            JsonNode json = parse(client.openai("{\"model\":\"" + GPT_MINI + "\",\"" + field + "\":7," + MESSAGES + "}").body());
            assertThat(json.at("/usage/completion_tokens").asInt()).as(field).isEqualTo(7);
            assertThat(json.at("/choices/0/finish_reason").asText()).as(field).isEqualTo("length");
        }
    }

    @Test
    void reasoningTokensArePartOfCompletionTokens() {
        emulator.settings(emulator.settings().toBuilder().thinkingTokens(12).build());
        JsonNode usage = parse(client.openai("{\"model\":\"" + GPT_MINI + "\"," + MESSAGES + "}").body()).get("usage");

        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(25 + 12);
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(12);
        assertThat(usage.get("total_tokens").asLong()).isEqualTo(usage.get("prompt_tokens").asLong() + 37);
    }

    @Test
    void missingOrRefusedBearerKeyIs401() {
        HttpResponse<String> missing = client.post("/v1/chat/completions", "{\"model\":\"" + GPT_MINI + "\"," + MESSAGES + "}");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(parse(missing.body()).at("/error/message").asText()).startsWith("You didn't provide an API key");
        assertThat(parse(missing.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");

        emulator.settings(emulator.settings().toBuilder().invalidKeys(java.util.Set.of("sk-test-key")).build());
        HttpResponse<String> wrong = client.openai("{\"model\":\"" + GPT_MINI + "\"," + MESSAGES + "}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        JsonNode error = parse(wrong.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.get("message").asText()).startsWith("Incorrect API key provided").doesNotContain("sk-test-key");
        assertThat(error.has("param")).isTrue();

        // a big request with a refused key still gets its 401, never a connection reset mid-upload
        String big = "{\"model\":\"" + GPT_MINI + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(4 << 20) + "\"}]}";
        for (int i = 0; i < 5; i++) {
            assertThat(client.openai(big).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void badRequestsGetInvalidRequestError() {
        for (String body : List.of("{oops", "{\"model\":\"" + GPT_MINI + "\"}", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"messages\":[]}", "{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"contents\":[]}",
                "{\"model\":\"m\",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")) {
            HttpResponse<String> res = client.openai(body);
            assertThat(res.statusCode()).as(body).isEqualTo(400);
            JsonNode error = parse(res.body()).get("error");
            assertThat(error.get("type").asText()).as(body).isEqualTo("invalid_request_error");
            assertThat(error.get("message").asText()).isNotBlank();
        }
    }

    @Test
    void modelsAreListed() {
        JsonNode list = parse(client.get("/v1/models", "Authorization", "Bearer k").body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        assertThat(list.get("data")).extracting(m -> m.get("id").asText()).contains("gpt-4.1-mini", "gpt-4o-mini")
                .noneMatch(id -> id.startsWith("claude"));
        assertThat(client.get("/v1/models").statusCode()).isEqualTo(401);
    }
}
