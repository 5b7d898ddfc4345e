package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Streams over real sockets: a client that leaves, heartbeats while waiting, shutdown with answers in flight. */
class StreamingTest {
    private static String chatRequest(String token, String message) {
        String body = "{\"message\": \"" + message + "\"}";
        return "POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void aClientThatLeavesMidStreamStopsTheAnswer() throws Exception {
        try (WebFixture web = new WebFixture()) {
            IssuedToken student = web.student("Leaver");
            String requestId;
            try (Socket socket = new Socket("127.0.0.1", web.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(chatRequest(student.token(), "slow answer please").getBytes(StandardCharsets.UTF_8));
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
            } // the socket closes here, half-way through 400 deltas
            String gone = requestId;
            await().atMost(Duration.ofSeconds(20)).until(() -> web.chat.cancelled.contains(gone));
        }
    }

    @Test
    void heartbeatsKeepAQuietStreamAlive() throws Exception {
        try (WebFixture web = new WebFixture("", Duration.ofMillis(100))) {
            IssuedToken student = web.student("Patient");
            List<String> lines = new CopyOnWriteArrayList<>();
            HttpRequest request = web.request("/api/chat").header("Authorization", "Bearer " + student.token())
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"wait for it\"}")).build();
            CompletableFuture<HttpResponse<Void>> response = web.http.sendAsync(request,
                    HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.equals(": keep-alive")).count() >= 2);
            web.chat.release.countDown();
            assertThat(response.get().statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: done"));
        }
    }

    @Test
    void stoppingLetsAnAnswerInFlightFinish() throws Exception {
        WebFixture web = new WebFixture();
        IssuedToken student = web.student("Last one");
        HttpRequest request = web.request("/api/chat").header("Authorization", "Bearer " + student.token())
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"wait for the end\"}")).build();
        CompletableFuture<HttpResponse<String>> response = web.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        web.chat.waiting.await();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread.startVirtualThread(() -> {
            web.close();
            stopped.countDown();
        });
        await().atMost(Duration.ofSeconds(10)).until(web.server::stopping);
        assertThat(stopped.getCount()).isEqualTo(1); // stop() waits for the answer in flight
        web.chat.release.countDown();
        HttpResponse<String> finished = response.get();
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(SseEvent.parse(finished.body())).extracting(SseEvent::name).endsWith("done");
        stopped.await();
    }

    private record LineCollector(List<String> lines) implements java.util.concurrent.Flow.Subscriber<String> {
        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
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
