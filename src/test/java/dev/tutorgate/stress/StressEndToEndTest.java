package dev.tutorgate.stress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.app.Core;
import dev.tutorgate.app.CoreAssembly;
import dev.tutorgate.app.TutorgateServer;
import dev.tutorgate.cli.ExitCodes;
import dev.tutorgate.cli.Main;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.LoadedConfig;
import dev.tutorgate.core.Money;
import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.testing.StdStreams;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tutorgate stress} against the real server as {@code serve} builds it (pipeline, course,
 * SQLite ledger, Bucket4j limits, budget), in process on a free port, answering through the
 * built-in provider emulator with the three wire protocols — so every answer has a real cost.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a guard against hangs, not a performance assertion
class StressEndToEndTest {
    private static final String ADMIN = "tga_stress-e2e-admin-token";
    @RegisterExtension
    final StdStreams io = new StdStreams();
    private Emulator emulator;
    private Core core;
    private TutorgateServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    /** The server with three emulated providers (one per protocol), routed by complexity. */
    private void serveEmulated(String extraYaml) {
        emulator = Emulator.start(EmulatorSettings.instant());
        String upstream = emulator.baseUrl().toString();
        start("""
                providers:
                  - { name: emulated-gemini, type: gemini, baseUrl: "%1$s", apiKeys: ["k"] }
                  - { name: emulated-openai, type: openai, baseUrl: "%1$s", apiKeys: ["k"] }
                  - { name: emulated-anthropic, type: anthropic, baseUrl: "%1$s", apiKeys: ["k"] }
                models:
                  - { name: gemini-2.5-flash, provider: emulated-gemini }
                  - { name: gpt-4.1-mini, provider: emulated-openai }
                  - { name: claude-sonnet-4-5, provider: emulated-anthropic }
                routing: { simple: gemini-2.5-flash, medium: gpt-4.1-mini, complex: claude-sonnet-4-5, fallbacks: [offline] }
                """.formatted(upstream) + extraYaml);
    }

    private void start(String yaml) {
        Path dir = Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"), "stress-" + UUID.randomUUID());
        LoadedConfig loaded = ConfigLoader.fromYaml("""
                server: { port: 0 }
                admin: { token: "%s" }
                storage: { ledger: "jdbc:sqlite:%s", requestLog: null }
                """.formatted(ADMIN, dir.resolve("tutorgate.db")) + yaml, "stress-e2e.yaml", Map.of());
        core = CoreAssembly.open(loaded.config(), Clock.systemUTC());
        server = TutorgateServer.start(loaded, core, Clock.systemUTC());
    }

