package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.JdbcLedger;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.ledger.RequestLog;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.web.auth.IssuedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's Chromium after a stress-like run: 80 real chat requests from six
 * students at once through the whole server (the emulator answers, one call in ten fails, the
 * per-student limit refuses some), then the page's cards against /api/admin/summary and a direct
 * SQL sum, the four charts drawn, the date filter, the request log, the review queue, a phone
 * width, and the page refused without the token. Screenshots go to target/screenshots/.
 */
@Tag("browser")
class AdminDashboardBrowserTest {
    static TutorgateFixture web;
    static final String ADMIN = TutorgateFixture.ADMIN_TOKEN;
    static final long OLD_COST_PICOS = Money.picosFromUsd("1.23");

    @BeforeAll
    static void stressRun() throws Exception {
        web = new TutorgateFixture(EmulatorSettings.builder().ttftMs(25).tokensPerSecond(4_000).answerTokens(60)
                .cachedFraction(0.8).failureRate(0.1).randomSeed(7).build(), """
                limits: { studentRequestsPerMinute: 12 }
                chat: { maxMessageChars: 400 }
                """);
        List<IssuedToken> students = new ArrayList<>();
        for (String name : List.of("Ada", "Boris", "Chen", "Dina", "Emil", "Fatima")) {
            students.add(web.student(name));
        }
        String[] questions = {"What is FastAPI?", "How do I install packages with pip?",
                "Why does my async view block the event loop when I call requests.get inside it? Here is the code: async def v(): requests.get(url)",
                "Compare Flask and FastAPI for a small API", "What is a virtual environment?"};
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                IssuedToken s = students.get(i % students.size());
                String body = "{\"message\": \"" + questions[i % questions.length].replace("\"", "\\\"") + "\"}";
                boolean streamed = i % 2 == 0;
                results.add(pool.submit(() -> streamed
                        ? web.post("/api/chat", s.token(), body, "Accept", "text/event-stream").statusCode()
                        : web.post("/api/chat", s.token(), body).statusCode()));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isIn(200, 429, 502, 503);
            }
        }
        // a request ten days ago, before "today" but within the last 30 days
        try (JdbcLedger ledger = new JdbcLedger(web.db(), RequestLog.open(null))) {
            ledger.record(new LedgerEntry("old-request", 1, true, Instant.now().minus(Duration.ofDays(10)), null, null,
                    "simple", "gpt-4.1-mini", "emulated", null, Outcome.OK, null, null,
                    new Usage(1000, 0, 0, 0, 100, 0, false), OLD_COST_PICOS, OLD_COST_PICOS, null, null, false, false, null));
        }
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static long sql(String query) {
        return MonitoringApiTest.sqlOn(web, query);
    }

    static String cardText(ChromeDriver driver, String key) {
        return driver.findElement(By.cssSelector("#cards .card[data-key='" + key + "'] .value")).getText();
    }

    static Object js(ChromeDriver driver, String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Non-transparent pixels of a canvas: 0 for a chart that never drew. */
    static long inkOf(ChromeDriver driver, String canvasId) {
        return (Long) js(driver, """
                const c = document.getElementById(arguments[0]);
                if (!c || !c.width || !c.height) return 0;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
                return n;""", canvasId);
    }

    static long labelsOf(ChromeDriver driver, String canvasId) {
        return (Long) js(driver, "return Chart.getChart(document.getElementById(arguments[0])).data.labels.length;", canvasId);
    }

    static void waitForSummary(ChromeDriver driver, String rangeLabel) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            Object label = js(driver, "const s = window.tutorgateDashboard.summary; return s && s.range.label;");
            return rangeLabel.equals(label) && !driver.findElements(By.cssSelector("#cards .card")).isEmpty();
        });
    }

    @Test
    void withoutTheTokenThePageIsRefused() throws Exception {
        ChromeDriver driver = StudentPageBrowserTest.chrome("en");
        try {
            driver.get(web.base + "/admin");
            String body = driver.findElement(By.tagName("body")).getText();
            assertThat(body).contains("\"code\":\"unauthorized\"").doesNotContain("tutorgate monitoring");
            assertThat(driver.findElements(By.id("cards"))).isEmpty();
            IssuedToken student = web.student("Curious");
            driver.get(web.base + "/admin?token=" + student.token());
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("\"code\":\"forbidden\"");
        } finally {
            driver.quit();
        }
    }

    @Test
    void theDashboardShowsTheLedgersFigures() throws Exception {
        ChromeDriver driver = StudentPageBrowserTest.chrome("en");
        try {
            driver.get(web.base + "/admin?token=" + ADMIN);
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/admin"));
            assertThat(driver.getCurrentUrl()).doesNotContain("token");
            waitForSummary(driver, "today");

            // The page's own summary: figures projected over the elapsed part of the day (CPSM) change from one
            // fetch to the next, so the cards are checked against what the page fetched, and that against the ledger.
            JsonNode api = new ObjectMapper().readTree((String) js(driver, "return JSON.stringify(window.tutorgateDashboard.summary);"));
            String today = " WHERE started_at >= " + Instant.parse(api.at("/range/from").asText()).toEpochMilli()
                    + " AND started_at < " + Instant.parse(api.at("/range/to").asText()).toEpochMilli();
            long todayPicos = sql("SELECT SUM(cost_picos) FROM ledger" + today);
            assertThat(todayPicos).isPositive();
            assertThat(cardText(driver, "cost")).isEqualTo(Money.format(todayPicos)).isEqualTo(figure(api, "cost").get("text").asText())
                    .isEqualTo(figure(MonitoringApiTest.getJsonOn(web, "/api/admin/summary"), "cost").get("text").asText());
            assertThat(cardText(driver, "requests"))
                    .isEqualTo(Long.toString(sql("SELECT COUNT(*) FROM ledger" + today + " AND is_final = 1")));
            for (String key : List.of("cpq", "cpsm", "cacheHitRate", "cacheSaved", "ttftP50", "ttftP95", "errorRate",
                    "rateLimited", "activeStudents")) {
                JsonNode f = figure(api, key);
                assertThat(cardText(driver, key)).as(key).isEqualTo(f.get("text").asText());
                assertThat(driver.findElement(By.cssSelector("#cards .card[data-key='" + key + "']")).getDomAttribute("data-status"))
                        .as(key).isEqualTo(f.get("status").asText());
            }
            assertThat(api.at("/requests/rateLimited").asLong()).isPositive(); // the stress run hit the per-student limit
            assertThat(cardText(driver, "activeStudents")).isEqualTo("6");
            assertThat(driver.findElement(By.cssSelector("#budget [data-period='day'] .amount")).getText())
                    .isEqualTo(api.at("/budget/0/text").asText()).contains("/ $20.00");

            // the scaling panel: the advisor's headline, its advice each once, the table's row for 6 students marked
            assertThat(driver.findElement(By.id("headline")).getText()).isEqualTo(api.at("/scaling/headline").asText())
                    .startsWith("6 students: Free tier + Gemini 2.5 Flash");
            List<String> topics = new ArrayList<>();
            api.at("/scaling/advice").forEach(a -> topics.add(a.get("topic").asText()));
            assertThat(driver.findElements(By.cssSelector("#advice li.advice")))
                    .extracting(e -> e.getDomAttribute("data-topic")).containsExactlyElementsOf(topics).contains("tier");
            assertThat(driver.findElement(By.cssSelector("#thresholds tr.current")).getDomProperty("textContent"))
                    .startsWith("< 50");

            for (String chart : List.of("chart-cost", "chart-cache", "chart-latency", "chart-models")) {
                assertThat(inkOf(driver, chart)).as(chart + " drew").isGreaterThan(500);
            }
            assertThat(labelsOf(driver, "chart-cost")).isEqualTo(24);
            StudentPageBrowserTest.screenshot(driver, "admin-dashboard");
            fullPageScreenshot(driver, "admin-dashboard-full");

            driver.findElement(By.cssSelector(".preset[data-period='30d']")).click();
            waitForSummary(driver, "last 30 days");
            assertThat(labelsOf(driver, "chart-cost")).isEqualTo(30);
            assertThat(cardText(driver, "cost")).isEqualTo(Money.format(todayPicos + OLD_COST_PICOS));
            assertThat(cardText(driver, "requests")).isEqualTo(Long.toString(sql("SELECT COUNT(*) FROM ledger WHERE is_final = 1")));
            assertThat(inkOf(driver, "chart-cost")).isGreaterThan(500);
            StudentPageBrowserTest.screenshot(driver, "admin-dashboard-30-days");

            driver.findElement(By.cssSelector(".preset[data-period='today']")).click();
            waitForSummary(driver, "today");
            assertThat(cardText(driver, "cost")).isEqualTo(Money.format(todayPicos));
        } finally {
            driver.quit();
        }
    }

    @Test
    void theRequestLogDetailAndReviewQueue() throws Exception {
        ChromeDriver driver = StudentPageBrowserTest.chrome("en");
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(web.base + "/admin?token=" + ADMIN);
            waitForSummary(driver, "today");
            wait.until(d -> d.findElements(By.cssSelector("#log tbody tr")).size() == 50);
            assertThat(driver.findElement(By.id("older")).isDisplayed()).isTrue();
            driver.findElement(By.id("older")).click();
            long total = sql("SELECT COUNT(*) FROM ledger WHERE is_final = 1 AND request_id <> 'old-request'");
            wait.until(d -> d.findElements(By.cssSelector("#log tbody tr")).size() == total);

            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("f-outcome"))).selectByValue("rejected");
            driver.findElement(By.cssSelector("#log-filters button[type='submit']")).click();
            long refused = sql("SELECT COUNT(*) FROM ledger WHERE attempt = 0");
            wait.until(d -> d.findElements(By.cssSelector("#log tbody tr")).size() == refused);
            assertThat(driver.findElement(By.id("csv")).getDomAttribute("href")).contains("outcome=rejected");

            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("f-outcome"))).selectByValue("ok");
            driver.findElement(By.cssSelector("#log-filters button[type='submit']")).click();
            wait.until(d -> d.findElements(By.cssSelector("#log tbody tr td.outcome-ok")).size()
                    == d.findElements(By.cssSelector("#log tbody tr")).size());
            WebElement first = driver.findElement(By.cssSelector("#log tbody tr"));
            String requestId = first.getDomAttribute("data-request-id");
            first.click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
            assertThat(driver.findElement(By.id("detail-title")).getText()).isEqualTo("Request " + requestId);
            assertThat(driver.findElement(By.id("detail-question")).getText()).isNotBlank().isNotEqualTo("(not kept)");
            assertThat(driver.findElements(By.cssSelector("#detail-attempts tbody tr"))).isNotEmpty();
            StudentPageBrowserTest.screenshot(driver, "admin-request-detail");
            driver.findElement(By.cssSelector("#detail .dialog-close button")).click();

            driver.findElement(By.id("sample")).click();
            wait.until(d -> d.findElements(By.cssSelector("#review-list li[data-request-id]")).size() == 5);
            WebElement item = driver.findElement(By.cssSelector("#review-list li[data-request-id]"));
            String reviewed = item.getDomAttribute("data-request-id");
            item.findElement(By.cssSelector("input")).sendKeys("clear and correct");
            item.findElement(By.cssSelector("button[data-verdict='correct']")).click();
            wait.until(d -> "correct".equals(item.getDomAttribute("data-verdict")));
            assertThat(sql("SELECT COUNT(*) FROM reviews")).isEqualTo(1);
            assertThat(MonitoringApiTest.getJsonOn(web, "/api/admin/requests/" + reviewed).at("/review/note").asText())
                    .isEqualTo("clear and correct");
            wait.until(d -> cardText(driver, "accuracy").equals("100%"));
        } finally {
            driver.quit();
        }
    }

    @Test
    void thePageFitsAPhone() throws Exception {
        ChromeDriver driver = StudentPageBrowserTest.chrome("en");
        try {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
            driver.get(web.base + "/admin?token=" + ADMIN);
            waitForSummary(driver, "today");
            long overflow = (Long) js(driver, "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("no sideways scrolling of the page").isLessThanOrEqualTo(0);
            assertThat(inkOf(driver, "chart-models")).isGreaterThan(200);
            StudentPageBrowserTest.screenshot(driver, "admin-dashboard-phone");
        } finally {
            driver.quit();
        }
    }

    /** The whole page, top to bottom: a tall window, then back. */
    static void fullPageScreenshot(ChromeDriver driver, String name) throws Exception {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        long height = (Long) js(driver, "return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(), (int) Math.min(height + 150, 8000)));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> inkOf(driver, "chart-latency") > 500);
        StudentPageBrowserTest.screenshot(driver, name);
        driver.manage().window().setSize(before);
    }

    private static JsonNode figure(JsonNode summary, String key) {
        for (JsonNode f : summary.get("figures")) {
            if (f.get("key").asText().equals(key)) {
                return f;
            }
        }
        throw new AssertionError("no figure " + key);
    }
}
