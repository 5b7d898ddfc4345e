package dev.tutorgate.web;

import static dev.tutorgate.web.ChatApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.core.Money;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.web.auth.IssuedToken;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitoring API through real HTTP against the whole server: real chats through the pipeline
 * into the ledger, then the summary, the request log, the CSV export and the review queue are
 * checked against the database itself.
 */
class MonitoringApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = TutorgateFixture.ADMIN_TOKEN;
    static TutorgateFixture web;
    static IssuedToken ada;
    static IssuedToken boris;
    static final List<String> answered = new ArrayList<>();
    static String refused;

    @BeforeAll
    static void chat() throws Exception {
        web = new TutorgateFixture(EmulatorSettings.builder().cachedFraction(0.75).answerTokens(40).build(), """
                chat: { maxMessageChars: 300 }
                limits: { studentRequestsPerMinute: 4 }
                """);
        ada = web.student("Ada");
        boris = web.student("Boris");
        String[] questions = {"What is FastAPI?", "Compare \\\"sync\\\", and async views, please", "What is pip?",
                "How do I start a virtual environment?"};
        for (String q : questions) {
            answered.add(ask(ada, q, 200));
        }
        refused = ask(ada, "One more?", 429); // the per-student limit: 4 a minute
        answered.add(ask(boris, "What is a route?", 200));
        answered.add(ask(boris, "Explain dependency injection\\nin two lines", 200));
    }

    private static String ask(IssuedToken student, String message, int status) throws Exception {
        HttpResponse<String> r = web.post("/api/chat", student.token(), "{\"message\": \"" + message + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.headers().firstValue("X-Request-Id").orElseThrow();
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static JsonNode getJson(String path) throws Exception {
        return getJsonOn(web, path);
    }

    static JsonNode getJsonOn(TutorgateFixture web, String path) throws Exception {
        HttpResponse<String> r = web.get(path, ADMIN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    static long sql(String query) {
        return sqlOn(web, query);
    }

    static long sqlOn(TutorgateFixture web, String query) {
        return web.db().read(c -> {
            try (var s = c.prepareStatement(query); var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void theSummaryAgreesWithTheLedger() throws Exception {
        JsonNode s = getJson("/api/admin/summary");
        assertThat(s.at("/range/label").asText()).isEqualTo("today");
        assertThat(s.at("/requests/total").asLong()).isEqualTo(7).isEqualTo(sql("SELECT COUNT(*) FROM ledger WHERE is_final = 1"));
        assertThat(s.at("/requests/answered").asLong()).isEqualTo(6);
        assertThat(s.at("/requests/rateLimited").asLong()).isEqualTo(1);
        assertThat(s.at("/requests/rejectedByReason/rate_limited").asLong()).isEqualTo(1);
        long picos = sql("SELECT SUM(cost_picos) FROM ledger");
        assertThat(picos).isPositive();
        assertThat(s.at("/spend/total/picos").asLong()).isEqualTo(picos);
        assertThat(new BigDecimal(s.at("/spend/total/usd").asText())).isEqualByComparingTo(Money.usd(picos));
        assertThat(s.at("/tokens/cached").asLong()).isEqualTo(sql("SELECT SUM(cached_tokens) FROM ledger"));
        assertThat(s.at("/students/active").asLong()).isEqualTo(2);
        assertThat(s.at("/byModel/0/model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(s.at("/budget/0/limit/usd").decimalValue()).isEqualByComparingTo("20");
        assertThat(s.at("/limits/studentRequestsPerMinute").asInt()).isEqualTo(4); // as configured above
        assertThat(s.at("/limits/studentDailyUsd").isNull()).isTrue();
        Set<String> keys = new HashSet<>();
        s.get("figures").forEach(f -> keys.add(f.get("key").asText()));
        assertThat(keys).contains("cost", "cpq", "cpsm", "cacheHitRate", "cacheSaved", "ttftP50", "ttftP95", "ttftP99",
                "latencyP50", "latencyP95", "tokensPerSecond", "errorRate", "rateLimitErrorRate", "retries", "fallbacks",
                "rateLimited", "budgetDegraded", "satisfaction", "accuracy", "retrieval", "requests", "activeStudents",
                "routingSavings");
        assertThat(s.at("/series/hourly").asBoolean()).isTrue();
        assertThat(s.at("/series/points").size()).isBetween(1, 25);
    }

    @Test
    void rangesComeFromPeriodsDatesAndInstants() throws Exception {
        assertThat(getJson("/api/admin/summary?period=30d").at("/series/hourly").asBoolean()).isFalse();
        assertThat(getJson("/api/admin/summary?period=month").at("/range/label").asText()).isEqualTo("this month");
        JsonNode old = getJson("/api/admin/summary?from=2020-01-01&to=2020-01-31");
        assertThat(old.at("/requests/total").asLong()).isZero();
        assertThat(old.at("/spend/perQuery").isNull()).isTrue();
        JsonNode instants = getJson("/api/admin/summary?from=2020-01-01T00:00:00Z&to=2020-01-01T06:00:00%2B03:00");
        assertThat(instants.at("/range/from").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(instants.at("/range/to").asText()).isEqualTo("2020-01-01T03:00:00Z");
        for (String bad : List.of("period=fortnight", "from=yesterday", "from=2026-11-20&to=2026-11-19",
                "from=2020-01-01&to=2026-01-01", "period=today&from=2026-01-01")) {
            assertError(web.get("/api/admin/summary?" + bad, ADMIN), 400, "invalid_request");
        }
        JsonNode error = JSON.readTree(web.get("/api/admin/summary?period=x", ADMIN).body());
        assertThat(error.at("/error/message").asText()).startsWith("The date range is not valid");
    }

    @Test
    void theRequestLogFiltersAndPages() throws Exception {
        JsonNode first = getJson("/api/admin/requests?limit=3");
        assertThat(first.get("requests")).hasSize(3);
        assertThat(first.at("/requests/0/requestId").asText()).isEqualTo(answered.getLast()); // newest first
        long cursor = first.get("nextBefore").asLong();
        JsonNode second = getJson("/api/admin/requests?limit=3&before=" + cursor);
        JsonNode third = getJson("/api/admin/requests?limit=3&before=" + second.get("nextBefore").asLong());
        List<String> all = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("requests").forEach(r -> all.add(r.get("requestId").asText()));
        }
        assertThat(all).hasSize(7).doesNotHaveDuplicates();
        assertThat(third.get("nextBefore").isNull()).isTrue();

        JsonNode boriss = getJson("/api/admin/requests?student=" + boris.student().id());
        assertThat(boriss.get("requests")).hasSize(2).allSatisfy(r -> assertThat(r.get("studentName").asText()).isEqualTo("Boris"));
        JsonNode rejected = getJson("/api/admin/requests?outcome=rejected");
        assertThat(rejected.get("requests")).singleElement()
                .satisfies(r -> assertThat(r.get("requestId").asText()).isEqualTo(refused))
                .satisfies(r -> assertThat(r.get("attempts").asInt()).isZero());
        assertThat(getJson("/api/admin/requests?model=gpt-4.1-mini").get("requests")).hasSize(6);
        assertThat(getJson("/api/admin/requests?model=nope").get("requests")).isEmpty();
        assertThat(getJson("/api/admin/requests?period=yesterday").get("requests")).isEmpty();
        JsonNode line = getJson("/api/admin/requests?limit=1").at("/requests/0");
        assertThat(line.get("question").asText()).isEqualTo("Explain dependency injection\nin two lines");
        assertThat(line.at("/cost/picos").asLong()).isPositive();

        assertError(web.get("/api/admin/requests?outcome=great", ADMIN), 400, "invalid_request");
        assertError(web.get("/api/admin/requests?before=abc", ADMIN), 400, "invalid_request");
        assertError(web.get("/api/admin/requests?limit=0", ADMIN), 400, "invalid_request");
        assertError(web.get("/api/admin/requests?limit=501", ADMIN), 400, "invalid_request");
    }

    @Test
    void aRequestsDetail() throws Exception {
        String id = answered.get(1);
        JsonNode d = getJson("/api/admin/requests/" + id);
        assertThat(d.get("question").asText()).isEqualTo("Compare \"sync\", and async views, please");
        assertThat(d.get("answer").asText()).isNotBlank();
        assertThat(d.get("attempts")).singleElement().satisfies(a -> {
            assertThat(a.get("model").asText()).isEqualTo("gpt-4.1-mini");
            assertThat(a.get("outcome").asText()).isEqualTo("ok");
            assertThat(a.at("/usage/cachedInputTokens").asLong()).isPositive();
            assertThat(a.get("keyAlias").asText()).doesNotContain("sk-emulated");
        });
        assertThat(d.at("/summary/studentName").asText()).isEqualTo("Ada");
        assertThat(getJson("/api/admin/requests/" + refused).get("attempts")).singleElement()
                .satisfies(a -> assertThat(a.get("errorKind").asText()).isEqualTo("rate_limited"));
        assertError(web.get("/api/admin/requests/no-such-request", ADMIN), 404, "request_not_found");
    }

    @Test
    void theCsvExportParsesBackToTheLog() throws Exception {
        HttpResponse<String> r = web.get("/api/admin/requests.csv", ADMIN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        List<List<String>> rows = Csv.parse(r.body());
        assertThat(rows.getFirst()).startsWith("requestId", "startedAt", "studentId");
        assertThat(rows).hasSize(8);
        assertThat(rows.stream().skip(1).map(List::getFirst)).containsExactlyInAnyOrderElementsOf(
                concat(answered, refused));
        List<String> quoted = rows.stream().filter(row -> row.getFirst().equals(answered.get(1))).findFirst().orElseThrow();
        assertThat(quoted.getLast()).isEqualTo("Compare \"sync\", and async views, please");
        BigDecimal total = rows.stream().skip(1).map(row -> new BigDecimal(row.get(10))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo(Money.usd(sql("SELECT SUM(cost_picos) FROM ledger")));

        List<List<String>> adas = Csv.parse(web.get("/api/admin/requests.csv?outcome=ok&student=" + ada.student().id(), ADMIN).body());
        assertThat(adas).hasSize(5);
    }

    @Test
    void theReviewQueueSamplesAndRecordsVerdicts() throws Exception {
        JsonNode sample = getJson("/api/admin/reviews/sample?n=3");
        assertThat(sample.get("sample")).hasSize(3).allSatisfy(d -> {
            assertThat(answered).contains(d.at("/summary/requestId").asText());
            assertThat(d.get("answer").asText()).isNotBlank();
        });
        String id = sample.at("/sample/0/summary/requestId").asText();
        HttpResponse<String> saved = web.post("/api/admin/reviews", ADMIN,
                "{\"requestId\": \"" + id + "\", \"verdict\": \"correct\", \"note\": \"  clear  \"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).at("/review/note").asText()).isEqualTo("clear");
        HttpResponse<String> changed = web.post("/api/admin/reviews", ADMIN, "{\"requestId\": \"" + id + "\", \"verdict\": \"incorrect\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(sql("SELECT COUNT(*) FROM reviews")).isEqualTo(1);

        JsonNode accuracy = getJson("/api/admin/summary").at("/quality/accuracy");
        assertThat(accuracy.get("reviewed").asLong()).isEqualTo(1);
        assertThat(accuracy.get("incorrect").asLong()).isEqualTo(1);
        JsonNode all = getJson("/api/admin/reviews/sample?n=50");
        assertThat(all.get("sample")).hasSize(answered.size() - 1)
                .noneSatisfy(d -> assertThat(d.at("/summary/requestId").asText()).isEqualTo(id));
        assertThat(getJson("/api/admin/reviews/sample?period=yesterday").get("sample")).isEmpty();

        assertError(web.post("/api/admin/reviews", ADMIN, "{\"requestId\": \"" + id + "\", \"verdict\": \"meh\"}"), 400, "invalid_request");
        assertError(web.post("/api/admin/reviews", ADMIN, "{\"requestId\": \"" + refused + "\", \"verdict\": \"correct\"}"), 404, "request_not_found");
        assertError(web.post("/api/admin/reviews", ADMIN, "{\"requestId\": \"nope\", \"verdict\": \"correct\"}"), 404, "request_not_found");
        assertError(web.post("/api/admin/reviews", ADMIN, "{\"verdict\": \"correct\"}"), 400, "invalid_request");
        assertError(web.post("/api/admin/reviews", ADMIN, "{\"requestId\": \"" + id + "\", \"verdict\": \"correct\", \"note\": \""
                + "x".repeat(2001) + "\"}"), 400, "invalid_request");
        assertError(web.post("/api/admin/reviews", ADMIN, "{not json"), 400, "invalid_json");
        assertError(web.get("/api/admin/reviews/sample?n=0", ADMIN), 400, "invalid_request");
        assertError(web.get("/api/admin/reviews/sample?n=51", ADMIN), 400, "invalid_request");
    }

    @Test
    void everythingIsBehindTheAdminToken() throws Exception {
        List<String> paths = List.of("/admin", "/api/admin/summary", "/api/admin/requests", "/api/admin/requests.csv",
                "/api/admin/requests/" + answered.getFirst(), "/api/admin/reviews/sample");
        for (String path : paths) {
            assertError(web.get(path, null), 401, "unauthorized");
            assertError(web.get(path, ada.token()), 403, "forbidden");
            assertError(web.get(path, "tga_wrong-token"), 401, "unauthorized");
        }
        assertError(web.post("/api/admin/reviews", null, "{}"), 401, "unauthorized");
        assertError(web.post("/api/admin/reviews", boris.token(), "{\"requestId\": \"" + answered.getFirst()
                + "\", \"verdict\": \"correct\"}"), 403, "forbidden");
        HttpResponse<String> page = web.get("/admin", ADMIN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(page.body()).contains("/webjars/chart.js/4.4.1/dist/chart.umd.js").doesNotContain("{{");
        assertThat(web.get("/webjars/chart.js/4.4.1/dist/chart.umd.js", null).statusCode()).isEqualTo(200);
        assertThat(web.get("/static/admin/dashboard.js", null).statusCode()).isEqualTo(200);
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> out = new ArrayList<>(list);
        out.add(one);
        return out;
    }
}