    private JsonNode stress(int expectedExit, String... extra) throws Exception {
        io.clear();
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"stress", "--url", "http://127.0.0.1:" + server.port() + "/",
                "--admin-token", ADMIN, "--json"}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        assertThat(Main.run(args)).as(io.err()).isEqualTo(expectedExit);
        return ChatCaller.JSON.readTree(io.out());
    }

    /** Sum of the ledger's costs for this run's students, in pico-dollars. */
    private long ledgerCost(String runId) {
        return core.db().read(c -> {
            try (var s = c.prepareStatement("SELECT COALESCE(SUM(l.cost_picos), 0) FROM ledger l "
                    + "JOIN students s ON s.id = l.student_id WHERE s.name LIKE ?")) {
                s.setString(1, "stress-" + runId + "-%");
                try (var rows = s.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private long ledgerRows(String runId, String outcome) {
        return core.db().read(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM ledger l JOIN students s ON s.id = l.student_id "
                    + "WHERE s.name LIKE ? AND l.outcome = ?")) {
                s.setString(1, "stress-" + runId + "-%");
                s.setString(2, outcome);
                try (var rows = s.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Test
    void oneStudentGetsExactlyTheLimitAndEveryOtherRequestIs429() throws Exception {
        // 4 a minute: a refill every 15 s, far longer than this run, so the count is exact
        serveEmulated("limits: { studentRequestsPerMinute: 4 }\n");

        // no --limit-per-minute: stress reads the server's own limit from /api/admin/summary
        JsonNode r = stress(ExitCodes.OK, "--requests", "40", "--students", "1");

        assertThat(r.at("/rateLimits/limitPerMinute").asInt()).isEqualTo(4);
        assertThat(r.at("/rateLimits/source").asText()).isEqualTo("server");
        assertThat(r.at("/counts/answered").asInt()).isEqualTo(4);
        assertThat(r.at("/counts/tooManyRequests").asInt()).isEqualTo(36);
        assertThat(r.at("/errors/0/code").asText()).isEqualTo("rate_limited");
        assertThat(r.at("/rateLimits/held").asBoolean()).isTrue();
        assertThat(r.at("/rateLimits/tooManyWithoutRetryAfter").asInt()).isZero();
        assertThat(ledgerRows(r.get("runId").asText(), "ok")).isEqualTo(4);
    }

    @Test
    void theBriefsCheckWithTheDefaultLimit() throws Exception {
        serveEmulated("");

        JsonNode r = stress(ExitCodes.OK, "--requests", "100", "--students", "1");

        int answered = r.at("/counts/answered").asInt();
        // 10 at once; the bucket gives one more every 6 s, so a slow machine may see one or two more
        long runNanos = r.get("durationSeconds").decimalValue().movePointRight(9).longValue();
        long allowed = LimitRule.TOKEN_BUCKET.allowed(10, runNanos);
        assertThat(answered).isBetween(10, (int) allowed);
        assertThat(r.at("/counts/tooManyRequests").asInt()).isEqualTo(100 - answered);
        assertThat(r.at("/rateLimits/held").asBoolean()).isTrue();
        assertThat(r.at("/rateLimits/exercised").asBoolean()).isTrue();
    }

    @Test
    void severalStudentsEachGetTheirOwnLimitAndTheCostIsTheLedgers() throws Exception {
        serveEmulated("limits: { studentRequestsPerMinute: 3 }\n");

        JsonNode r = stress(ExitCodes.OK, "--requests", "60", "--students", "4", "--concurrency", "20",
                "--limit-per-minute", "3");

        assertThat(r.at("/counts/answered").asInt()).isEqualTo(12);
        assertThat(r.at("/counts/tooManyRequests").asInt()).isEqualTo(48);
        for (JsonNode student : r.at("/rateLimits/students")) {
            assertThat(student.get("answered").asInt()).as(student.toString()).isEqualTo(3);
        }
        long reported = Money.picosFromUsd(r.at("/cost/totalUsd").asText());
        assertThat(reported).isPositive().isEqualTo(ledgerCost(r.get("runId").asText()));
        assertThat(r.at("/models").size()).isGreaterThan(1);
        int routed = 0;
        for (JsonNode n : r.at("/complexity/routed")) {
            routed += n.asInt();
        }
        assertThat(routed).isEqualTo(12);
    }

    @Test
    void aLimitBrokenOnPurposeIsCaught() throws Exception {
        // the server allows 20 a minute; the check expects 5: the run must say the limit did not hold
        serveEmulated("limits: { studentRequestsPerMinute: 20 }\n");

        JsonNode r = stress(ExitCodes.FAILED, "--requests", "30", "--limit-per-minute", "5");

        assertThat(r.at("/counts/answered").asInt()).isGreaterThanOrEqualTo(20);
        assertThat(r.at("/rateLimits/held").asBoolean()).isFalse();
        assertThat(r.at("/rateLimits/students/0/window/answers").asInt()).isGreaterThan(r.at("/rateLimits/students/0/window/allowed").asInt());
    }

    @Test
    void withTheEmbeddedDefaultsTheAnswersAreOfflineAndFree() throws Exception {
        start("");

        JsonNode r = stress(ExitCodes.OK, "--requests", "20", "--students", "2", "--no-stream");

        assertThat(r.at("/counts/answered").asInt()).isEqualTo(20);
        assertThat(r.at("/models/offline").asInt()).isEqualTo(20);
        assertThat(r.at("/cost/totalUsd").asText()).isEqualTo("0");
        assertThat(ledgerCost(r.get("runId").asText())).isZero();
    }

    @Test
    void theWrongAdminTokenIsRefusedBeforeAnythingIsSent() throws Exception {
        start("");

        int code = Main.run("stress", "--url", "http://127.0.0.1:" + server.port() + "/", "--admin-token", "tga_nope");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        // The in-process server logs to the same stream, so look for the command's own line.
        assertThat(io.err().lines())
                .anySatisfy(line -> assertThat(line).startsWith("error: the server refused the admin token (401)"));
    }
}
