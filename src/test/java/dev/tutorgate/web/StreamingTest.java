package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.web.auth.IssuedToken;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Streams over real sockets with a slow upstream (the emulator pacing its tokens): a client that
 * leaves, heartbeats while the provider is quiet, shutdown with an answer in flight.
 */
class StreamingTest {
    /** 4 tokens a second: an answer of 400 tokens would take 100 s. */
    private static final EmulatorSettings SLOW = EmulatorSettings.instant().toBuilder()
            .tokensPerSecond(4).tokensPerChunk(1).answerTokens(400).build();

    private static String chatRequest(String token, String message) {
        String body = "{\"message\": \"" + message + "\"}";
        return "POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** The lines of one streamed answer to "What is FastAPI?", read to its done event. */
    private static List<String> streamedLines(TutorgateFixture web, IssuedToken student) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = web.request("/api/chat").header("Authorization", "Bearer " + student.token())
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"What is FastAPI?\"}")).build();
        HttpResponse<Void> response = web.http.send(request, HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: done"));
        return lines;
    }

    @Test
    void aClientThatLeavesMidStreamStopsTheProviderCall() throws Exception {
        try (TutorgateFixture web = new TutorgateFixture(SLOW, "")) {
            IssuedToken student = web.student("Leaver");
            String requestId;
            try (Socket socket = new Socket("127.0.0.1", web.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(chatRequest(student.token(), "What is FastAPI?").getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = socket.getInputStream();
                StringBuilder seen = new StringBuilder();
                byte[] buffer = new byte[4096];
                while (!seen.toString().contains("event: delta")) {
                    int n = in.read(buffer);
                    assertThat(n).isPositive();
                    seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
                Matcher id = Pattern.compile("(?i)X-Request-Id: (\\S+)").matcher(seen);
                assertThat(id.find()).isTrue();
                requestId = id.group(1);
            } // the socket closes here, a few tokens into a 100-second answer
            String gone = requestId;
            await().atMost(Duration.ofSeconds(30)).until(() -> web.ledger(gone, "client_disconnected").contains("1"));
            assertThat(web.ledger(gone, "outcome")).contains("cancelled");
            long outputTokens = web.ledger(gone, "output_tokens").stream().mapToLong(Long::parseLong).sum();
            assertThat(outputTokens).isLessThan(400); // the call was stopped, not read to the end
        }
    }

    @Test
    void heartbeatsKeepAQuietStreamAlive() throws Exception {
        EmulatorSettings sluggish = EmulatorSettings.instant().toBuilder()
                .tokensPerSecond(2).tokensPerChunk(1).answerTokens(4).build();
        try (TutorgateFixture web = new TutorgateFixture(sluggish, "",
                new WebParts.Options(Duration.ofMillis(100), Duration.ofSeconds(10)))) {
            IssuedToken student = web.student("Patient");
            List<String> lines = streamedLines(web, student);
            int firstDelta = lines.indexOf("event: delta");
            assertThat(lines.subList(firstDelta, lines.indexOf("event: done"))).contains(": keep-alive");
        }
    }

    @Test
    void aSlowFirstTokenStartsTheStreamWithHeartbeatsInsteadOfSilence() throws Exception {
        EmulatorSettings slowStart = EmulatorSettings.instant().toBuilder().ttftMs(1500).build();
        try (TutorgateFixture web = new TutorgateFixture(slowStart, "",
                new WebParts.Options(Duration.ofMillis(200), Duration.ofSeconds(10)))) {
            IssuedToken student = web.student("Waiting");
            List<String> lines = streamedLines(web, student);
            assertThat(lines.indexOf(": keep-alive")).isNotNegative().isLessThan(lines.indexOf("event: meta"));
        }
    }

    @Test
    void stoppingLetsAnAnswerInFlightFinish() throws Exception {
        EmulatorSettings threeSeconds = EmulatorSettings.instant().toBuilder()
                .tokensPerSecond(10).tokensPerChunk(1).answerTokens(30).build();
        TutorgateFixture web = new TutorgateFixture(threeSeconds, "");
        IssuedToken student = web.student("Last one");
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = web.request("/api/chat").header("Authorization", "Bearer " + student.token())
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"What is FastAPI?\"}")).build();
        CompletableFuture<HttpResponse<Void>> response = web.http.sendAsync(request,
                HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: delta"));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread.startVirtualThread(() -> {
            web.close();
            stopped.countDown();
        });
        await().atMost(Duration.ofSeconds(10)).until(web.server::stopping);
        assertThat(response.get().statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event: done"));
        stopped.await();
    }

    private record LineCollector(List<String> lines) implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }
}
