package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.core.Money;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.web.auth.IssuedToken;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible API: shapes of completions, chunks, models and errors. */
class OpenAiApiTest {
    static TutorgateFixture web;
    static IssuedToken app;

    @BeforeAll
    static void start() {
        web = new TutorgateFixture(EmulatorSettings.instant(), "limits: { studentRequestsPerMinute: 1000 }\n");
        app = web.student("Some app");
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static void assertOpenAiError(HttpResponse<String> r, int status, String type, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = json(r).get("error");
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("param")).isTrue();
    }

    private static long promptTokens(HttpResponse<String> r) throws Exception {
        return json(r).get("usage").get("prompt_tokens").asLong();
    }

    @Test
    void aPlainCompletionHasOpenAisShape() throws Exception {
        HttpResponse<String> r = web.post("/v1/chat/completions", app.token(), """
                {"model": "auto", "temperature": 0.2, "messages": [
                  {"role": "system", "content": "be brief"},
                  {"role": "user", "content": [{"type": "text", "text": "What is FastAPI?"}]}]}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(body.get("id").asText()).isEqualTo("chatcmpl-" + requestId);
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").asLong()).isPositive();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4.1-mini");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asText()).isNotBlank();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asLong()).isPositive();
        assertThat(usage.get("completion_tokens").asLong()).isPositive();
        assertThat(usage.get("total_tokens").asLong())
                .isEqualTo(usage.get("prompt_tokens").asLong() + usage.get("completion_tokens").asLong());
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").asLong()).isNotNegative();
        long ledgerPicos = web.ledger(requestId, "cost_picos").stream().mapToLong(Long::parseLong).sum();
        assertThat(body.get("x_tutorgate").get("costUsd").asText()).isEqualTo(Money.usd(ledgerPicos).toPlainString());
    }

    @Test
    void earlierMessagesAreTheHistoryOfThisCall() throws Exception {
        String question = "{\"role\": \"user\", \"content\": \"What is FastAPI?\"}";
        HttpResponse<String> alone = web.post("/v1/chat/completions", app.token(), "{\"messages\": [" + question + "]}");
        HttpResponse<String> withHistory = web.post("/v1/chat/completions", app.token(), "{\"messages\": ["
                + "{\"role\": \"user\", \"content\": \"What is HTTP? Tell me about methods, status codes and headers.\"},"
                + "{\"role\": \"assistant\", \"content\": \"HTTP is the protocol of the web: a client sends a request.\"},"
                + question + "]}");
        assertThat(promptTokens(withHistory)).isGreaterThan(promptTokens(alone));
    }

    @Test
    void aConfiguredModelOrOfflineCanBeAskedFor() throws Exception {
        HttpResponse<String> r = web.post("/v1/chat/completions", app.token(),
                "{\"model\": \"gpt-4.1-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertThat(json(r).get("model").asText()).isEqualTo("gpt-4.1-mini");
        HttpResponse<String> offline = web.post("/v1/chat/completions", app.token(),
                "{\"model\": \"offline\", \"messages\": [{\"role\": \"user\", \"content\": \"What is FastAPI?\"}]}");
        assertThat(json(offline).get("model").asText()).isEqualTo("offline");
        assertThat(json(offline).get("x_tutorgate").get("costUsd").asText()).isEqualTo("0");
        assertThat(json(offline).get("x_tutorgate").get("sources")).isNotEmpty();
    }

    @Test
    void aStreamIsChunksThenUsageThenDone() throws Exception {
        HttpResponse<String> r = web.post("/v1/chat/completions", app.token(),
                "{\"model\": \"auto\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"What is FastAPI?\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<SseEvent> events = SseEvent.parse(r.body());
        assertThat(events).extracting(SseEvent::name).containsOnly("message");
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            chunks.add(Json.MAPPER.readTree(e.data()));
        }
        String id = chunks.getFirst().get("id").asText();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("id").asText()).isEqualTo(id);
        });
        assertThat(chunks.getFirst().get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (JsonNode c : chunks.subList(0, chunks.size() - 2)) {
            text.append(c.get("choices").get(0).get("delta").get("content").asText());
            assertThat(c.get("choices").get(0).get("finish_reason").isNull()).isTrue();
        }
        assertThat(text.toString()).isNotBlank();
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.get("usage").get("total_tokens").asLong()).isPositive();

        HttpResponse<String> noUsage = web.post("/v1/chat/completions", app.token(), "{\"stream\": true, "
                + "\"stream_options\": {\"include_usage\": false}, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertThat(noUsage.body()).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void errorsTakeOpenAisShape() throws Exception {
        String ok = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        assertOpenAiError(web.post("/v1/chat/completions", null, ok), 401, "authentication_error", "unauthorized");
        assertOpenAiError(web.post("/v1/chat/completions", "tgs_nope", ok), 401, "authentication_error", "unauthorized");
        assertOpenAiError(web.post("/v1/chat/completions", TutorgateFixture.ADMIN_TOKEN, ok), 403, "permission_error", "forbidden");
        assertOpenAiError(web.post("/v1/chat/completions", app.token(), "{\"messages\": [{\"role\""), 400,
                "invalid_request_error", "invalid_json");
        assertOpenAiError(web.post("/v1/chat/completions", app.token(), "{\"model\": \"gpt-9\", \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"hi\"}]}"), 404, "invalid_request_error", "model_not_found");
        for (String bad : List.of("{}", "{\"messages\": []}", "{\"messages\": \"hi\"}",
                "{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}]}",
                "{\"messages\": [{\"content\": \"hi\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {}}]}]}",
                "{\"model\": 4, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                "{\"stream\": \"yes\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", "[1]")) {
            assertOpenAiError(web.post("/v1/chat/completions", app.token(), bad), 400, "invalid_request_error", "invalid_request");
        }
        assertOpenAiError(web.post("/v1/chat/completions", app.token(),
                "{\"messages\": [{\"role\": \"user\", \"content\": \"" + "x".repeat(5000) + "\"}]}"), 413,
                "invalid_request_error", "body_too_large");
        assertOpenAiError(web.get("/v1/nothing", app.token()), 404, "invalid_request_error", "not_found");
    }

    @Test
    void modelsListsAutoTheConfiguredModelsAndOffline() throws Exception {
        HttpResponse<String> r = web.get("/v1/models", app.token());
        JsonNode body = json(r);
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data")).extracting(m -> m.get("id").asText()).containsExactly("auto", "gpt-4.1-mini", "offline");
        assertThat(body.get("data")).allSatisfy(m -> assertThat(m.get("object").asText()).isEqualTo("model"));
        assertOpenAiError(web.get("/v1/models", null), 401, "authentication_error", "unauthorized");
    }
}
