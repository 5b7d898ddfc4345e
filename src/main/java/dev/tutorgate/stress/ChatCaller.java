package dev.tutorgate.stress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.core.Complexity;
import dev.tutorgate.core.Money;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks one question through {@code POST /api/chat} as a student would, streamed (SSE) or as one JSON
 * reply, and tells what became of it. Never throws: every failure is an {@link Outcome} with a code.
 * A deadline covers the whole exchange — the JDK client's own timeout stops only at the status line,
 * so a stream that goes quiet afterwards is closed by a watchdog.
 */
final class ChatCaller {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final long MAX_STREAM_BYTES = 64L << 20;
    private static final long MAX_JSON_BYTES = 16L << 20;

    private final HttpClient http;
    private final URI chat;
    private final boolean stream;
    private final Duration timeout;
    private final ScheduledExecutorService watchdogs;
    private final long epochNanos;

    /** @param epochNanos the run's start on {@link System#nanoTime()}: outcome times count from it */
    ChatCaller(HttpClient http, URI baseUrl, boolean stream, Duration timeout, ScheduledExecutorService watchdogs,
               long epochNanos) {
        this.http = http;
        this.chat = baseUrl.resolve("api/chat");
        this.stream = stream;
        this.timeout = timeout;
        this.watchdogs = watchdogs;
        this.epochNanos = epochNanos;
    }

    Outcome ask(int index, int student, String token, Question question) {
        Exchange x = new Exchange(index, student, question.label());
        HttpRequest request = HttpRequest.newBuilder(chat)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(question)))
                .build();
        x.sent = now();
        ScheduledFuture<?> watchdog = null;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            x.headers = now();
            x.status = response.statusCode();
            InputStream body = response.body();
            long left = timeout.toNanos() - (x.headers - x.sent);
            watchdog = watchdogs.schedule(() -> x.expire(body), Math.max(0, left), TimeUnit.NANOSECONDS);
            try (body) {
                read(response, body, x);
            }
        } catch (HttpTimeoutException e) {
            x.fail("timeout");
        } catch (ConnectException e) {
            x.fail("connection_failed");
        } catch (BoundedInputStream.ResponseTooLargeException e) {
            x.fail("response_too_large");
        } catch (IOException e) {
            x.fail(x.expired ? "timeout" : "io_error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            x.fail("interrupted");
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
        x.end = now();
        return x.outcome();
    }

    private void read(HttpResponse<InputStream> response, InputStream body, Exchange x) throws IOException {
        if (x.status < 200 || x.status > 299) {
            x.retryAfterHeader = response.headers().firstValue("Retry-After").orElse(null);
            x.error(tree(new BoundedInputStream(body, MAX_JSON_BYTES).readAllBytes()), "http_" + x.status);
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/event-stream")) {
            readEvents(new SseReader(new BoundedInputStream(body, MAX_STREAM_BYTES)), x);
        } else {
            readAnswer(new BoundedInputStream(body, MAX_JSON_BYTES).readAllBytes(), x);
        }
    }

    /** meta, delta…, then done or error; a stream that ends without either was cut. */
    private void readEvents(SseReader events, Exchange x) throws IOException {
        for (SseReader.Event event = events.next(); event != null; event = events.next()) {
            switch (event.name()) {
                case "meta" -> x.describe(tree(event.data()));
                case "delta" -> {
                    if (x.firstDelta == Outcome.NONE) {
                        x.firstDelta = now();
                    }
                }
                case "done" -> {
                    JsonNode done = tree(event.data());
                    x.describe(done);
                    x.answer(done);
                    return;
                }
                case "error" -> {
                    x.error(tree(event.data()), "stream_error");
                    return;
                }
                default -> { } // events of later versions
            }
        }
        x.fail(x.expired ? "timeout" : "stream_incomplete");
    }

    private static void readAnswer(byte[] body, Exchange x) {
        JsonNode answer = tree(body);
        if (answer == null || !answer.path("answer").isTextual()) {
            x.fail("bad_answer");
            return;
        }
        x.describe(answer);
        x.answer(answer);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return json.length == 0 ? null : JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] body(Question question) {
        try {
            return JSON.writeValueAsBytes(Map.of("message", question.text()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map always serialises", e);
        }
    }

    private long now() {
        return System.nanoTime() - epochNanos;
    }

    /** The exchange while it happens; the watchdog thread only sets {@code expired} and closes the body. */
    private static final class Exchange {
        final int index;
        final int student;
        final Complexity asked;
        long sent;
        long headers = Outcome.NONE;
        long firstDelta = Outcome.NONE;
        long end;
        int status;
        boolean answered;
        String code;
        String model;
        Complexity routed;
        long costPicos;
        boolean costKnown;
        String retryAfterHeader;
        Long retryAfterSeconds;
        volatile boolean expired;

        Exchange(int index, int student, Complexity asked) {
            this.index = index;
            this.student = student;
            this.asked = asked;
        }

        void expire(InputStream body) {
            expired = true;
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all we wanted; the reader sees the stream end or fail
            }
        }

        void fail(String failure) {
            answered = false;
            if (code == null) {
                code = failure;
            }
        }

        /** model and complexity from {@code meta}, {@code done} or the JSON reply. */
        void describe(JsonNode node) {
            if (node == null) {
                return;
            }
            if (node.path("model").isTextual()) {
                model = node.get("model").asText();
            }
            if (node.path("complexity").isTextual()) {
                routed = complexity(node.get("complexity").asText());
            }
        }

        void answer(JsonNode node) {
            if (node == null) {
                fail("bad_answer");
                return;
            }
            answered = true;
            JsonNode cost = node.path("costUsd");
            try {
                if (cost.isTextual() || cost.isNumber()) {
                    costPicos = Money.picosFromUsd(cost.isTextual() ? new BigDecimal(cost.asText().strip()) : cost.decimalValue());
                    costKnown = true;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                costKnown = false;
            }
        }

        void error(JsonNode node, String fallback) {
            JsonNode error = node == null ? null : node.path("error");
            String given = error != null && error.path("code").isTextual() ? error.get("code").asText() : null;
            fail(given == null || given.isBlank() ? fallback : given);
            if (error != null && error.path("retryAfterSeconds").canConvertToLong()
                    && error.get("retryAfterSeconds").isIntegralNumber()) {
                retryAfterSeconds = error.get("retryAfterSeconds").asLong();
            }
        }

        Outcome outcome() {
            return new Outcome(index, student, asked, answered, status, answered ? null : code, sent, headers,
                    firstDelta, end, model, routed, answered ? costPicos : 0, answered && costKnown,
                    retryAfterHeader, retryAfterSeconds);
        }

        private static Complexity complexity(String label) {
            try {
                return Complexity.parse(label);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
