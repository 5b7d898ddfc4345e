package dev.tutorgate.web;

import dev.tutorgate.app.Core;
import dev.tutorgate.app.CoreAssembly;
import dev.tutorgate.app.TutorgateServer;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.LoadedConfig;
import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.storage.Database;
import dev.tutorgate.web.auth.IssuedToken;
import dev.tutorgate.web.auth.JdbcStudents;
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

/**
 * The whole server as {@code serve} builds it — real pipeline, course, ledger, limits, budget —
 * on a free port with a fresh SQLite file, answering through the built-in provider emulator
 * (OpenAI protocol, model gpt-4.1-mini, offline as the fallback).
 */
final class TutorgateFixture implements AutoCloseable {
    static final String ADMIN_TOKEN = "tga_fixture-admin-token";

    final Emulator emulator;
    final Core core;
    final TutorgateServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final URI base;

    /** @param extraYaml merged over the fixture's configuration (later keys win) */
    TutorgateFixture(EmulatorSettings upstream, String extraYaml) {
        this(upstream, extraYaml, WebParts.Options.DEFAULTS);
    }

    TutorgateFixture(EmulatorSettings upstream, String extraYaml, WebParts.Options options) {
        emulator = Emulator.start(upstream);
        Path dir = Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"), "web-" + UUID.randomUUID());
        LoadedConfig loaded = ConfigLoader.fromYaml("""
                server: { port: 0, maxBodyBytes: 4096 }
                admin: { token: "%s" }
                chat: { maxMessageChars: 100 }
                providers:
                  - { name: emulated, type: openai, baseUrl: "%s", apiKeys: ["sk-emulated"] }
                models:
                  - { name: gpt-4.1-mini, provider: emulated }
                routing: { simple: gpt-4.1-mini, medium: gpt-4.1-mini, complex: gpt-4.1-mini, fallbacks: [offline] }
                retry: { maxAttempts: 1, backoffSeconds: [0] }
                storage: { ledger: "jdbc:sqlite:%s", requestLog: null }
                """.formatted(ADMIN_TOKEN, emulator.baseUrl(), dir.resolve("tutorgate.db")) + extraYaml,
                "test", Map.of());
        core = CoreAssembly.open(loaded.config(), Clock.systemUTC());
        server = TutorgateServer.start(loaded, core, Clock.systemUTC(), options);
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    TutorgateFixture() {
        this(EmulatorSettings.instant(), "");
    }

    Database db() {
        return core.db();
    }

    dev.tutorgate.monitoring.Monitoring monitoring() {
        return core.monitoring().orElseThrow();
    }

    IssuedToken student(String name) {
        return new JdbcStudents(db(), Clock.systemUTC()).add(name);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
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

    /** One column of the ledger rows of a request, in attempt order. */
    List<String> ledger(String requestId, String column) {
        return db().read(c -> {
            try (var s = c.prepareStatement("SELECT " + column + " FROM ledger WHERE request_id = ? ORDER BY attempt")) {
                s.setString(1, requestId);
                try (var rows = s.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(rows.getString(1));
                    }
                    return out;
                }
            }
        });
    }

    /** The request id of the student's latest ledger row. */
    String lastRequestOf(String studentId) {
        return db().read(c -> {
            try (var s = c.prepareStatement("SELECT request_id FROM ledger WHERE student_id = ? ORDER BY id DESC LIMIT 1")) {
                s.setString(1, studentId);
                try (var rows = s.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
    }

    /** stars, comment, student_id of the feedback row for {@code requestId}; empty when there is none. */
    List<String> feedbackRow(String requestId) {
        return db().read(c -> {
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
        try {
            server.close();
        } finally {
            emulator.close();
        }
    }
}
