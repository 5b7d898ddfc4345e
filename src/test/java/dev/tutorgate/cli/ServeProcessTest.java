package dev.tutorgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.storage.Database;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.auth.IssuedToken;
import dev.tutorgate.web.auth.JdbcStudents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code serve} as a child JVM: its banner, an answer, SIGKILL right after it, SIGTERM. */
class ServeProcessTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private static Path freshDir() throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"),
                "serve-" + UUID.randomUUID()).toAbsolutePath());
    }

    /** Starts {@code tutorgate serve ARGS} on the test class path in {@code dir}; collects its output lines. */
    private static Process serve(Path dir, List<String> output, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The logging set-up users get (src/main/resources), not the tests' one.
        String logging = "-Dlogback.configurationFile=" + Path.of("target/classes/logback.xml").toAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", logging,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        Thread.startVirtualThread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        return process;
    }

    private static String find(List<String> output, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : output) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    @Test
    void anAnswerIsInTheLedgerEvenWhenTheServerIsKilledRightAfterIt() throws Exception {
        Path dir = freshDir();
        Path dbFile = dir.resolve("ledger.db");
        Path config = dir.resolve("tutorgate.yaml");
        Files.writeString(config, "storage: { ledger: \"jdbc:sqlite:" + dbFile + "\" }\n");
        IssuedToken kim;
        try (Database db = Database.open("jdbc:sqlite:" + dbFile)) {
            kim = new JdbcStudents(db, Clock.systemUTC()).add("Kim");
        }
        String token = kim.token();
        List<String> output = new CopyOnWriteArrayList<>();
        Process server = serve(dir, output, "--config", config.toString(), "--port", "0");
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> find(output, "serving on (http://\\S+)") != null || !server.isAlive());
            String base = find(output, "serving on (http://\\S+)");
            assertThat(base).as(String.join("\n", output)).isNotNull();
            assertThat(output).anySatisfy(l -> assertThat(l).contains("Student chat: ").contains("1 student"));

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "api/chat"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"What is a virtual environment?\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            server.destroyForcibly(); // SIGKILL, right after the response ended
            server.waitFor(30, TimeUnit.SECONDS);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = Json.MAPPER.readTree(answer.body());
            String requestId = body.get("requestId").asText();
            try (Database db = Database.open("jdbc:sqlite:" + dbFile)) {
                List<String> row = db.read(c -> {
                    try (var s = c.prepareStatement(
                            "SELECT outcome, model, student_id, is_final FROM ledger WHERE request_id = ?")) {
                        s.setString(1, requestId);
                        try (var rows = s.executeQuery()) {
                            return rows.next() ? List.of(rows.getString(1), rows.getString(2), rows.getString(3),
                                    rows.getString(4)) : List.<String>of();
                        }
                    }
                });
                assertThat(row).containsExactly("ok", "offline", kim.student().id(), "1");
            }
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void withEmbeddedDefaultsItPrintsWorkingUrlsAndStopsCleanlyOnSigterm() throws Exception {
        Path dir = freshDir();
        List<String> output = new CopyOnWriteArrayList<>();
        Process server = serve(dir, output, "--port", "0");
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> find(output, "Admin dashboard: (\\S+)") != null || !server.isAlive());
            String studentUrl = find(output, "Student chat \\(demo student\\): (\\S+)");
            String adminUrl = find(output, "Admin dashboard: (\\S+)");
            assertThat(studentUrl).as(String.join("\n", output)).contains("?token=tgs_");
            assertThat(adminUrl).contains("/admin?token=tga_");
            assertThat(output).anySatisfy(l -> assertThat(l).contains("19 lessons"))
                    .anySatisfy(l -> assertThat(l).startsWith("Models that answer: offline"));
            String base = studentUrl.substring(0, studentUrl.indexOf('?'));
            String token = studentUrl.substring(studentUrl.indexOf("token=") + 6);
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "api/me"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.body()).contains("\"name\":\"demo\"");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "api/chat"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"What is pip?\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String requestId = Json.MAPPER.readTree(answer.body()).get("requestId").asText();

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // The logging set-up users get writes the documented line per request.
            assertThat(output).anySatisfy(l -> assertThat(l).contains("chat request=" + requestId, "outcome=ok"));
            assertThat(Files.exists(dir.resolve("data").resolve("tutorgate.db"))).isTrue();
            assertThat(String.join("\n", output)).doesNotContain("Exception");
        } finally {
            server.destroyForcibly();
        }
    }
}
