package dev.tutorgate.web;

import static dev.tutorgate.web.ChatApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.gateway.AnswerMeta;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.storage.Database;
import dev.tutorgate.web.auth.IssuedToken;
import dev.tutorgate.web.auth.JdbcStudents;
import dev.tutorgate.web.health.DatabaseWriteProbe;
import dev.tutorgate.web.health.ReadinessCheck;
import dev.tutorgate.web.page.CourseInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the web layer does when what is behind it misbehaves: a chat service that throws before or
 * during a stream, or returns without an outcome; a readiness check that fails. The services here
 * are lambdas of the ChatService interface: no real part can be made to have these bugs.
 */
class WebLayerRobustnessTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private record Server(WebServer web, Database db, String token) implements AutoCloseable {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + web.port() + path);
        }

        @Override
        public void close() {
            web.stop();
            db.close();
        }
    }

    private static Server start(ChatService chat, List<ReadinessCheck> extraChecks) {
        Path file = Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"), "robust-" + UUID.randomUUID(), "t.db");
        Database db = Database.open("jdbc:sqlite:" + file);
        TutorgateConfig config = ConfigLoader.fromYaml("server: { port: 0 }\n", "test", Map.of()).config();
        List<ReadinessCheck> checks = new java.util.ArrayList<>(extraChecks);
        checks.add(new DatabaseWriteProbe(db, Clock.systemUTC()));
        WebServer web = WebServer.start(new WebParts(config, chat, db, "tga_admin", new CourseInfo("C", List.of(), List.of()),
                checks, List.of(), Clock.systemUTC(), null));
        IssuedToken student = new JdbcStudents(db, Clock.systemUTC()).add("S");
        return new Server(web, db, student.token());
    }

    private HttpResponse<String> ask(Server s, boolean streamed) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/api/chat")).header("Authorization", "Bearer " + s.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"hi\"}"));
        if (streamed) {
            b.header("Accept", "text/event-stream");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aServiceThatThrowsIsA500WithoutItsDetails() throws Exception {
        ChatService broken = (command, listener) -> {
            throw new IllegalStateException("secret-detail sk-THIS-MUST-NOT-LEAK");
        };
        try (Server s = start(broken, List.of())) {
            for (boolean streamed : new boolean[] {false, true}) {
                HttpResponse<String> response = ask(s, streamed);
                assertError(response, 500, "internal");
                assertThat(response.body()).doesNotContain("secret-detail").doesNotContain("sk-THIS");
                assertThat(Json.MAPPER.readTree(response.body()).get("error").get("message").asText())
                        .isEqualTo("Something went wrong on our side; we are on it.");
            }
        }
    }

    @Test
    void aServiceThatThrowsMidStreamEndsTheStreamWithAnInternalError() throws Exception {
        ChatService halfway = (command, listener) -> {
            listener.onMeta(new AnswerMeta(command.requestId(), "c1", "m", "simple", null));
            listener.onDelta("Half an ");
            throw new IllegalStateException("secret-detail");
        };
        try (Server s = start(halfway, List.of())) {
            HttpResponse<String> response = ask(s, true);
            assertThat(response.statusCode()).isEqualTo(200);
            List<SseEvent> events = SseEvent.parse(response.body());
            assertThat(events).extracting(SseEvent::name).containsExactly("meta", "delta", "error");
            JsonNode error = Json.MAPPER.readTree(events.getLast().data()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("internal");
            assertThat(response.body()).doesNotContain("secret-detail");
        }
    }

    @Test
    void aServiceThatSaysNothingIsA500() throws Exception {
        try (Server s = start((command, listener) -> { }, List.of())) {
            assertError(ask(s, false), 500, "internal");
            assertError(ask(s, true), 500, "internal");
        }
    }

    @Test
    void jettysOwnRefusalsAreContractJsonToo() throws Exception {
        try (Server s = start((command, listener) -> { }, List.of());
             java.net.Socket socket = new java.net.Socket("127.0.0.1", s.web().port())) {
            String request = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000)
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 431").containsIgnoringCase("Content-Type: application/json")
                    .contains("\"code\":\"body_too_large\"").doesNotContain("<html");
        }
    }

    @Test
    void aFailingReadinessCheckIs503WithItsName() throws Exception {
        ReadinessCheck course = new ReadinessCheck() {
            @Override
            public String name() {
                return "course";
            }

            @Override
            public String problem() {
                return "no lessons loaded";
            }
        };
        ReadinessCheck exploding = new ReadinessCheck() {
            @Override
            public String name() {
                return "other";
            }

            @Override
            public String problem() {
                throw new IllegalStateException("boom");
            }
        };
        try (Server s = start((command, listener) -> { }, List.of(course, exploding))) {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(s.uri("/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode body = Json.MAPPER.readTree(ready.body());
            assertThat(body.get("status").asText()).isEqualTo("not_ready");
            assertThat(body.get("checks").get("course").asText()).isEqualTo("no lessons loaded");
            assertThat(body.get("checks").get("other").asText()).isEqualTo("check failed (IllegalStateException)");
            assertThat(body.get("checks").get("ledger").asText()).isEqualTo("ok");
            assertThat(http.send(HttpRequest.newBuilder(s.uri("/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
