package dev.tutorgate.stress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.cli.ExitCodes;
import dev.tutorgate.cli.Main;
import dev.tutorgate.testing.StdStreams;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tutorgate stress} through {@link Main#run} against a real HTTP server that speaks the contract. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against hangs, not a performance assertion
class StressCommandTest {
    @RegisterExtension
    final StdStreams io = new StdStreams();

    private ContractServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private ContractServer serve(ContractServer.Behaviour behaviour) throws Exception {
        server = new ContractServer(behaviour);
        return server;
    }

    private int stress(String... extra) {
        List<String> args = new ArrayList<>(List.of("stress", "--url", server.url(),
                "--admin-token", ContractServer.ADMIN_TOKEN, "--no-progress"));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    private JsonNode json() throws Exception {
        return ChatCaller.JSON.readTree(io.out());
    }

    @Test
    void theBriefsCheckOneStudentGetsTenAnswersAndNinety429s() throws Exception {
        serve(ContractServer.Behaviour.contract());

        int code = stress("--requests", "100", "--students", "1");

        assertThat(code).as(io.err()).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).containsPattern("answered\\s+10\\n")
                .containsPattern("429 too many requests\\s+90\\n")
                .containsPattern("503 unavailable\\s+0\\n")
                .containsPattern("total\\s+100\\n")
                .containsPattern("rate_limited\\s+429\\s+90\\n")
                .contains("Rate limits held: no student got more answers than allowed")
                .contains("Dashboard: " + server.url() + "admin");
        assertThat(server.questions()).hasSize(100);
        assertThat(io.err()).isEmpty();
    }

    @Test
    void jsonHasEveryFigureAndTheExactCost() throws Exception {
        serve(ContractServer.Behaviour.contract().costing("0.000123456789"));

        int code = stress("--requests", "30", "--students", "2", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        JsonNode r = json();
        JsonNode counts = r.get("counts");
        assertThat(counts.get("answered").asInt()).isEqualTo(20);
        assertThat(counts.get("tooManyRequests").asInt()).isEqualTo(10);
        assertThat(counts.get("answered").asInt() + counts.get("tooManyRequests").asInt()
                + counts.get("unavailable").asInt() + counts.get("otherErrors").asInt()).isEqualTo(r.get("requests").asInt());
        assertThat(new BigDecimal(r.at("/cost/totalUsd").asText()))
                .isEqualByComparingTo(new BigDecimal("0.000123456789").multiply(BigDecimal.valueOf(20)));
        assertThat(r.at("/cost/perAnsweredUsd").asText()).isEqualTo("0.000123456789");
        assertThat(r.at("/models/gemini-2.5-flash").asInt()).isEqualTo(20);
        assertThat(r.get("percentileMethod").asText()).isEqualTo("nearest-rank");
        for (String field : List.of("count", "p50", "p95", "p99", "max")) {
            assertThat(r.at("/ttftMs/" + field).isNumber()).as("ttftMs." + field).isTrue();
            assertThat(r.at("/latencyMs/" + field).isNumber()).as("latencyMs." + field).isTrue();
        }
        assertThat(r.at("/ttftMs/count").asInt()).isEqualTo(20);
        assertThat(r.at("/throughput/requestsPerSecond").isNumber()).isTrue();
        assertThat(r.at("/throughput/answersPerSecond").isNumber()).isTrue();
        assertThat(r.at("/complexity/asked/simple").asInt()).isEqualTo(18);
        assertThat(r.at("/complexity/asked/medium").asInt()).isEqualTo(9);
        assertThat(r.at("/complexity/asked/complex").asInt()).isEqualTo(3);
        assertThat(r.at("/complexity/routed/simple").asInt()).isEqualTo(20);
        assertThat(r.at("/rateLimits/held").asBoolean()).isTrue();
        assertThat(r.at("/rateLimits/exercised").asBoolean()).isTrue();
        assertThat(r.at("/rateLimits/limitPerMinute").asInt()).isEqualTo(10);
        assertThat(r.at("/rateLimits/source").asText()).isEqualTo("default");
        assertThat(r.at("/rateLimits/rule").asText()).isEqualTo("token-bucket");
        assertThat(r.at("/rateLimits/students")).hasSize(2);
        assertThat(r.at("/errors/0/code").asText()).isEqualTo("rate_limited");
        assertThat(r.at("/errors/0/count").asInt()).isEqualTo(10);
        assertThat(r.get("durationSeconds").isNumber()).isTrue();
        assertThat(r.get("dashboard").asText()).isEqualTo(server.url() + "admin");
        assertThat(io.out().strip().lines()).hasSize(1);
    }

    @Test
    void severalStudentsEachGetTheirOwnLimit() throws Exception {
        serve(ContractServer.Behaviour.contract().limit(4));

        int code = stress("--requests", "60", "--students", "5", "--limit-per-minute", "4", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        JsonNode r = json();
        assertThat(r.at("/counts/answered").asInt()).isEqualTo(20);
        assertThat(r.at("/rateLimits/source").asText()).isEqualTo("option");
        assertThat(server.createdStudents()).hasSize(5).allMatch(name -> name.matches("stress-[a-z2-9]{6}-[1-5]"));
        for (JsonNode student : r.at("/rateLimits/students")) {
            assertThat(student.get("sent").asInt()).isEqualTo(12);
            assertThat(student.get("answered").asInt()).isEqualTo(4);
            assertThat(student.get("tooManyRequests").asInt()).isEqualTo(8);
            assertThat(student.get("held").asBoolean()).isTrue();
        }
    }

    @Test
    void aServerThatIgnoresTheLimitFailsTheCheck() throws Exception {
        serve(ContractServer.Behaviour.contract().ignoringTheLimit());

        int code = stress("--requests", "30");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(io.out()).containsPattern("answered\\s+30\\n")
                .contains("Rate limits did NOT hold:")
                .containsPattern("stress-[a-z2-9]{6}-1 got 11 answers between .* where at most 10 were allowed");
    }

    @Test
    void a429WithoutRetryAfterFailsTheCheck() throws Exception {
        serve(ContractServer.Behaviour.contract().withoutRetryAfter());

        int code = stress("--requests", "15");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(io.out()).contains("Rate limits did NOT hold:").contains("5 × 429 without Retry-After or retryAfterSeconds");
    }

    @Test
    void retryAfterSecondsInTheBodyIsEnough() throws Exception {
        serve(ContractServer.Behaviour.contract().retryAfterOnlyInBody());

        assertThat(stress("--requests", "15")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aLimitNotReachedIsSaidToBeUntested() throws Exception {
        serve(ContractServer.Behaviour.contract());

        int code = stress("--requests", "8", "--students", "2");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("no student sent more than 10 requests, so the limit was not put to the test");
    }

    @Test
    void theLimitIsReadFromTheServerWhenItPublishesIt() throws Exception {
        serve(ContractServer.Behaviour.contract().limit(3).publishingLimit(3));

        int code = stress("--requests", "10", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(json().at("/rateLimits/limitPerMinute").asInt()).isEqualTo(3);
        assertThat(json().at("/rateLimits/source").asText()).isEqualTo("server");
    }

    @Test
    void budgetRefusalsAre503s() throws Exception {
        serve(ContractServer.Behaviour.contract().budgetExceededAfter(4));

        int code = stress("--requests", "20", "--students", "2");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).containsPattern("answered\\s+4\\n")
                .containsPattern("503 unavailable\\s+16\\n")
                .containsPattern("budget_exceeded\\s+503\\s+16\\n");
    }

    @Test
    void aServerThatHangsBeforeAnsweringIsCountedAsTimeoutsAndTheRunEnds() throws Exception {
        serve(ContractServer.Behaviour.contract().hanging(ContractServer.Hang.BEFORE_HEADERS));

        int code = stress("--requests", "4", "--timeout-seconds", "1", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(json().at("/counts/otherErrors").asInt()).isEqualTo(4);
        assertThat(json().at("/errors/0/code").asText()).isEqualTo("timeout");
        assertThat(json().at("/errors/0/status").asInt()).isZero();
        assertThat(json().get("latencyMs").isNull()).isTrue();
    }

    @Test
    void aStreamThatGoesQuietAfterItStartedIsATimeout() throws Exception {
        serve(ContractServer.Behaviour.contract().hanging(ContractServer.Hang.AFTER_META));

        int code = stress("--requests", "3", "--timeout-seconds", "1", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(json().at("/counts/otherErrors").asInt()).isEqualTo(3);
        assertThat(json().at("/errors/0/code").asText()).isEqualTo("timeout");
        assertThat(json().at("/errors/0/status").asInt()).isEqualTo(200);
    }

    @Test
    void aStreamCutBeforeDoneIsNotAnAnswer() throws Exception {
        serve(ContractServer.Behaviour.contract().cuttingStreams());

        stress("--requests", "3", "--json");

        assertThat(json().at("/counts/answered").asInt()).isZero();
        assertThat(json().at("/errors/0/code").asText()).isEqualTo("stream_incomplete");
        assertThat(json().at("/cost/totalUsd").asText()).isEqualTo("0");
        assertThat(json().at("/cost/perAnsweredUsd").isNull()).isTrue();
    }

    @Test
    void anErrorEventAfterTheStartIsCountedByItsCode() throws Exception {
        serve(ContractServer.Behaviour.contract().failingAfterStart());

        stress("--requests", "2");

        assertThat(io.out()).containsPattern("answer_interrupted\\s+200\\s+2\\n").containsPattern("other errors\\s+2\\n");
    }

    @Test
    void malformedAnswersAreNotCountedAsAnswers() throws Exception {
        serve(ContractServer.Behaviour.contract().garblingDone());

        stress("--requests", "2", "--json");
        assertThat(json().at("/counts/answered").asInt()).isZero();
        assertThat(json().at("/errors/0/code").asText()).isEqualTo("bad_answer");

        io.clear();
        stress("--requests", "2", "--json", "--no-stream");
        assertThat(json().at("/counts/answered").asInt()).isZero();
        assertThat(json().at("/errors/0/code").asText()).isEqualTo("bad_answer");
    }

    @Test
    void aStreamThatNeverEndsIsCutAtItsSizeLimit() throws Exception {
        serve(ContractServer.Behaviour.contract().streamingForever());

        int code = stress("--requests", "1", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(json().at("/errors/0/code").asText()).isEqualTo("response_too_large");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        serve(ContractServer.Behaviour.contract());
        for (String[] bad : List.of(new String[] {"--requests", "0"}, new String[] {"--concurrency", "0"},
                new String[] {"--timeout-seconds", "0"}, new String[] {"--limit-per-minute", "0"},
                new String[] {"--limit-rule", "leaky"}, new String[] {"--requests", "many"})) {
            io.clear();
            assertThat(stress(bad)).as(String.join(" ", bad)).isEqualTo(ExitCodes.USAGE);
            assertThat(io.err()).as(String.join(" ", bad)).contains(bad[0]).doesNotContain("Exception");
        }
        assertThat(server.createdStudents()).isEmpty();
    }

    @Test
    void helpPrintsEveryOption() {
        assertThat(Main.run("stress", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("--url", "--admin-token", "--requests", "--concurrency", "--students",
                "--questions", "--[no-]stream", "--timeout-seconds", "--limit-per-minute", "--limit-rule",
                "--[no-]progress", "--json");
    }

    @Test
    void withoutStreamingTheAnswersAreJsonAndThereIsNoTtft() throws Exception {
        serve(ContractServer.Behaviour.contract());

        int code = stress("--requests", "12", "--no-stream", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(json().get("streamed").asBoolean()).isFalse();
        assertThat(json().at("/counts/answered").asInt()).isEqualTo(10);
        assertThat(json().get("ttftMs").isNull()).isTrue();
        assertThat(json().at("/latencyMs/count").asInt()).isEqualTo(10);
    }

    @Test
    void theQuestionsComeFromTheFileInItsOrder() throws Exception {
        serve(ContractServer.Behaviour.contract());
        Path file = dir.resolve("questions.txt");
        Files.writeString(file, "# mine\nWhat is Flask?\n\nmedium\tWhy use Django?\nЧто такое ORM?\n", StandardCharsets.UTF_8);

        stress("--requests", "5", "--concurrency", "1", "--questions", file.toString());

        assertThat(server.questions()).containsExactly("What is Flask?", "Why use Django?", "Что такое ORM?",
                "What is Flask?", "Why use Django?");
    }

    @Test
    void aWrongAdminTokenIsOneClearLine() throws Exception {
        serve(ContractServer.Behaviour.contract());

        int code = Main.run("stress", "--url", server.url(), "--admin-token", "tga_wrong-secret", "--no-progress");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err().strip().lines()).hasSize(1);
        assertThat(io.err()).startsWith("error: the server refused the admin token (401)").doesNotContain("tga_wrong-secret")
                .doesNotContain("Exception");
        assertThat(io.out()).isEmpty();
    }

    @Test
    void unreachableServerAndBadUrlAreUsageErrors() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThat(Main.run("stress", "--url", "http://127.0.0.1:" + port, "--admin-token", "t", "--no-progress"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("error: cannot connect to http://127.0.0.1:" + port + "/");

        io.clear();
        assertThat(Main.run("stress", "--url", "ftp://example.org", "--admin-token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("error: --url must be an http:// or https:// address");

        io.clear();
        assertThat(Main.run("stress", "--url", "http://127.0.0.1:1/", "--admin-token", "t", "--students", "5",
                "--requests", "2")).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("error: --students must be between 1 and --requests (2), was 5");

        io.clear();
        assertThat(Main.run("stress", "--url", "http://127.0.0.1:1/", "--admin-token", "t", "--questions",
                dir.resolve("missing.txt").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("error: no such questions file");
        assertThat(io.err()).doesNotContain("Exception");
    }

    @Test
    void progressGoesToStderrAndLeavesTheJsonAlone() throws Exception {
        serve(ContractServer.Behaviour.contract());

        int code = Main.run("stress", "--url", server.url(), "--admin-token", ContractServer.ADMIN_TOKEN,
                "--requests", "20", "--progress", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(json().at("/counts/answered").asInt()).isEqualTo(10);
        assertThat(io.err()).contains("creating 1 student...").containsPattern("\\[[#-]{24}]");
    }
}
