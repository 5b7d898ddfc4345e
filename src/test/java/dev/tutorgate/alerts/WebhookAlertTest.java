package dev.tutorgate.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WebhookAlertTest {
    private static final BackgroundAlertSink.Retry QUICK = new BackgroundAlertSink.Retry(4, Duration.ofMillis(20), Duration.ofMillis(80));

    private final LocalWebhookServer server = new LocalWebhookServer();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        server.close();
    }

    private BackgroundAlertSink sinkTo(String url) {
        BackgroundAlertSink sink = new BackgroundAlertSink(new WebhookTransport(url), QUICK);
        toClose.add(sink);
        return sink;
    }

    @Test
    void theWebhookGetsSlackCompatibleJsonWithTheFacts() {
        sinkTo(server.url()).send(AlertFixtures.warning("budget:daily:2026-11-28:0.8"));

        await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 1);
        JsonNode json = server.received().getFirst();
        assertThat(server.contentTypes().getFirst()).startsWith("application/json");
        assertThat(json.get("text").asText()).isEqualTo("⚠️ Daily budget 80% used — tutorgate has spent $16.02 of its $20.00 daily budget <b>&</b>.");
        JsonNode blocks = json.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("⚠️ Daily budget 80% used");
        assertThat(blocks.get(1).at("/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).at("/text/text").asText()).endsWith("budget &lt;b&gt;&amp;&lt;/b&gt;.");
        List<String> fields = new ArrayList<>();
        blocks.get(2).get("fields").forEach(f -> fields.add(f.get("text").asText()));
        assertThat(fields).containsExactly("*Spent*\n$16.02 (80%)", "*Limit*\n$20.00", "*Resets at*\n2026-11-29 00:00 UTC");
        assertThat(blocks.get(3).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(3).at("/elements/0/text").asText())
                .isEqualTo("tutorgate · WARNING · `budget:daily:2026-11-28:0.8` · 2026-11-28T17:03:00Z");
    }

    @Test
    void aCriticalAlertIsMarkedAsSuch() {
        Alert critical = new Alert("k", Alert.Severity.CRITICAL, "Daily budget used up", "Spent it all.",
                java.util.Map.of(), java.time.Instant.EPOCH);
        sinkTo(server.url()).send(critical);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 1);
        assertThat(server.received().getFirst().get("text").asText()).startsWith("🚨 Daily budget used up");
        assertThat(server.received().getFirst().get("blocks")).hasSize(3); // no facts: no fields section
    }

    @Test
    void aFailingWebhookIsRetriedWithBackoffAndTheFailuresAreLoggedWithoutTheUrl() {
        server.answer(500, 503);
        try (LogCapture log = new LogCapture(BackgroundAlertSink.class)) {
            BackgroundAlertSink sink = sinkTo(server.url());
            sink.send(AlertFixtures.warning("k1"));

            await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.pending() == 0);
            assertThat(server.requests()).isEqualTo(3);
            assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2);
            assertThat(log.text()).contains("HTTP 500").contains("HTTP 503").contains("attempt 1 of 4")
                    .contains("delivered on attempt 3")
                    .doesNotContain("s3cr3tT0ken").doesNotContain("/services/");
        }
    }

    @Test
    void aWebhookThatNeverAnswersWellIsGivenUpAfterTheLastAttempt() {
        server.answer(500, 500, 500, 500, 500);
        try (LogCapture log = new LogCapture(BackgroundAlertSink.class)) {
            BackgroundAlertSink sink = sinkTo(server.url());
            sink.send(AlertFixtures.warning("k1"));

            await().atMost(Duration.ofSeconds(10)).until(() -> sink.pending() == 0);
            assertThat(server.requests()).isEqualTo(4);
            assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("after 4 attempt(s), giving up"));
            assertThat(log.text()).doesNotContain("s3cr3tT0ken");
        }
    }

    @Test
    void aRevokedWebhookIsNotRetried() {
        server.answer(404);
        try (LogCapture log = new LogCapture(BackgroundAlertSink.class)) {
            BackgroundAlertSink sink = sinkTo(server.url());
            sink.send(AlertFixtures.warning("k1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.pending() == 0);
            assertThat(server.requests()).isEqualTo(1);
            assertThat(log.text()).contains("HTTP 404").contains("after 1 attempt(s)");
        }
    }

    @Test
    void anUnreachableWebhookIsRetriedAndLoggedWithoutItsAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/hooks/very-secret-path";
        try (LogCapture log = new LogCapture(BackgroundAlertSink.class)) {
            BackgroundAlertSink sink = sinkTo(url);
            sink.send(AlertFixtures.warning("k1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.pending() == 0);
            assertThat(log.text()).contains("cannot reach the webhook").contains("giving up")
                    .doesNotContain("very-secret-path").doesNotContain(String.valueOf(closedPort));
        }
    }

    @Test
    void aHangingWebhookNeverBlocksTheCaller() {
        server.hold();
        BackgroundAlertSink sink = sinkTo(server.url());
        for (int i = 0; i < 5; i++) {
            sink.send(AlertFixtures.warning("k" + i)); // returns although the server answers nothing
        }
        assertThat(server.received()).isEmpty();
        assertThat(sink.pending()).isEqualTo(5);

        server.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 5);
    }

    @Test
    void aFloodOfAlertsIsCappedInsteadOfPilingUp() {
        server.hold();
        BackgroundAlertSink sink = sinkTo(server.url());
        try (LogCapture log = new LogCapture(BackgroundAlertSink.class)) {
            for (int i = 0; i < BackgroundAlertSink.MAX_PENDING + 5; i++) {
                sink.send(AlertFixtures.warning("k" + i));
            }
            assertThat(sink.pending()).isEqualTo(BackgroundAlertSink.MAX_PENDING);
            assertThat(log.events()).filteredOn(e -> e.getFormattedMessage().contains("dropped")).hasSize(5);
        }
        server.open();
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.pending() == 0);
        assertThat(server.received()).hasSize(BackgroundAlertSink.MAX_PENDING);
    }

    @Test
    void theFanOutReachesEverySinkEvenWhenOneThrows() {
        List<Alert> logged = new ArrayList<>();
        AlertSink broken = alert -> {
            throw new IllegalStateException("boom with a secret");
        };
        try (LogCapture log = new LogCapture(FanOutAlertSink.class);
             FanOutAlertSink fanOut = new FanOutAlertSink(List.of(broken, sinkTo(server.url()), logged::add))) {
            fanOut.send(AlertFixtures.warning("k1"));
            assertThat(logged).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 1);
            assertThat(log.text()).contains("IllegalStateException").doesNotContain("secret");
        }
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        BackgroundAlertSink.Retry retry = new BackgroundAlertSink.Retry(10, Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retry.backoffAfter(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(retry.backoffAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.backoffAfter(60)).isEqualTo(Duration.ofSeconds(30));
    }
}
