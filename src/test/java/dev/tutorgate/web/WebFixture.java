package dev.tutorgate.web;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.web.auth.IssuedToken;
import dev.tutorgate.web.health.DatabaseWriteProbe;
import dev.tutorgate.web.health.ReadinessCheck;
import dev.tutorgate.web.page.CourseInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.tutorgate.storage.Database;

/** A real server on a free port, a real SQLite file, and an HTTP client. */
final class WebFixture implements AutoCloseable {
    static final String ADMIN_TOKEN = "tga_fixture-admin-token";

    final Database db;
    final ScriptedChatService chat;
    final WebServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final URI base;
    final List<ReadinessCheck> readiness = new ArrayList<>();
    volatile String courseProblem;

    WebFixture(String extraYaml, Duration heartbeat) throws Exception {
        Path dir = Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"), "web-" + UUID.randomUUID());
        db = Database.open("jdbc:sqlite:" + dir.resolve("tutorgate.db"));
        TutorgateConfig config = ConfigLoader.fromYaml("""
                server: { port: 0, maxBodyBytes: 4096 }
                chat: { maxMessageChars: 100 }
                models: []
                """ + extraYaml, "test", Map.of()).config();
        chat = new ScriptedChatService(db, config.chat().maxMessageChars());
        readiness.add(new ReadinessCheck() {
            @Override
            public String name() {
                return "course";
            }

            @Override
            public String problem() {
                return courseProblem;
            }
        });
        readiness.add(new DatabaseWriteProbe(db, Clock.systemUTC()));
        server = WebServer.start(new WebParts(config, chat, db, ADMIN_TOKEN,
                new CourseInfo("Python web development", List.of("FastAPI basics"), List.of("What is FastAPI?")),
                readiness, List.of(), Clock.systemUTC(), new WebParts.Options(heartbeat, Duration.ofSeconds(5))));
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    WebFixture() throws Exception {
        this("", Duration.ofSeconds(15));
    }

    IssuedToken student(String name) {
        return server.students().add(name);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = request(path).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpResponse<String> post(String path, String token, String json, String... headers) throws Exception {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** stars, comment, student_id of the feedback row for {@code requestId}; empty when there is none. */
    List<String> feedbackRow(String requestId) throws Exception {
        return db.read(c -> {
            try (var s = c.prepareStatement("SELECT stars, comment, student_id FROM feedback WHERE request_id = ?")) {
                s.setString(1, requestId);
                try (var rows = s.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    if (rows.next()) {
                        out.add(rows.getString(1));
                        out.add(rows.getString(2));
                        out.add(rows.getString(3));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void close() {
        server.stop();
        db.close();
    }
}
