package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.web.auth.IssuedToken;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/chat, conversations and feedback through real HTTP: good paths and every bad input. */
class ChatApiTest {
    static WebFixture web;
    static IssuedToken alice;
    static IssuedToken bob;

    @BeforeAll
    static void start() throws Exception {
        web = new WebFixture();
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
        assertThat(response.body()).doesNotContain("sk-").doesNotContain(WebFixture.ADMIN_TOKEN);
    }

    @Test
    void aJsonAnswerCarriesTheContractFields() throws Exception {
        HttpResponse<String> response = web.post("/api/chat", alice.token(), "{\"message\": \"What is FastAPI?\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("answer").asText()).isEqualTo(ScriptedChatService.ANSWER);
        assertThat(body.get("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(body.get("conversationId").asText()).isNotBlank();
        assertThat(body.get("model").asText()).isEqualTo("offline");
        assertThat(body.get("complexity").asText()).isEqualTo("simple");
        assertThat(body.get("usage").get("inputTokens").asLong()).isEqualTo(1200);
        assertThat(body.get("usage").get("cachedInputTokens").asLong()).isEqualTo(1000);
        assertThat(body.get("usage").get("outputTokens").asLong()).isEqualTo(35);
        assertThat(body.get("costUsd").isTextual()).isTrue();
        assertThat(body.get("costUsd").asText()).isEqualTo("0.000123456789");
        assertThat(body.get("sources")).extracting(JsonNode::asText).containsExactly("FastAPI basics", "HTTP and REST");
        var command = web.chat.commands.stream().filter(c -> c.requestId().equals(body.get("requestId").asText())).findFirst().orElseThrow();
        assertThat(command.studentId()).isEqualTo(alice.student().id());
        assertThat(command.streamed()).isFalse();
        assertThat(command.requestedModel()).isNull();
    }

    @Test
    void everyResponseHasItsOwnRequestId() throws Exception {
        var a = web.get("/health/live", null).headers().firstValue("X-Request-Id").orElseThrow();
        var b = web.get("/health/live", null).headers().firstValue("X-Request-Id").orElseThrow();
        var c = web.get("/no/such/page", null).headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).hasSize(26));
    }

    @Test
    void theStreamSendsMetaDeltasThenDoneWithUsageAndCost() throws Exception {
        HttpResponse<String> response = web.post("/api/chat", alice.token(), "{\"message\": \"What is FastAPI?\"}",
                "Accept", "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<SseEvent> events = SseEvent.parse(response.body());
        assertThat(events.getFirst().name()).isEqualTo("meta");
        assertThat(events.getLast().name()).isEqualTo("done");
        assertThat(events.subList(1, events.size() - 1)).extracting(SseEvent::name).containsOnly("delta").hasSizeGreaterThan(3);
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events.subList(1, events.size() - 1)) {
            text.append(Json.MAPPER.readTree(e.data()).get("text").asText());
        }
        assertThat(text.toString()).isEqualTo(ScriptedChatService.ANSWER);
        JsonNode meta = Json.MAPPER.readTree(events.getFirst().data());
        JsonNode done = Json.MAPPER.readTree(events.getLast().data());
        assertThat(meta.get("requestId").asText()).isEqualTo(done.get("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(done.get("conversationId").asText()).isEqualTo(meta.get("conversationId").asText());
        assertThat(done.get("costUsd").asText()).isEqualTo("0.000123456789");
        assertThat(done.get("usage").get("totalTokens").asLong()).isEqualTo(1235);
        assertThat(done.get("sources")).hasSize(2);
        assertThat(done.get("model").asText()).isEqualTo("offline");
        assertThat(done.has("answer")).isFalse();
    }

    @Test
    void aFailureBeforeTheStreamIsAnHttpErrorAndAfterItAnErrorEvent() throws Exception {
        HttpResponse<String> limited = web.post("/api/chat", alice.token(), "{\"message\": \"ratelimit me\"}",
                "Accept", "text/event-stream");
        assertError(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("42");
        assertThat(json(limited).get("error").get("retryAfterSeconds").asLong()).isEqualTo(42);

        HttpResponse<String> interrupted = web.post("/api/chat", alice.token(), "{\"message\": \"interrupt me\"}",
                "Accept", "text/event-stream");
        assertThat(interrupted.statusCode()).isEqualTo(200);
        List<SseEvent> events = SseEvent.parse(interrupted.body());
        assertThat(events).extracting(SseEvent::name).containsExactly("meta", "delta", "error");
        JsonNode error = Json.MAPPER.readTree(events.getLast().data()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("answer_interrupted");
        assertThat(error.get("message").asText()).isEqualTo("The answer was interrupted. Please ask again.");
    }

    @Test
    void messagesFollowAcceptLanguage() throws Exception {
        HttpResponse<String> ru = web.post("/api/chat", alice.token(), "{\"message\": \"ratelimit\"}",
                "Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8");
        assertThat(json(ru).get("error").get("message").asText()).isEqualTo("Слишком много запросов — попробуйте через 42 секунды.");
        HttpResponse<String> en = web.post("/api/chat", alice.token(), "{\"message\": \"ratelimit\"}",
                "Accept-Language", "ru;q=0.1, en-GB;q=0.9");
        assertThat(json(en).get("error").get("message").asText()).isEqualTo("Too many requests — try again in 42 seconds.");
        HttpResponse<String> budget = web.post("/api/chat", alice.token(), "{\"message\": \"budget\"}", "Accept-Language", "ru");
        assertError(budget, 503, "budget_exceeded");
        assertThat(json(budget).get("error").get("message").asText())
                .isEqualTo("Бюджет тьютора на сегодня исчерпан. Он снова заработает через 5 часов.");
    }

    @Test
    void badInputGetsTheRightCode() throws Exception {
        String t = alice.token();
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
    void aHugeChunkedBodyIsRefusedWithoutReadingItAll() throws Exception {
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
        assertError(web.post("/api/chat", WebFixture.ADMIN_TOKEN, "{\"message\": \"hi\"}"), 403, "forbidden");
    }

    @Test
    void conversationsAreTheStudentsOwn() throws Exception {
        JsonNode first = json(web.post("/api/chat", alice.token(), "{\"message\": \"What is FastAPI?\"}"));
        String conversation = first.get("conversationId").asText();
        JsonNode second = json(web.post("/api/chat", alice.token(),
                "{\"message\": \"And Pydantic?\", \"conversationId\": \"" + conversation + "\"}"));
        assertThat(second.get("conversationId").asText()).isEqualTo(conversation);

        JsonNode restored = json(web.get("/api/conversations/" + conversation, alice.token()));
        assertThat(restored.get("messages")).extracting(m -> m.get("role").asText())
                .containsExactly("user", "assistant", "user", "assistant");
        assertThat(restored.get("messages").get(2).get("content").asText()).isEqualTo("And Pydantic?");
        assertThat(restored.get("messages").get(1).get("sources")).extracting(JsonNode::asText).contains("FastAPI basics");
        assertThat(restored.get("messages").get(1).get("requestId").asText()).isEqualTo(first.get("requestId").asText());

        JsonNode list = json(web.get("/api/conversations", alice.token()));
        assertThat(list.get("conversations")).extracting(c -> c.get("id").asText()).contains(conversation);
        assertThat(json(web.get("/api/conversations", bob.token())).get("conversations"))
                .extracting(c -> c.get("id").asText()).doesNotContain(conversation);

        assertError(web.get("/api/conversations/" + conversation, bob.token()), 403, "conversation_forbidden");
        assertError(web.get("/api/conversations/no-such-id", alice.token()), 404, "conversation_not_found");
        assertError(web.post("/api/chat", bob.token(), "{\"message\": \"hi\", \"conversationId\": \"" + conversation + "\"}"),
                403, "conversation_forbidden");
        assertError(web.post("/api/chat", alice.token(), "{\"message\": \"hi\", \"conversationId\": \"nope\"}"),
                404, "conversation_not_found");
        assertError(web.get("/api/conversations/" + conversation, null), 401, "unauthorized");
    }

    @Test
    void feedbackIsStoredForOwnAnswersOnly() throws Exception {
        String requestId = json(web.post("/api/chat", alice.token(), "{\"message\": \"What is FastAPI?\"}")).get("requestId").asText();
        HttpResponse<String> rated = web.post("/api/feedback", alice.token(),
                "{\"requestId\": \"" + requestId + "\", \"stars\": 4, \"comment\": \" clear \"}");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
        assertThat(feedbackRow(requestId)).containsExactly("4", "clear", alice.student().id());
        // rating again replaces the first rating
        web.post("/api/feedback", alice.token(), "{\"requestId\": \"" + requestId + "\", \"stars\": 5.0}");
        assertThat(feedbackRow(requestId)).containsExactly("5", null, alice.student().id());

        String r = "{\"requestId\": \"" + requestId + "\", \"stars\": ";
        for (String bad : List.of("0}", "6}", "4.5}", "\"4\"}", "true}", "null}", "-1}", "1e10}")) {
            assertError(web.post("/api/feedback", alice.token(), r + bad), 400, "invalid_request");
        }
        HttpResponse<String> ru = web.post("/api/feedback", alice.token(), r + "9}", "Accept-Language", "ru");
        assertThat(json(ru).get("error").get("message").asText()).isEqualTo("Поставьте оценку целым числом звёзд от 1 до 5.");
        assertError(web.post("/api/feedback", alice.token(), "{\"stars\": 3}"), 400, "invalid_request");
        assertError(web.post("/api/feedback", alice.token(), r + "3, \"comment\": \"" + "c".repeat(2001) + "\"}"), 400, "invalid_request");
        assertError(web.post("/api/feedback", alice.token(), r + "3, \"comment\": 5}"), 400, "invalid_request");
        assertError(web.post("/api/feedback", alice.token(), "{\"requestId\": \"r-unknown\", \"stars\": 3}"), 404, "request_not_found");
        assertError(web.post("/api/feedback", bob.token(), r + "1}"), 404, "request_not_found");
        assertError(web.post("/api/feedback", alice.token(), "{\"requestId\": "), 400, "invalid_json");
        assertError(web.post("/api/feedback", null, r + "3}"), 401, "unauthorized");
        assertThat(feedbackRow(requestId)).containsExactly("5", null, alice.student().id());
    }

    @Test
    void aBugIsA500WithoutItsDetails() throws Exception {
        HttpResponse<String> response = web.post("/api/chat", alice.token(), "{\"message\": \"explode\"}");
        assertError(response, 500, "internal");
        assertThat(response.body()).doesNotContain("secret-detail").doesNotContain("IllegalState");
        assertThat(json(response).get("error").get("message").asText()).isEqualTo("Something went wrong on our side; we are on it.");
    }

    @Test
    void javalinsOwnErrorsAreContractJson() throws Exception {
        assertError(web.get("/api/nothing-here", alice.token()), 404, "not_found");
        assertError(web.get("/api/chat", alice.token()), 405, "method_not_allowed");
        HttpResponse<String> ru = web.send(web.request("/nothing").header("Accept-Language", "ru").GET().build());
        assertThat(json(ru).get("error").get("message").asText()).isEqualTo("Здесь ничего нет.");
    }

    static List<String> feedbackRow(String requestId) throws Exception {
        return web.feedbackRow(requestId);
    }
}
