package dev.tutorgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.LoadedConfig;
import dev.tutorgate.gateway.ChatService;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.tutorgate.storage.Database;
import org.junit.jupiter.api.Test;

class TutorgateServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private record TestCore(Database db, boolean[] closed) implements Core {
        @Override
        public ChatService chat() {
            return (command, listener) -> {
                throw new IllegalStateException("not asked in this test");
            };
        }

        @Override
        public CourseInfo course() {
            return new CourseInfo("Course", List.of(), List.of());
        }

        @Override
        public List<ReadinessCheck> readiness() {
            return List.of();
        }

        @Override
        public List<String> startupLines() {
            return List.of("Course: 19 lessons, 41,000 tokens");
        }

        @Override
        public void close() {
            closed[0] = true;
        }
    }

    private static TestCore core() throws Exception {
        Path file = Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"), "app-" + UUID.randomUUID(), "t.db");
        return new TestCore(Database.open("jdbc:sqlite:" + file), new boolean[1]);
    }

    private int status(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String token(List<String> banner, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + ".*token=(\\S+)").matcher(String.join("\n", banner));
        assertThat(m.find()).as(String.join("\n", banner)).isTrue();
        return m.group(1);
    }

    @Test
    void withEmbeddedDefaultsTheBannerCarriesWorkingDemoAndAdminUrls() throws Exception {
        LoadedConfig loaded = ConfigLoader.fromYaml(null, "embedded defaults", Map.of("TUTORGATE_SERVER_PORT", "0"));
        TestCore core = core();
        String firstDemoToken;
        try (TutorgateServer server = TutorgateServer.start(loaded, core, Clock.systemUTC())) {
            List<String> banner = server.banner();
            assertThat(banner).anySatisfy(l -> assertThat(l).startsWith("tutorgate is serving on http://127.0.0.1:" + server.port()));
            assertThat(banner).contains("Course: 19 lessons, 41,000 tokens", "Configuration: embedded defaults");
            firstDemoToken = token(banner, "Student chat (demo student): ");
            String admin = token(banner, "Admin dashboard: ");
            String base = "http://127.0.0.1:" + server.port();
            assertThat(status(base + "/api/me", firstDemoToken)).isEqualTo(200);
            assertThat(status(base + "/api/admin/students", admin)).isEqualTo(200);
            assertThat(status(base + "/api/admin/students", firstDemoToken)).isEqualTo(403);
        }
        assertThat(core.closed()[0]).isTrue();

        // the next start re-keys the same demo student: one account, the old link stops working
        try (TutorgateServer again = TutorgateServer.start(loaded, new TestCore(core.db(), new boolean[1]), Clock.systemUTC())) {
            String base = "http://127.0.0.1:" + again.port();
            String admin = token(again.banner(), "Admin dashboard: ");
            assertThat(status(base + "/api/me", firstDemoToken)).isEqualTo(401);
            assertThat(status(base + "/api/me", token(again.banner(), "Student chat (demo student): "))).isEqualTo(200);
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/students"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.body().split("\"name\":\"demo\"", -1)).hasSize(2);
        }
    }

    @Test
    void aConfiguredAdminTokenIsUsedAndNeverPrinted() throws Exception {
        LoadedConfig loaded = ConfigLoader.fromYaml("server: { port: 0 }\nadmin: { token: \"${ADMIN}\" }\n", "my.yaml",
                Map.of("ADMIN", "tga_configured-secret-123"));
        try (TutorgateServer server = TutorgateServer.start(loaded, core(), Clock.systemUTC())) {
            assertThat(String.join("\n", server.banner())).doesNotContain("tga_configured-secret-123")
                    .doesNotContain("demo student").contains("add one with: tutorgate students add NAME");
            assertThat(status("http://127.0.0.1:" + server.port() + "/api/admin/students", "tga_configured-secret-123"))
                    .isEqualTo(200);
        }
    }
}
