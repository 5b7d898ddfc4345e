package dev.tutorgate.provider;

import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The one {@link ChatProvider} implementation: HTTP, timeouts, cancellation, SSE framing, rate-limit
 * headers, retry hints and the safety of error messages are handled here, once, for every vendor;
 * the vendor's {@link WireProtocol} only says what to send and how to read the answer.
 */
public final class HttpChatProvider implements ChatProvider {
    /** One SSE event larger than this is treated as a broken stream. */
    static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;
    /** A non-streamed body larger than this is treated as broken. */
    static final long MAX_REPLY_BYTES = 32L * 1024 * 1024;
    /** Time given to read the end of a finished HTTP/1.1 body, so that its connection is reused. */
    static final Duration DRAIN_GRACE = Duration.ofMillis(200);

    private final String name;
    private final WireProtocol protocol;
    private final HttpTransport transport;
    private final Watchdog watchdog;
    private final Clock clock;

    public HttpChatProvider(String name, WireProtocol protocol, HttpTransport transport, Watchdog watchdog,
                            Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.watchdog = Objects.requireNonNull(watchdog, "watchdog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProviderReply complete(ModelCall call, ApiKey key) throws ProviderException {
        return call(call, key, null);
    }

    @Override
    public ProviderReply stream(ModelCall call, ApiKey key, TextSink sink) throws ProviderException {
        return call(call, key, Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public void close() {
        transport.close();
    }

    private ProviderReply call(ModelCall call, ApiKey key, TextSink sink) throws ProviderException {
        boolean streaming = sink != null;
        ReplyAccumulator progress = null;
        RateLimitSnapshot limits = RateLimitSnapshot.NONE;
        HttpResponse<InputStream> response = null;
        try (CallGuard guard = watchdog.guard(call.timeouts(), streaming)) {
            try {
                response = send(call, key, guard, streaming);
                limits = protocol.rateLimits(response.headers(), clock.instant());
                InputStream body = guard.watch(response.body());
                if (response.statusCode() / 100 != 2) {
                    throw protocol.error(new ErrorResponse(response.statusCode(), response.headers(),
                            ErrorResponse.readBody(body), RetryHints.fromHeaders(response.headers(), clock.instant()),
                            limits));
                }
                ProviderReply reply;
                if (streaming) {
                    progress = new ReplyAccumulator(sink, guard::firstToken);
                    reply = readStream(body, progress, guard, limits);
                } else {
                    reply = protocol.readReply(new BoundedStream(body, MAX_REPLY_BYTES), limits);
                }
                drain(body, guard, response.version());
                return reply;
            } catch (IOException readFailed) {
                throw bodyFailure(readFailed, guard, limits);
            } catch (RuntimeException unreadable) {
                // a response shape no mapper foresaw: still one classified failure, never a crash
                throw new ProviderException(ErrorKind.STREAM_BROKEN, 0, null, "unreadable response: " + unreadable,
                        null, null, limits, unreadable);
            }
        } catch (ProviderException failure) {
            throw finish(failure, progress, key);
        } finally {
            if (response != null) {
                closeQuietly(response.body());
            }
        }
    }

    private HttpResponse<InputStream> send(ModelCall call, ApiKey key, CallGuard guard, boolean streaming)
            throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(protocol.endpoint(call, streaming))
                .timeout(guard.headersTimeout())
                .header("content-type", "application/json")
                .header("accept", streaming ? "text/event-stream" : "application/json")
                .header("user-agent", "tutorgate")
                .POST(protocol.body(call, streaming).publisher());
        try {
            protocol.authenticate(request, key);
        } catch (IllegalArgumentException notAHeaderValue) {
            // the JDK's message quotes the value, i.e. the key: neither message nor cause may travel on
            throw new ProviderException(ErrorKind.INVALID_KEY, 0, null,
                    "the API key " + key.alias() + " contains characters an HTTP header cannot carry");
        }
        try {
            return transport.send(request.build(), call.timeouts().connect());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // the JDK client has cancelled the exchange
            throw new ProviderException(ErrorKind.CANCELLED, 0, null, "the calling thread was interrupted");
        } catch (IOException e) {
            if (causedBy(e, HttpConnectTimeoutException.class)) {
                throw failure(ErrorKind.CONNECT_TIMEOUT, "no connection within " + millis(call.timeouts().connect()), e);
            }
            if (e instanceof HttpTimeoutException) {
                throw failure(guard.headersTimeoutKind(), "no response headers in time", e);
            }
            throw failure(ErrorKind.CONNECTION_FAILED, "connection failed: " + describe(e), e);
        }
    }

    private ProviderReply readStream(InputStream body, ReplyAccumulator progress, CallGuard guard,
                                     RateLimitSnapshot limits) throws IOException, ProviderException {
        SseReader sse = new SseReader(body, MAX_EVENT_BYTES);
        StreamDecoder.End end = StreamDecoder.readAll(sse, protocol.streamDecoder(), progress);
        switch (end) {
            case COMPLETE -> {
                return progress.reply(limits);
            }
            case CANCELLED -> throw new ProviderException(ErrorKind.CANCELLED, 0, null,
                    progress.sinkFailure() == null
                            ? "the caller stopped reading; the upstream connection was closed"
                            : "the caller's sink failed (" + progress.sinkFailure() + "); the upstream connection was closed",
                    null, null, limits, progress.sinkFailure());
            default -> {
                ErrorKind timeout = guard.expired();
                if (timeout != null) {
                    throw new ProviderException(timeout, 0, null, timeoutMessage(timeout), null, null, limits, null);
                }
                throw new ProviderException(ErrorKind.STREAM_BROKEN, 0, null,
                        "the stream ended before its end marker", null, null, limits, null);
            }
        }
    }

    /** Reads what is left of a finished HTTP/1.1 body so the connection goes back to the pool. */
    private static void drain(InputStream body, CallGuard guard, HttpClient.Version version) {
        if (version != HttpClient.Version.HTTP_1_1) {
            return; // HTTP/2: closing resets only this stream, the connection stays
        }
        guard.drainFor(DRAIN_GRACE);
        byte[] skip = new byte[512];
        try {
            while (body.read(skip) >= 0) {
                // discard: normally nothing but the last chunk of the chunked encoding
            }
        } catch (IOException ignored) {
            // the grace ran out or the upstream closed: the answer is complete either way
        }
    }

    private static ProviderException bodyFailure(IOException e, CallGuard guard, RateLimitSnapshot limits) {
        ErrorKind timeout = guard.expired();
        if (timeout != null) {
            return new ProviderException(timeout, 0, null, timeoutMessage(timeout), null, null, limits, e);
        }
        if (Thread.currentThread().isInterrupted()) {
            return new ProviderException(ErrorKind.CANCELLED, 0, null, "the calling thread was interrupted",
                    null, null, limits, e);
        }
        String what = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                ? "malformed response: " + json.getOriginalMessage()
                : "response broke off: " + describe(e);
        return new ProviderException(ErrorKind.STREAM_BROKEN, 0, null, what, null, null, limits, e);
    }

    /**
     * The last step of every failure: our provider name in front, the API key scrubbed from the
     * message (providers echo keys in error bodies), and the stream's progress attached.
     */
    private ProviderException finish(ProviderException e, ReplyAccumulator progress, ApiKey key) {
        String message = name + ": " + redact(e.getMessage(), key);
        String partial = progress == null ? e.partialText() : progress.text();
        Usage usage = progress == null ? e.reportedUsage() : progress.usage();
        return new ProviderException(e.kind(), e.httpStatus(), e.retryAfter(), message, partial, usage,
                e.rateLimits(), e.getCause());
    }

    static String redact(String message, ApiKey key) {
        if (message == null) {
            return "";
        }
        String secret = key.secret();
        return secret.isEmpty() || !message.contains(secret) ? message : message.replace(secret, "[redacted]");
    }

    private static String timeoutMessage(ErrorKind kind) {
        return switch (kind) {
            case FIRST_TOKEN_TIMEOUT -> "no first token within the first-token timeout";
            case IDLE_TIMEOUT -> "the stream went silent for longer than the idle timeout";
            case TOTAL_TIMEOUT -> "the call took longer than the total timeout";
            default -> kind.label();
        };
    }

    private static ProviderException failure(ErrorKind kind, String message, Throwable cause) {
        return new ProviderException(kind, 0, null, message, null, null, null, cause);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a finished or aborted body cannot fail in a way we could act on
        }
    }

    /** Fails a non-streamed body that grows past a sane size. */
    private static final class BoundedStream extends FilterInputStream {
        private long remaining;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && --remaining < 0) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0 && (remaining -= n) < 0) {
                throw tooLarge();
            }
            return n;
        }

        private static IOException tooLarge() {
            return new IOException("the response body exceeded " + MAX_REPLY_BYTES + " bytes");
        }
    }
}
