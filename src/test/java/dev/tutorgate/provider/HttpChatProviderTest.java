package dev.tutorgate.provider;

import static dev.tutorgate.provider.UpstreamServer.json;
import static dev.tutorgate.provider.UpstreamServer.send;
import static dev.tutorgate.provider.UpstreamServer.startSse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The shared base over real HTTP: a loopback server serves canned, slow, cut and hanging answers;
 * the OpenAI protocol stands in for all vendors where the behaviour is vendor-neutral.
 */
class HttpChatProviderTest {
    static final String KEY = "sk-test-SECRET-0123456789abcdef";
    /**
     * For calls expected to succeed or fail otherwise: generous, because a cold JVM on a busy
     * machine can take seconds over its first call. Each timeout test shortens only its own limit.
     */
    static final CallTimeouts RELAXED = new CallTimeouts(
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30));
    static final CallTimeouts SHORT_FIRST_TOKEN = new CallTimeouts(
            Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(15), Duration.ofSeconds(30));
    static final CallTimeouts SHORT_IDLE = new CallTimeouts(
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMillis(300), Duration.ofSeconds(30));
    static final CallTimeouts SHORT_TOTAL = new CallTimeouts(
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofMillis(700));

    static final String DONE = "data: [DONE]\n\n";
    static final String STOP = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    static final String USAGE = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":8,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":100}}}\n\n";

    static String delta(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}],"
                + "\"usage\":null}\n\n";
    }

    private UpstreamServer server;
    private ChatProvider provider;

    @BeforeEach
    void start() throws IOException {
        server = new UpstreamServer();
        provider = provider(ProviderType.OPENAI, server.url());
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    static ChatProvider provider(ProviderType type, String baseUrl) {
        return ChatProviders.create(new TutorgateConfig.Provider("test-" + type.id(), type, baseUrl, List.of(), null,
                "tier1", null));
    }

    static ModelCall call(CallTimeouts timeouts) {
        return new ModelCall("gpt-4.1-mini", "You are a tutor.", List.of(ChatMessage.user("What is 2+2?")), 100,
                null, "course-1", timeouts);
    }

    static ApiKey key() {
        return new ApiKey("openai-main#1", KEY);
    }

    private ProviderException streamFails(CallTimeouts timeouts) {
        return failure(() -> provider.stream(call(timeouts), key(), TextSink.DISCARD));
    }

    private ProviderException completeFails(CallTimeouts timeouts) {
        return failure(() -> provider.complete(call(timeouts), key()));
    }

    interface Call {
        ProviderReply run() throws ProviderException;
    }

    static ProviderException failure(Call call) {
        try {
            ProviderReply reply = call.run();
            throw new AssertionError("expected a ProviderException, got " + reply);
        } catch (ProviderException e) {
            return e;
        }
    }

    private void sse(ThrowingConsumer<OutputStream> events) {
        server.handle(exchange -> {
            OutputStream out = startSse(exchange, "x-ratelimit-limit-requests", "500",
                    "x-ratelimit-remaining-requests", "499", "x-ratelimit-reset-requests", "120ms");
            try {
                events.accept(out);
            } catch (Throwable t) {
                throw new IOException(t);
            }
        });
    }

    @Test
    void streamsTextUsageAndRateLimitsAndSendsTheRightRequest() throws Exception {
        sse(out -> {
            send(out, delta("Four"));
            send(out, delta("."));
            send(out, STOP + USAGE + DONE);
        });
        List<String> deltas = new CopyOnWriteArrayList<>();

        ProviderReply reply = provider.stream(call(RELAXED), key(), deltas::add);

        assertThat(deltas).containsExactly("Four", ".");
        assertThat(reply.text()).isEqualTo("Four.");
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.usage()).isEqualTo(new Usage(120, 100, 0, 0, 8, 0, false));
        assertThat(reply.rateLimits().requestsLimit()).isEqualTo(500L);
        assertThat(reply.rateLimits().requestsRemaining()).isEqualTo(499L);
        UpstreamServer.Received request = server.received().get(0);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(request.headers().getFirst("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.headers().getFirst("accept")).isEqualTo("text/event-stream");
        assertThat(request.headers().getFirst("content-type")).isEqualTo("application/json");
        assertThat(request.headers().containsKey("upgrade")).as("no h2c upgrade attempt").isFalse();
        assertThat(request.body()).contains("\"stream\":true", "\"include_usage\":true", "\"prompt_cache_key\":\"course-1\"");
    }

    @Test
    void completesANonStreamedCall() throws Exception {
        server.handle(exchange -> json(exchange, 200, "{\"choices\":[{\"message\":{\"content\":\"4\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":1}}"));

        ProviderReply reply = provider.complete(call(RELAXED), key());

        assertThat(reply.text()).isEqualTo("4");
        assertThat(reply.usage()).isEqualTo(Usage.of(20, 1));
        assertThat(server.received().get(0).headers().getFirst("accept")).isEqualTo("application/json");
        assertThat(server.received().get(0).body()).doesNotContain("\"stream\"");
    }

    @Test
    void finishedHttp11ConnectionsAreReused() throws Exception {
        sse(out -> send(out, delta("a") + STOP + USAGE + DONE));
        provider.stream(call(RELAXED), key(), TextSink.DISCARD);
        provider.stream(call(RELAXED), key(), TextSink.DISCARD);
        server.handle(exchange -> json(exchange, 200, "{\"choices\":[{\"message\":{\"content\":\"4\"}}]}"));
        provider.complete(call(RELAXED), key());
        provider.complete(call(RELAXED), key());

        assertThat(server.received()).extracting(UpstreamServer.Received::remotePort).containsOnly(
                server.received().get(0).remotePort());
    }

    @Test
    void errorStatusIsClassifiedWithHintAndRateLimits() {
        server.handle(exchange -> json(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached for requests\","
                        + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                "retry-after", "3", "x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "0"));

        ProviderException e = streamFails(RELAXED);

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(e.rateLimits().requestsRemaining()).isZero();
        assertThat(e.getMessage()).startsWith("test-openai: HTTP 429 rate_limit_exceeded");
    }

    @Test
    void theApiKeyNeverAppearsInTheMessageEvenWhenTheProviderEchoesIt() {
        server.handle(exchange -> json(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));

        ProviderException e = completeFails(RELAXED);

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_KEY);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("[redacted]");
        assertThat(e.toString()).doesNotContain(KEY);
    }

    @Test
    void theApiKeyNeverAppearsInAMidStreamErrorEither() {
        sse(out -> send(out, delta("x") + "data: {\"error\":{\"message\":\"bad key " + KEY + "\",\"type\":\"x\"}}\n\n"));

        ProviderException e = streamFails(RELAXED);

        assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
        assertThat(e.getMessage()).doesNotContain(KEY);
        assertThat(e.partialText()).isEqualTo("x");
    }

    @Test
    void hugeErrorBodyIsCutAndStillClassified() {
        String huge = "{\"error\":{\"message\":\"" + "overloaded ".repeat(1_000_000) + "\",\"code\":\"x\"}}";
        server.handle(exchange -> json(exchange, 503, huge));

        ProviderException e = completeFails(RELAXED);

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage().length()).isLessThan(1_000);
    }

    @Test
    void noHeadersWithinTheFirstTokenTimeoutOfAStream() {
        server.handle(exchange -> server.hang());

        assertThat(streamFails(SHORT_FIRST_TOKEN).kind()).isEqualTo(ErrorKind.FIRST_TOKEN_TIMEOUT);
    }

    @Test
    void headersButNoTextWithinTheFirstTokenTimeout() {
        sse(out -> {
            send(out, ": keep-alive\n\n");
            send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n");
            server.hang();
        });

        assertThat(streamFails(SHORT_FIRST_TOKEN).kind()).isEqualTo(ErrorKind.FIRST_TOKEN_TIMEOUT);
    }

    @Test
    void silenceAfterTheFirstTokenIsAnIdleTimeoutWithTheTextSoFar() {
        sse(out -> {
            send(out, delta("The answer "));
            send(out, delta("is"));
            server.hang();
        });

        ProviderException e = streamFails(SHORT_IDLE);

        assertThat(e.kind()).isEqualTo(ErrorKind.IDLE_TIMEOUT);
        assertThat(e.partialText()).isEqualTo("The answer is");
        assertThat(e.reportedUsage()).isNull();
    }

    @Test
    void aSteadyTrickleIsStoppedByTheTotalTimeout() {
        AtomicBoolean stop = new AtomicBoolean();
        sse(out -> {
            while (!stop.get()) {
                send(out, delta("."));
                Thread.sleep(20); // the trickle's pace: well inside the idle timeout, so only the total one can end it
            }
        });
        ProviderException e = streamFails(SHORT_TOTAL);
        stop.set(true);

        assertThat(e.kind()).isEqualTo(ErrorKind.TOTAL_TIMEOUT);
        assertThat(e.partialText()).matches("\\.*"); // whatever arrived in time (a cold JVM may see none)
    }

    @Test
    void aNonStreamedCallThatNeverAnswersHitsTheTotalTimeout() {
        server.handle(exchange -> server.hang());
        CallTimeouts timeouts = new CallTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(200),
                Duration.ofMillis(900));

        // no first-token timeout for a non-streamed call: its answer comes whole, after generation
        assertThat(completeFails(timeouts).kind()).isEqualTo(ErrorKind.TOTAL_TIMEOUT);
    }

    @Test
    void aNonStreamedBodyThatStallsIsAnIdleTimeout() {
        server.handle(exchange -> {
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            send(exchange.getResponseBody(), "{\"choices\":[{\"message\":{\"content\":\"4");
            server.hang();
        });

        assertThat(completeFails(SHORT_IDLE).kind()).isEqualTo(ErrorKind.IDLE_TIMEOUT);
    }

    @Test
    void streamCutBeforeItsEndMarkerIsBrokenWithProgressAndNoUsage() {
        sse(out -> send(out, delta("Half ") + delta("an answer") + STOP)); // then the handler returns: body ends

        ProviderException e = streamFails(RELAXED);

        assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
        assertThat(e.partialText()).isEqualTo("Half an answer");
        assertThat(e.outputStarted()).isTrue();
        assertThat(e.reportedUsage()).as("usage arrives only in the chunk before [DONE]").isNull();
    }

    @Test
    void malformedStreamIsBroken() {
        sse(out -> send(out, delta("ok") + "data: {not json}\n\n" + DONE));

        ProviderException e = streamFails(RELAXED);

        assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
        assertThat(e.partialText()).isEqualTo("ok");
    }

    @Test
    void malformedNonStreamedBodyIsBroken() {
        server.handle(exchange -> json(exchange, 200, "<html>proxy login</html>"));

        assertThat(completeFails(RELAXED).kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
    }

    @Test
    void aSinkThatRefusesMoreTextCancelsAndClosesTheUpstreamConnection() {
        AtomicBoolean upstreamSawClose = new AtomicBoolean();
        sse(out -> {
            try {
                // as fast as the socket takes them: the writes block once its buffers are full, and
                // fail once the client has closed the connection
                for (int i = 0; i < 1_000_000; i++) {
                    send(out, delta("tok" + i + " "));
                }
            } catch (IOException closedByClient) {
                upstreamSawClose.set(true);
                throw closedByClient;
            }
        });
        List<String> seen = new CopyOnWriteArrayList<>();

        ProviderException e = failure(() -> provider.stream(call(RELAXED), key(), delta -> {
            seen.add(delta);
            return seen.size() < 3;
        }));

        assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(e.partialText()).isEqualTo("tok0 tok1 tok2 ");
        await().atMost(Duration.ofSeconds(10)).untilTrue(upstreamSawClose);
    }

    @Test
    void aSinkThatThrowsCancelsTheCallInsteadOfLookingLikeAProviderFailure() {
        sse(out -> send(out, delta("a") + delta("b") + STOP + USAGE + DONE));

        ProviderException e = failure(() -> provider.stream(call(RELAXED), key(), delta -> {
            throw new java.io.UncheckedIOException(new IOException("student went away"));
        }));

        assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(e.getCause()).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(e.partialText()).isEqualTo("a");
    }

    @Test
    void aKeyThatCannotBeAHeaderIsInvalidAndNotEchoed() {
        String broken = "sk-line1\nline2-SECRET";
        ProviderException e = failure(() -> provider.complete(call(RELAXED), new ApiKey("openai-main#9", broken)));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_KEY);
        assertThat(e.getMessage()).contains("openai-main#9").doesNotContain("SECRET");
        assertThat(e.getCause()).isNull();
        assertThat(server.received()).isEmpty();
    }

    @Test
    void interruptingTheCallerCancelsTheCall() throws Exception {
        server.handle(exchange -> server.hang());
        var result = new java.util.concurrent.CompletableFuture<ProviderException>();
        Thread caller = Thread.ofVirtual().start(() -> result.complete(streamFails(CallTimeouts.DEFAULTS)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.received().isEmpty());

        caller.interrupt();

        assertThat(result.get().kind()).isEqualTo(ErrorKind.CANCELLED);
    }

    @Test
    void connectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (ChatProvider refused = provider(ProviderType.OPENAI, "http://127.0.0.1:" + closedPort)) {
            ProviderException e = failure(() -> refused.stream(call(RELAXED), key(), TextSink.DISCARD));

            assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION_FAILED);
            assertThat(e.httpStatus()).isZero();
        }
    }

    @Test
    void connectionResetBeforeAResponse() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!resetting.isClosed()) {
                    try (Socket s = resetting.accept()) {
                        s.getInputStream().read(new byte[1024]);
                        s.setSoLinger(true, 0); // close with RST
                    } catch (IOException ignored) {
                        return;
                    }
                }
            });
            try (ChatProvider reset = provider(ProviderType.OPENAI, "http://127.0.0.1:" + resetting.getLocalPort())) {
                assertThat(failure(() -> reset.complete(call(RELAXED), key())).kind())
                        .isEqualTo(ErrorKind.CONNECTION_FAILED);
            }
        }
    }

    @Test
    void connectTimeoutWhenTheServerNeverAcceptsTheConnection() throws Exception {
        // A listening socket that never accepts, with its accept queue filled: further SYNs go unanswered.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(filler);
                    } catch (IOException queueFull) {
                        filler.close();
                        break;
                    }
                }
                CallTimeouts timeouts = new CallTimeouts(Duration.ofMillis(300), Duration.ofSeconds(15),
                        Duration.ofSeconds(15), Duration.ofSeconds(30));
                try (ChatProvider unreachable = provider(ProviderType.OPENAI,
                        "http://127.0.0.1:" + full.getLocalPort())) {
                    assertThat(failure(() -> unreachable.stream(call(timeouts), key(), TextSink.DISCARD)).kind())
                            .isEqualTo(ErrorKind.CONNECT_TIMEOUT);
                }
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }
}
