package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.GEMINI_FLASH;
import static dev.tutorgate.provider.emulator.EmulatorClient.events;
import static dev.tutorgate.provider.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gemini v1beta as provider-facts §1–§6 describe it. */
class GeminiWireTest {
    static Emulator emulator;
    static EmulatorClient client;

    static final String COURSE = "You are the tutor of this course. Cite the lesson you use.\n"
            + "# Virtual environments\nA virtual environment isolates the packages of one project.\n"
            + "# FastAPI basics\nFastAPI builds HTTP APIs from type hints.\n";
    static final String BODY = "{\"systemInstruction\":{\"parts\":[{\"text\":" + EmulatorClient.JSON.valueToTree(COURSE)
            + "}]},\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"How do I create a virtual environment?\"}]}],"
            + "\"generationConfig\":{\"temperature\":0.2}}";

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
        emulator.settings(EmulatorSettings.builder().answerTokens(30).cachedFraction(0.5).build());
    }

    @Test
    void generateContentAnswersWithCandidatesAndUsageWhosePromptCountIncludesTheCachedTokens() {
        HttpResponse<String> res = client.gemini(GEMINI_FLASH, false, BODY);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode json = parse(res.body());
        JsonNode candidate = json.at("/candidates/0");
        assertThat(candidate.at("/content/role").asText()).isEqualTo("model");
        assertThat(candidate.at("/finishReason").asText()).isEqualTo("STOP");
        String text = candidate.at("/content/parts/0/text").asText();
        assertThat(text).contains("\"Virtual environments\"");

        CallRecord call = emulator.calls().getFirst();
        long prompt = call.usage().inputTokens();
        JsonNode usage = json.get("usageMetadata");
        assertThat(usage.get("promptTokenCount").asLong()).isEqualTo(prompt).isGreaterThan(20);
        assertThat(usage.get("cachedContentTokenCount").asLong()).isEqualTo(prompt / 2);
        assertThat(usage.get("candidatesTokenCount").asInt()).isEqualTo(30);
        assertThat(usage.get("totalTokenCount").asLong()).isEqualTo(prompt + 30);
        assertThat(usage.has("thoughtsTokenCount")).isFalse();
        assertThat(json.get("modelVersion").asText()).isEqualTo(GEMINI_FLASH);
        assertThat(json.get("responseId").asText()).isEqualTo(call.requestId());
        assertThat(call.usage().cachedInputTokens()).isEqualTo(prompt / 2);
        assertThat(call.key()).isEqualTo("g-key");
        assertThat(call.streamed()).isFalse();
        assertThat(call.model()).isEqualTo(GEMINI_FLASH);
    }

    @Test
    void sseStreamIsDataLinesOnlyWithCumulativeUsageOnEveryChunkAndNoDoneMarker() {
        HttpResponse<String> res = client.gemini(GEMINI_FLASH, true, BODY);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
        assertThat(res.body()).doesNotContain("[DONE]").doesNotContain("event:").startsWith("data: ");
        assertThat(res.body()).contains("\r\n\r\n");
        List<EmulatorClient.Event> events = events(res.body());
        assertThat(events).hasSize(30);
        long prompt = emulator.calls().getFirst().usage().inputTokens();
        StringBuilder text = new StringBuilder();
        List<Integer> candidates = new ArrayList<>();
        for (EmulatorClient.Event e : events) {
            assertThat(e.name()).isNull();
            JsonNode chunk = e.json();
            text.append(chunk.at("/candidates/0/content/parts/0/text").asText());
            JsonNode usage = chunk.get("usageMetadata");
            assertThat(usage.get("promptTokenCount").asLong()).isEqualTo(prompt);
            assertThat(usage.get("cachedContentTokenCount").asLong()).isEqualTo(prompt / 2);
            candidates.add(usage.get("candidatesTokenCount").asInt());
            assertThat(usage.get("totalTokenCount").asLong()).isEqualTo(prompt + usage.get("candidatesTokenCount").asInt());
        }
        assertThat(candidates).isSorted().startsWith(1).endsWith(30);
        assertThat(events.getLast().json().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(events.subList(0, 29)).allSatisfy(e -> assertThat(e.json().at("/candidates/0").has("finishReason")).isFalse());
        String whole = parse(client.gemini(GEMINI_FLASH, false, BODY).body()).at("/candidates/0/content/parts/0/text").asText();
        assertThat(text.toString()).isEqualTo(whole);
    }

    @Test
    void withoutAltSseTheStreamIsOneJsonArray() {
        HttpResponse<String> res = client.post("/v1beta/models/" + GEMINI_FLASH + ":streamGenerateContent", BODY,
                "x-goog-api-key", "g-key");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).doesNotContain("data:");
        JsonNode array = parse(res.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(30);
        assertThat(array.get(29).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(array.get(29).at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(30);
    }

    @Test
    void keyMayComeAsQueryParameter() {
        HttpResponse<String> res = client.post("/v1beta/models/" + GEMINI_FLASH + ":generateContent?key=query-key", BODY);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(emulator.calls().getFirst().key()).isEqualTo("query-key");
    }

    @Test
    void missingKeyIsPermissionDeniedAndARefusedKeyIsInvalidArgumentWithApiKeyInvalid() {
        HttpResponse<String> missing = client.post("/v1beta/models/" + GEMINI_FLASH + ":generateContent", BODY);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(parse(missing.body()).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");

        emulator.settings(emulator.settings().toBuilder().validKeys(java.util.Set.of("the-good-key")).build());
        HttpResponse<String> wrong = client.gemini(GEMINI_FLASH, false, BODY);
        assertThat(wrong.statusCode()).isEqualTo(400);
        JsonNode error = parse(wrong.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.get("message").asText()).startsWith("API key not valid");
        assertThat(error.at("/details/0/@type").asText()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(error.at("/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");
        assertThat(emulator.calls()).extracting(CallRecord::outcome).containsExactly("missing-key", "invalid-key");
    }

    @Test
    void badRequestsGetInvalidArgument() {
        for (String body : List.of("{not json", "[]", "{\"contents\":[]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
            HttpResponse<String> res = client.gemini(GEMINI_FLASH, false, body);
            assertThat(res.statusCode()).as(body).isEqualTo(400);
            assertThat(parse(res.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        }
        assertThat(parse(client.gemini(GEMINI_FLASH, false, "{\"messages\":[]}").body()).at("/error/message").asText())
                .contains("Unknown name \"messages\"");
        HttpResponse<String> unknownMethod = client.post("/v1beta/models/" + GEMINI_FLASH + ":embedContent", BODY,
                "x-goog-api-key", "g-key");
        assertThat(unknownMethod.statusCode()).isEqualTo(404);
        assertThat(parse(unknownMethod.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(emulator.calls()).extracting(CallRecord::reason).containsOnly("request");
    }

    @Test
    void snakeCaseFieldsAreAcceptedLikeTheRealApi() {
        String body = "{\"system_instruction\":{\"parts\":[{\"text\":\"Lesson: Testing with pytest\"}]},"
                + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generation_config\":{\"max_output_tokens\":4}}";
        JsonNode json = parse(client.gemini(GEMINI_FLASH, false, body).body());

        assertThat(json.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(4);
        assertThat(json.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void thoughtsAreCountedApartFromCandidatesAndInTheTotalUnlessTheBudgetIsZero() {
        emulator.settings(emulator.settings().toBuilder().thinkingTokens(40).build());
        JsonNode usage = parse(client.gemini(GEMINI_FLASH, false, BODY).body()).get("usageMetadata");
        long prompt = usage.get("promptTokenCount").asLong();
        assertThat(usage.get("thoughtsTokenCount").asInt()).isEqualTo(40);
        assertThat(usage.get("candidatesTokenCount").asInt()).isEqualTo(30);
        assertThat(usage.get("totalTokenCount").asLong()).isEqualTo(prompt + 30 + 40);
        assertThat(emulator.calls().getLast().usage().outputTokens()).isEqualTo(70);
        assertThat(emulator.calls().getLast().usage().reasoningTokens()).isEqualTo(40);

        String noThinking = BODY.replace("\"temperature\":0.2", "\"thinkingConfig\":{\"thinkingBudget\":0}");
        JsonNode plain = parse(client.gemini(GEMINI_FLASH, false, noThinking).body()).get("usageMetadata");
        assertThat(plain.has("thoughtsTokenCount")).isFalse();
        assertThat(plain.get("totalTokenCount").asLong()).isEqualTo(prompt + 30);
    }

    @Test
    void modelInfoGivesTokenLimits() {
        JsonNode model = parse(client.get("/v1beta/models/gemini-2.5-flash-lite", "x-goog-api-key", "k").body());
        assertThat(model.get("name").asText()).isEqualTo("models/gemini-2.5-flash-lite");
        assertThat(model.get("inputTokenLimit").asLong()).isEqualTo(1_048_576);
        assertThat(model.get("outputTokenLimit").asInt()).isEqualTo(65_536);

        JsonNode list = parse(client.get("/v1beta/models?key=k").body());
        assertThat(list.get("models")).extracting(m -> m.get("name").asText()).contains("models/gemini-2.5-pro");
        assertThat(client.get("/v1beta/models/gemini-2.5-flash").statusCode()).isEqualTo(403);
    }
}
