package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.core.Money;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.provider.emulator.Fault;
import dev.tutorgate.web.auth.IssuedToken;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/chat, conversations and feedback through real HTTP against the real server (pipeline,
 * ledger, limits) answering through the provider emulator: good paths and every bad input.
 */
class ChatApiTest {
    static TutorgateFixture web;
    static IssuedToken alice;
    static IssuedToken bob;

    @BeforeAll
    static void start() {
        web = new TutorgateFixture(EmulatorSettings.instant(), "limits: { studentRequestsPerMinute: 3 }\n");
        alice = web.student("Alice");
        bob = web.student("Bob");
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(response.body()).doesNotContain("sk-emulated").doesNotContain(TutorgateFixture.ADMIN_TOKEN);
    }

    private static String ask(String message) {
        return "{\"message\": \"" + message + "\"}";
    }

    @Test
    void aJsonAnswerCarriesTheContractFieldsAndItsExactCost() throws Exception {
        IssuedToken s = web.student("Json");
        HttpResponse<String> response = web.post("/api/chat", s.token(), ask("What is FastAPI?"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        String requestId = body.get("requestId").asText();
        assertThat(requestId).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(body.get("answer").asText()).isNotBlank();
        assertThat(body.get("conversationId").asText()).isNotBlank();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(body.get("complexity").asText()).isIn("simple", "medium", "complex");
        assertThat(body.get("usage").get("inputTokens").asLong()).isPositive();
        assertThat(body.get("usage").get("outputTokens").asLong()).isPositive();
        assertThat(body.get("costUsd").isTextual()).isTrue();
        long ledgerPicos = web.ledger(requestId, "cost_picos").stream().mapToLong(Long::parseLong).sum();
        assertThat(ledgerPicos).isPositive();
        assertThat(body.get("costUsd").asText()).isEqualTo(Money.usd(ledgerPicos).toPlainString());
        assertThat(web.ledger(requestId, "student_id")).containsOnly(s.student().id());
    }

    @Test
    void everyResponseHasItsOwnRequestId() throws Exception {
        var a = web.get("/health/live", null).headers().firstValue("X-Request-Id").orElseThrow();
        var b = web.get("/health/live", null).headers().firstValue("X-Request-Id").orElseThrow();
        var c = web.get("/no/such/page", null).headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).hasSize(26));
    }

