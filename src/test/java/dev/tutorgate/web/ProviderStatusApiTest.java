package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.provider.emulator.Fault;
import dev.tutorgate.provider.emulator.FaultKind;
import dev.tutorgate.web.auth.IssuedToken;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resilience parts of the real server: the providers' status for the admin, putting a refused
 * key back, and the notice a student sees when another model (here: the course) answers.
 */
class ProviderStatusApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = TutorgateFixture.ADMIN_TOKEN;

    private TutorgateFixture server;
    private IssuedToken student;

    @BeforeEach
    void start() {
        server = new TutorgateFixture(EmulatorSettings.instant().toBuilder().answerTokens(10).build(), "");
        student = server.student("ada");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode providers() throws Exception {
        HttpResponse<String> r = server.get("/api/admin/providers", ADMIN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("sk-emulated");
        return JSON.readTree(r.body());
    }

    @Test
    void onlyTheAdminSeesTheProviders() throws Exception {
        assertThat(server.get("/api/admin/providers", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/admin/providers", student.token()).statusCode()).isEqualTo(403);
        assertThat(server.post("/api/admin/providers/keys/enable", student.token(), "{\"key\":\"emulated#1\"}")
                .statusCode()).isEqualTo(403);

        JsonNode status = providers();
        JsonNode model = status.get("models").get(0);
        assertThat(model.get("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(model.get("provider").asText()).isEqualTo("emulated");
        assertThat(model.get("status").asText()).isEqualTo("ok");
        JsonNode key = model.get("keys").get(0);
        assertThat(key.get("key").asText()).isEqualTo("emulated#1");
        assertThat(key.get("circuit").asText()).isEqualTo("closed");
        assertThat(key.get("inRotation").asBoolean()).isTrue();
        assertThat(status.get("keysOutOfRotation")).isEmpty();
    }

    @Test
    void aRefusedKeyShowsAsOutUntilTheAdminPutsItBack() throws Exception {
        server.emulator.settings(server.emulator.settings().toBuilder().invalidKeys(Set.of("sk-emulated")).build());
        HttpResponse<String> answer = server.post("/api/chat", student.token(), "{\"message\":\"What is a venv?\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode reply = JSON.readTree(answer.body());
        assertThat(reply.get("model").asText()).isEqualTo("offline");
        assertThat(reply.get("fallbackReason").asText()).isEqualTo("invalid_key");
        assertThat(reply.get("notice").asText()).contains("passages from the course");

        JsonNode status = providers();
        JsonNode model = status.get("models").get(0);
        assertThat(model.get("status").asText()).isEqualTo("down");
        assertThat(model.get("lastFallbackReason").asText()).isEqualTo("invalid_key");
        JsonNode key = model.get("keys").get(0);
        assertThat(key.get("inRotation").asBoolean()).isFalse();
        assertThat(key.get("availability").asText()).isEqualTo("invalid");
        assertThat(key.get("lastError").asText()).isEqualTo("invalid_key");
        assertThat(key.get("outSince").isTextual()).isTrue();
        assertThat(status.get("keysOutOfRotation")).extracting(JsonNode::asText).containsExactly("emulated#1");

        server.emulator.settings(server.emulator.settings().toBuilder().invalidKeys(Set.of()).build());
        HttpResponse<String> enabled = server.post("/api/admin/providers/keys/enable", ADMIN, "{\"key\":\"emulated#1\"}");
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(enabled.body()).get("inRotation").asBoolean()).isTrue();
        assertThat(providers().get("keysOutOfRotation")).isEmpty();

        JsonNode again = JSON.readTree(server.post("/api/chat", student.token(), "{\"message\":\"What is a venv?\"}").body());
        assertThat(again.get("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(again.has("notice")).isFalse();
    }

    @Test
    void puttingBackAnUnknownKeyOrNoneIsAClearError() throws Exception {
        HttpResponse<String> unknown = server.post("/api/admin/providers/keys/enable", ADMIN, "{\"key\":\"nope#3\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").get("code").asText()).isEqualTo("not_found");

        HttpResponse<String> missing = server.post("/api/admin/providers/keys/enable", ADMIN, "{}",
                "Accept-Language", "ru");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("error").get("message").asText()).contains("псевдонимом ключа");

        HttpResponse<String> malformed = server.post("/api/admin/providers/keys/enable", ADMIN, "{\"key\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("Exception");
    }

    @Test
    void aStreamedFallbackAnswerCarriesTheNoticeInTheStudentsLanguage() throws Exception {
        server.emulator.script(Fault.of(FaultKind.OVERLOADED).forever());
        HttpResponse<String> r = server.post("/api/chat", student.token(), "{\"message\":\"What is a venv?\"}",
                "Accept", "text/event-stream", "Accept-Language", "ru-RU,ru;q=0.9");
        List<SseEvent> events = SseEvent.parse(r.body());
        JsonNode meta = JSON.readTree(events.getFirst().data());
        assertThat(events.getFirst().name()).isEqualTo("meta");
        assertThat(meta.get("model").asText()).isEqualTo("offline");
        assertThat(meta.get("fallbackReason").asText()).isEqualTo("unavailable");
        assertThat(meta.get("notice").asText()).isEqualTo("ИИ-тьютор временно недоступен, поэтому вот подходящие фрагменты из курса.");
        assertThat(events.getLast().name()).isEqualTo("done");

        JsonNode status = providers().get("models").get(0);
        assertThat(status.get("lastFallbackReason").asText()).isEqualTo("unavailable");
        assertThat(status.get("keys").get(0).get("lastError").asText()).isEqualTo("unavailable");
        assertThat(status.get("status").asText()).isEqualTo("degraded");
    }
}
