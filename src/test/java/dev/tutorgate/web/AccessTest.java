package dev.tutorgate.web;

import static dev.tutorgate.web.ChatApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.web.auth.IssuedToken;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin and student tokens, the admin students API, the ?token= hand-off, health. */
class AccessTest {
    static TutorgateFixture web;
    static IssuedToken carol;

    @BeforeAll
    static void start() {
        web = new TutorgateFixture();
        carol = web.student("Carol");
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void theAdminIssuesTokensThatWorkAndAreNeverListed() throws Exception {
        HttpResponse<String> created = web.post("/api/admin/students", TutorgateFixture.ADMIN_TOKEN, "{\"name\": \"Dmitri\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode student = Json.MAPPER.readTree(created.body());
        String token = student.get("token").asText();
        assertThat(token).startsWith("tgs_").hasSizeGreaterThanOrEqualTo(4 + 22).matches("[A-Za-z0-9_-]+");

        HttpResponse<String> me = web.get("/api/me", token);
        assertThat(Json.MAPPER.readTree(me.body()).get("name").asText()).isEqualTo("Dmitri");

        HttpResponse<String> list = web.get("/api/admin/students", TutorgateFixture.ADMIN_TOKEN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(list.body()).get("students")).extracting(s -> s.get("name").asText())
                .contains("Carol", "Dmitri");
        assertThat(list.body()).doesNotContain(token).doesNotContain(carol.token()).doesNotContain("token");

        List<String> hashes = web.db().read(c -> {
            try (var s = c.createStatement(); var rows = s.executeQuery("SELECT token_hash FROM students")) {
                List<String> out = new java.util.ArrayList<>();
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
                return out;
            }
        });
        assertThat(hashes).isNotEmpty().allSatisfy(h -> assertThat(h).hasSize(64).doesNotContain(token.substring(4, 12)))
                .contains(dev.tutorgate.web.auth.AccessTokens.sha256Hex(token));
    }

    @Test
    void adminPathsNeedTheAdminToken() throws Exception {
        for (String path : new String[] {"/api/admin/students", "/admin", "/api/admin/anything"}) {
            assertError(web.get(path, null), 401, "unauthorized");
            assertError(web.get(path, "tga_wrong"), 401, "unauthorized");
            assertError(web.get(path, carol.token()), 403, "forbidden");
        }
        assertError(web.post("/api/admin/students", carol.token(), "{\"name\": \"Eve\"}"), 403, "forbidden");
        assertError(web.post("/api/admin/students", TutorgateFixture.ADMIN_TOKEN, "{\"name\": \"\"}"), 400, "invalid_request");
        assertError(web.post("/api/admin/students", TutorgateFixture.ADMIN_TOKEN, "{\"name\": 3}"), 400, "invalid_request");
        assertError(web.post("/api/admin/students", TutorgateFixture.ADMIN_TOKEN, "{\"name\": "), 400, "invalid_json");
        assertError(web.get("/api/admin/nothing", TutorgateFixture.ADMIN_TOKEN), 404, "not_found");
    }

    @Test
    void aTokenInThePageUrlMovesIntoACookieAndOutOfTheAddressBar() throws Exception {
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> handOff = noRedirects.send(web.request("/?token=" + carol.token() + "&lang=ru").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(handOff.statusCode()).isEqualTo(303);
        assertThat(handOff.headers().firstValue("Location")).hasValue("/?lang=ru");
        String cookie = handOff.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("tutorgate_student=" + carol.token()).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");

        HttpResponse<String> me = noRedirects.send(web.request("/api/me")
                .header("Cookie", "tutorgate_student=" + carol.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        // a changing request riding on the cookie from another site is refused
        HttpResponse<String> crossSite = noRedirects.send(web.request("/api/feedback")
                .header("Cookie", "tutorgate_student=" + carol.token()).header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\": \"x\", \"stars\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(crossSite, 403, "forbidden");

        HttpResponse<String> adminHandOff = noRedirects.send(web.request("/admin?token=" + TutorgateFixture.ADMIN_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(adminHandOff.statusCode()).isEqualTo(303);
        assertThat(adminHandOff.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("tutorgate_admin=");
        HttpResponse<String> adminByCookie = noRedirects.send(web.request("/api/admin/students")
                .header("Cookie", "tutorgate_admin=" + TutorgateFixture.ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(adminByCookie.statusCode()).isEqualTo(200);

        HttpResponse<String> badToken = noRedirects.send(web.request("/?token=tgs_bogus").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badToken.statusCode()).isEqualTo(303);
        assertThat(badToken.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void thePageIsServedWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = web.get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<textarea id=\"question\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(web.get("/static/app.js", null).statusCode()).isEqualTo(200);
        // every stylesheet the page links is served (the shared base first)
        assertThat(page.body()).contains("href=\"/static/base.css\"").contains("href=\"/static/app.css\"");
        assertThat(web.get("/static/base.css", null).statusCode()).isEqualTo(200);
        assertThat(web.get("/static/app.css", null).statusCode()).isEqualTo(200);
        assertThat(web.get("/webjars/marked/15.0.12/lib/marked.umd.js", null).statusCode()).isEqualTo(200);
        assertThat(web.get("/webjars/dompurify/3.2.6/dist/purify.min.js", null).statusCode()).isEqualTo(200);
        assertError(web.get("/api/course", null), 401, "unauthorized");
        JsonNode course = Json.MAPPER.readTree(web.get("/api/course", carol.token()).body());
        assertThat(course.get("title").asText()).isEqualTo("Python web development for beginners");
        assertThat(course.get("lessons")).hasSize(19);
        assertThat(course.get("exampleQuestions").isArray()).isTrue();
    }

    @Test
    void healthSaysLiveAndReadyAfterARealWrite() throws Exception {
        HttpResponse<String> live = web.get("/health/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        HttpResponse<String> ready = web.get("/health/ready", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(ready.body()).get("checks").get("ledger").asText()).isEqualTo("ok");
        long checkedAt = web.db().read(c -> {
            try (var s = c.createStatement(); var rows = s.executeQuery("SELECT checked_at FROM health_probe WHERE id = 1")) {
                return rows.next() ? rows.getLong(1) : -1L;
            }
        });
        assertThat(checkedAt).isPositive(); // the probe really wrote
    }
}