    @Test
    void theStreamSendsMetaDeltasThenDoneAndTheTextIsWhatWasStored() throws Exception {
        IssuedToken s = web.student("Streamer");
        HttpResponse<String> response = web.post("/api/chat", s.token(), ask("What is FastAPI?"), "Accept", "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<SseEvent> events = SseEvent.parse(response.body());
        assertThat(events.getFirst().name()).isEqualTo("meta");
        assertThat(events.getLast().name()).isEqualTo("done");
        assertThat(events.subList(1, events.size() - 1)).extracting(SseEvent::name).containsOnly("delta").hasSizeGreaterThan(1);
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events.subList(1, events.size() - 1)) {
            text.append(Json.MAPPER.readTree(e.data()).get("text").asText());
        }
        JsonNode meta = Json.MAPPER.readTree(events.getFirst().data());
        JsonNode done = Json.MAPPER.readTree(events.getLast().data());
        assertThat(meta.get("requestId").asText()).isEqualTo(done.get("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(done.get("conversationId").asText()).isEqualTo(meta.get("conversationId").asText());
        assertThat(done.get("costUsd").asText()).isNotBlank();
        assertThat(done.get("usage").get("totalTokens").asLong()).isPositive();
        assertThat(done.has("answer")).isFalse();

        JsonNode stored = json(web.get("/api/conversations/" + done.get("conversationId").asText(), s.token()));
        assertThat(stored.get("messages").get(1).get("content").asText()).isEqualTo(text.toString());
    }

    @Test
    void theFourthQuestionInAMinuteIsRateLimitedInTheStudentsLanguage() throws Exception {
        IssuedToken s = web.student("Eager");
        for (int i = 0; i < 3; i++) {
            assertThat(web.post("/api/chat", s.token(), ask("What is pip?")).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = web.post("/api/chat", s.token(), ask("What is pip?"),
                "Accept", "text/event-stream", "Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8");
        assertError(limited, 429, "rate_limited");
        long wait = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(wait).isBetween(1L, 60L);
        assertThat(json(limited).get("error").get("retryAfterSeconds").asLong()).isEqualTo(wait);
        assertThat(json(limited).get("error").get("message").asText()).startsWith("Слишком много запросов — попробуйте через ");
        HttpResponse<String> english = web.post("/api/chat", s.token(), ask("What is pip?"), "Accept-Language", "ru;q=0.1, en-GB;q=0.9");
        assertThat(json(english).get("error").get("message").asText()).startsWith("Too many requests — try again in ");
        // another student is not affected
        assertThat(web.post("/api/chat", bob.token(), ask("What is pip?")).statusCode()).isEqualTo(200);
    }

    @Test
    void aStreamCutByTheProviderEndsWithAnErrorEvent() throws Exception {
        IssuedToken s = web.student("Cut");
        web.emulator.script(Fault.cutAfter(3));
        try {
            HttpResponse<String> response = web.post("/api/chat", s.token(), ask("What is FastAPI?"), "Accept", "text/event-stream");
            assertThat(response.statusCode()).isEqualTo(200);
            List<SseEvent> events = SseEvent.parse(response.body());
            assertThat(events.getFirst().name()).isEqualTo("meta");
            assertThat(events).extracting(SseEvent::name).as(response.body()).contains("delta").endsWith("error");
            JsonNode error = Json.MAPPER.readTree(events.getLast().data()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("answer_interrupted");
            assertThat(error.get("message").asText()).isEqualTo("The answer was interrupted. Please ask again.");
        } finally {
            web.emulator.clearScript();
        }
    }

    @Test
    void badInputGetsTheRightCode() throws Exception {
        String t = web.student("Sloppy").token();
        assertError(web.post("/api/chat", t, "{\"message\": \"unclosed"), 400, "invalid_json");
        assertError(web.post("/api/chat", t, ""), 400, "invalid_json");
        assertError(web.post("/api/chat", t, "{} {}"), 400, "invalid_json");
        assertError(web.post("/api/chat", t, "[\"message\"]"), 400, "invalid_request");
        assertError(web.post("/api/chat", t, "{}"), 400, "invalid_request");
        assertError(web.post("/api/chat", t, "{\"message\": 42}"), 400, "invalid_request");
        assertError(web.post("/api/chat", t, "{\"message\": \"hi\", \"conversationId\": 7}"), 400, "invalid_request");
        assertError(web.post("/api/chat", t, "{\"message\": \"   \"}"), 400, "message_empty");
        HttpResponse<String> tooLong = web.post("/api/chat", t, "{\"message\": \"" + "x".repeat(101) + "\"}");
        assertError(tooLong, 400, "message_too_long");
        assertThat(json(tooLong).get("error").get("message").asText()).isEqualTo("Your question is too long. The limit is 100 characters.");
        assertError(web.post("/api/chat", t, "{\"message\": \"" + "x".repeat(5000) + "\"}"), 413, "body_too_large");
    }

    @Test
    void aHugeChunkedBodyIsRefused() throws Exception {
        byte[] chunk = "{\"message\": \"".concat("y".repeat(8000)).getBytes();
        HttpRequest request = web.request("/api/chat")
                .header("Authorization", "Bearer " + alice.token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk)))
                .build();
        assertError(web.send(request), 413, "body_too_large");
    }

    @Test
    void tokensDecideWhoMayAsk() throws Exception {
        assertError(web.post("/api/chat", null, "{\"message\": \"hi\"}"), 401, "unauthorized");
        assertError(web.post("/api/chat", "tgs_not-a-real-token", "{\"message\": \"hi\"}"), 401, "unauthorized");
        assertError(web.send(web.request("/api/chat").header("Authorization", "Basic abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"hi\"}")).build()), 401, "unauthorized");
        assertError(web.post("/api/chat", TutorgateFixture.ADMIN_TOKEN, "{\"message\": \"hi\"}"), 403, "forbidden");
    }

    @Test
    void conversationsAreTheStudentsOwn() throws Exception {
        IssuedToken carol = web.student("Carol");
        IssuedToken dave = web.student("Dave");
        JsonNode first = json(web.post("/api/chat", carol.token(), ask("What is FastAPI?")));
        String conversation = first.get("conversationId").asText();
        JsonNode second = json(web.post("/api/chat", carol.token(),
                "{\"message\": \"And Pydantic?\", \"conversationId\": \"" + conversation + "\"}"));
        assertThat(second.get("conversationId").asText()).isEqualTo(conversation);

        JsonNode restored = json(web.get("/api/conversations/" + conversation, carol.token()));
        assertThat(restored.get("messages")).extracting(m -> m.get("role").asText())
                .containsExactly("user", "assistant", "user", "assistant");
        assertThat(restored.get("messages").get(2).get("content").asText()).isEqualTo("And Pydantic?");
        assertThat(restored.get("messages").get(1).get("content").asText()).isEqualTo(first.get("answer").asText());
        assertThat(restored.get("messages").get(1).get("requestId").asText()).isEqualTo(first.get("requestId").asText());

        JsonNode list = json(web.get("/api/conversations", carol.token()));
        assertThat(list.get("conversations")).extracting(c -> c.get("id").asText()).containsExactly(conversation);
        assertThat(list.get("conversations").get(0).get("title").asText()).isEqualTo("What is FastAPI?");
        assertThat(json(web.get("/api/conversations", dave.token())).get("conversations")).isEmpty();

        assertError(web.get("/api/conversations/" + conversation, dave.token()), 403, "conversation_forbidden");
        assertError(web.get("/api/conversations/no-such-id", carol.token()), 404, "conversation_not_found");
        assertError(web.post("/api/chat", dave.token(), "{\"message\": \"hi\", \"conversationId\": \"" + conversation + "\"}"),
                403, "conversation_forbidden");
        assertError(web.post("/api/chat", carol.token(), "{\"message\": \"hi\", \"conversationId\": \"nope\"}"),
                404, "conversation_not_found");
        assertError(web.get("/api/conversations/" + conversation, null), 401, "unauthorized");
    }

    @Test
    void feedbackIsStoredForOwnAnswersOnly() throws Exception {
        IssuedToken erin = web.student("Erin");
        IssuedToken frank = web.student("Frank");
        String requestId = json(web.post("/api/chat", erin.token(), ask("What is FastAPI?"))).get("requestId").asText();
        HttpResponse<String> rated = web.post("/api/feedback", erin.token(),
                "{\"requestId\": \"" + requestId + "\", \"stars\": 4, \"comment\": \" clear \"}");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
        assertThat(web.feedbackRow(requestId)).containsExactly("4", "clear", erin.student().id());
        web.post("/api/feedback", erin.token(), "{\"requestId\": \"" + requestId + "\", \"stars\": 5.0}");
        assertThat(web.feedbackRow(requestId)).containsExactly("5", null, erin.student().id());

        String r = "{\"requestId\": \"" + requestId + "\", \"stars\": ";
        for (String bad : List.of("0}", "6}", "4.5}", "\"4\"}", "true}", "null}", "-1}", "1e10}")) {
            assertError(web.post("/api/feedback", erin.token(), r + bad), 400, "invalid_request");
        }
        HttpResponse<String> ru = web.post("/api/feedback", erin.token(), r + "9}", "Accept-Language", "ru");
        assertThat(json(ru).get("error").get("message").asText()).isEqualTo("Поставьте оценку целым числом звёзд от 1 до 5.");
        assertError(web.post("/api/feedback", erin.token(), "{\"stars\": 3}"), 400, "invalid_request");
        assertError(web.post("/api/feedback", erin.token(), r + "3, \"comment\": \"" + "c".repeat(2001) + "\"}"), 400, "invalid_request");
        assertError(web.post("/api/feedback", erin.token(), r + "3, \"comment\": 5}"), 400, "invalid_request");
        assertError(web.post("/api/feedback", erin.token(), "{\"requestId\": \"r-unknown\", \"stars\": 3}"), 404, "request_not_found");
        assertError(web.post("/api/feedback", frank.token(), r + "1}"), 404, "request_not_found");
        assertError(web.post("/api/feedback", erin.token(), "{\"requestId\": "), 400, "invalid_json");
        assertError(web.post("/api/feedback", null, r + "3}"), 401, "unauthorized");
        assertThat(web.feedbackRow(requestId)).containsExactly("5", null, erin.student().id());
    }

    @Test
    void javalinsOwnErrorsAreContractJson() throws Exception {
        assertError(web.get("/api/nothing-here", alice.token()), 404, "not_found");
        assertError(web.get("/api/chat", alice.token()), 405, "method_not_allowed");
        HttpResponse<String> ru = web.send(web.request("/nothing").header("Accept-Language", "ru").GET().build());
        assertThat(json(ru).get("error").get("message").asText()).isEqualTo("Здесь ничего нет.");
    }
}
