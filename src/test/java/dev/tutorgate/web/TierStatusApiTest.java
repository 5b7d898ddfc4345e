package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.web.auth.IssuedToken;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/admin/tiers} on the real server: the pipeline feeds every provider reply's
 * rate-limit headers to the tier monitor, here from the emulator, which allows 3 requests a minute
 * per key and answers the 4th with a real 429.
 */
class TierStatusApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = TutorgateFixture.ADMIN_TOKEN;

    private TutorgateFixture server;
    private IssuedToken student;

    @BeforeEach
    void start() {
        server = new TutorgateFixture(EmulatorSettings.instant().toBuilder().answerTokens(10)
                .requestsPerMinutePerKey(3).build(), "limits: { studentRequestsPerMinute: 100 }\n");
        student = server.student("ada");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode tiers() throws Exception {
        HttpResponse<String> r = server.get("/api/admin/tiers", ADMIN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).doesNotContain("sk-emulated");
        return JSON.readTree(r.body());
    }

    private String ask() throws Exception {
        HttpResponse<String> r = server.post("/api/chat", student.token(), "{\"message\":\"What is a venv?\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).get("model").asText();
    }

    @Test
    void onlyTheAdminSeesTheTiers() throws Exception {
        assertThat(server.get("/api/admin/tiers", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/admin/tiers", student.token()).statusCode()).isEqualTo(403);

        JsonNode status = tiers();
        JsonNode provider = status.get("providers").get(0);
        assertThat(provider.get("provider").asText()).isEqualTo("emulated");
        assertThat(provider.get("keys").asInt()).isEqualTo(1);
        assertThat(provider.get("models")).extracting(JsonNode::asText).containsExactly("gpt-4.1-mini");
        JsonNode key = status.get("keys").get(0);
        assertThat(key.get("keyAlias").asText()).isEqualTo("emulated#1");
        assertThat(key.get("requestsPerMinute").get("used").asLong()).isZero();
        assertThat(key.get("providerView").isNull()).isTrue();
        assertThat(key.get("warning").asBoolean()).isFalse();
    }

    @Test
    void repliesFillInTheProvidersViewAndThe429IsCounted() throws Exception {
        assertThat(ask()).isEqualTo("gpt-4.1-mini");
        assertThat(ask()).isEqualTo("gpt-4.1-mini");

        JsonNode key = tiers().get("keys").get(0);
        // the emulator's headers: 3 a minute, 1 left after two calls
        assertThat(key.get("requestsPerMinute").get("used").asLong()).isEqualTo(2);
        assertThat(key.get("requestsPerMinute").get("limit").asLong()).isEqualTo(3);
        assertThat(key.get("requestsPerMinute").get("headroom").asLong()).isEqualTo(1);
        assertThat(key.get("requestsPerMinute").get("countedBy").asText()).isEqualTo("provider");
        assertThat(key.get("providerView").get("requestsRemaining").asLong()).isEqualTo(1);
        assertThat(key.get("providerViewFresh").asBoolean()).isTrue();
        assertThat(key.get("warning").asBoolean()).isFalse();

        assertThat(ask()).isEqualTo("gpt-4.1-mini"); // 3 of 3: the warning
        assertThat(ask()).isEqualTo("offline");      // the emulator's 429: the course answers

        JsonNode status = tiers();
        key = status.get("keys").get(0);
        assertThat(key.get("rateLimitedLastDay").asLong()).isEqualTo(1);
        assertThat(key.get("warning").asBoolean()).isTrue();
        assertThat(key.get("warnedAt").isTextual()).isTrue();
        // four calls went out (our count); the provider took three and refused the fourth
        assertThat(key.get("peakRequestsPerMinute").asLong()).isEqualTo(4);
        assertThat(key.get("providerView").get("requestsRemaining").asLong()).isZero();
        assertThat(status.get("providers").get(0).get("warnings").asInt()).isEqualTo(1);
    }
}
