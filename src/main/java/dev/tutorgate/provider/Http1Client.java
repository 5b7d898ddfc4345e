package dev.tutorgate.provider;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSession;

/**
 * A small HTTP/1.1 client for {@code http://} upstreams (self-hosted servers, the emulator): blocking
 * sockets on the caller's virtual thread, keep-alive connections reused most-recent-first, the
 * request head and a small body in one write, and no thread hand-offs. The JDK client spends several
 * threads and futures on each exchange; for plain HTTP that was about a quarter of tutorgate's CPU
 * per request. It takes and returns the JDK's {@link HttpRequest} and {@link HttpResponse}, so the
 * provider code is the same for both clients.
 *
 * <p>Semantics kept from the JDK client: {@link HttpRequest#timeout()} bounds the wait for the
 * response head ({@link HttpTimeoutException}), the connect timeout gives
 * {@link java.net.http.HttpConnectTimeoutException}, an interrupted caller gets
 * {@link InterruptedException}, a body read to its end gives its connection back for reuse and a
 * body closed early closes its connection. A request is never sent twice: an idle connection is
 * checked (one non-blocking read) before it is reused, so one the server has closed is dropped.
 */
final class Http1Client implements AutoCloseable {
    static final Duration MAX_IDLE = Duration.ofSeconds(30);
    private static final Duration NO_TIMEOUT = Duration.ofDays(1);

    private final Watchdog watchdog = Watchdog.shared();
    private final InetSocketAddress address;
    private final String hostHeader;
    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    Http1Client(URI upstream) {
        int port = upstream.getPort() < 0 ? 80 : upstream.getPort();
        this.address = InetSocketAddress.createUnresolved(upstream.getHost(), port);
        this.hostHeader = upstream.getPort() < 0 ? upstream.getHost() : upstream.getHost() + ":" + port;
    }

    HttpResponse<InputStream> send(HttpRequest request, Duration connectTimeout) throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        byte[][] body = new byte[1][];
        byte[] head = head(request, body);
        long deadline = System.nanoTime() + request.timeout().orElse(NO_TIMEOUT).toNanos();
        Http1Connection connection = pooled();
        if (connection == null) {
            connection = open(connectTimeout);
        }
        HeadDeadline headDeadline = new HeadDeadline(connection, deadline);
        watchdog.watch(headDeadline);
        try {
            connection.write(head, body[0], 0, body[0].length);
            Http1Connection.Head response = connection.readHead();
            if (!headDeadline.met()) {
                throw new IOException("the connection was closed at the deadline");
            }
            return new Response(request, response, bodyOf(connection, response));
        } catch (IOException e) {
            connection.close();
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + request.uri());
            }
            if (headDeadline.passed()) {
                HttpTimeoutException timeout = new HttpTimeoutException("no response headers in time");
                timeout.initCause(e);
                throw timeout;
            }
            throw e; // never retried here: the upstream may have acted on the request (and billed it)
        } finally {
            watchdog.unwatch(headDeadline);
        }
    }

    /**
     * The wait for a response head: the watchdog closes the connection when the deadline passes
     * first, which ends the blocked read. One of {@link #met()} and the watchdog wins; the other
     * then knows, so a head that arrived just in time is never cut by a late close.
     */
    private static final class HeadDeadline extends AtomicInteger implements Watchdog.Watched {
        private static final int WAITING = 0;
        private static final int MET = 1;
        private static final int PASSED = 2;
        private final Http1Connection connection;
        private final long deadlineNanos;

        HeadDeadline(Http1Connection connection, long deadlineNanos) {
            this.connection = connection;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void check(long now) {
            if (now - deadlineNanos >= 0 && compareAndSet(WAITING, PASSED)) {
                connection.close();
            }
        }

        /** The head arrived; false when the deadline passed first (the connection is closed). */
        boolean met() {
            return compareAndSet(WAITING, MET);
        }

        boolean passed() {
            return get() == PASSED;
        }
    }

    private Http1Connection open(Duration connectTimeout) throws IOException, InterruptedException {
        InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
            throw new java.net.ConnectException("cannot resolve " + address.getHostString());
        }
        try {
            return Http1Connection.open(resolved, (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())));
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while connecting to " + address);
            }
            throw e;
        }
    }

    /** The most recently used idle connection that is still fresh, or null. */
    private Http1Connection pooled() {
        long now = System.nanoTime();
        for (Http1Connection c; (c = idle.pollFirst()) != null; ) {
            if (now - c.idleSince() < MAX_IDLE.toNanos() && c.stillOpen()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(Http1Connection connection) {
        long now = System.nanoTime();
        connection.idleSince(now);
        idle.addFirst(connection);
        Http1Connection oldest = idle.peekLast();
        if (oldest != null && now - oldest.idleSince() >= MAX_IDLE.toNanos() && idle.removeLastOccurrence(oldest)) {
            oldest.close(); // nobody took it for a while: let it go instead of waiting for the server to
        }
        if (closed && idle.remove(connection)) {
            connection.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Http1Connection c; (c = idle.pollFirst()) != null; ) {
            c.close();
        }
    }

    /** The request line and headers; {@code body[0]} receives the body bytes. */
    private byte[] head(HttpRequest request, byte[][] body) throws IOException {
        body[0] = bodyBytes(request);
        URI uri = request.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\n");
        if (body[0].length > 0 || request.method().equals("POST") || request.method().equals("PUT")) {
            head.append("Content-Length: ").append(body[0].length).append("\r\n");
        }
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body a publisher holds (in tutorgate always an in-memory byte array, delivered at once). */
    private static byte[] bodyBytes(HttpRequest request) throws IOException {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return new byte[0];
        }
        long length = publisher.get().contentLength();
        java.io.ByteArrayOutputStream collected = new java.io.ByteArrayOutputStream(length > 0 ? (int) length : 1024);
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                if (item.hasArray()) {
                    collected.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
                } else {
                    byte[] copy = new byte[item.remaining()];
                    item.get(copy);
                    collected.write(copy, 0, copy.length);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException("could not read the request body: " + e, e);
        }
        return collected.toByteArray();
    }

    private InputStream bodyOf(Http1Connection connection, Http1Connection.Head head) {
        if (head.chunked()) {
            return new ChunkedBody(connection, head.keepAlive());
        }
        if (head.contentLength() >= 0) {
            return new FixedBody(connection, head.keepAlive(), head.contentLength());
        }
        return new FixedBody(connection, false, Long.MAX_VALUE); // until the server closes
    }

    /** A response body; read to its end, it gives the connection back (or closes it). */
    private abstract class Body extends InputStream {
        final Http1Connection connection;
        private final boolean reusable;
        private final byte[] one = new byte[1];
        private boolean finished;
        private volatile boolean closed;

        Body(Http1Connection connection, boolean reusable) {
            this.connection = connection;
            this.reusable = reusable;
        }

        final void finish() {
            if (!finished) {
                finished = true;
                if (reusable && !closed) {
                    release(connection);
                } else {
                    connection.close();
                }
            }
        }

        final void checkOpen() throws IOException {
            if (closed) {
                throw new IOException("the response body was closed");
            }
        }

        @Override
        public final int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        /** Closing before the end discards the connection: what is left of the body is never read. */
        @Override
        public final void close() {
            if (!closed) {
                closed = true;
                if (!finished) {
                    finished = true;
                    connection.close();
                }
            }
        }
    }

    private final class FixedBody extends Body {
        private long remaining;

        FixedBody(Http1Connection connection, boolean reusable, long length) {
            super(connection, reusable);
            this.remaining = length;
            if (length == 0) {
                finish();
            }
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            checkOpen();
            if (remaining == 0) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = connection.readBody(into, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                if (remaining == Long.MAX_VALUE) {
                    remaining = 0;
                    finish();
                    return -1;
                }
                throw new EOFException("the connection closed " + remaining + " bytes before the end of the body");
            }
            if (remaining != Long.MAX_VALUE) {
                remaining -= n;
                if (remaining == 0) {
                    finish();
                }
            }
            return n;
        }
    }

    private final class ChunkedBody extends Body {
        private long chunkLeft;
        /** The line end after a chunk's data, read with the next chunk's size: Jetty and others send it only then. */
        private boolean lineEndPending;
        private boolean last;

        ChunkedBody(Http1Connection connection, boolean reusable) {
            super(connection, reusable);
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            checkOpen();
            if (last) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (chunkLeft == 0) {
                if (lineEndPending) {
                    lineEndPending = false;
                    if (!sizeLine().isEmpty()) {
                        throw new IOException("malformed chunked body: no line end after a chunk");
                    }
                }
                chunkLeft = chunkSize();
                if (chunkLeft == 0) {
                    while (!sizeLine().isEmpty()) {
                        // trailer fields: nothing here uses them
                    }
                    last = true;
                    finish();
                    return -1;
                }
            }
            int n = connection.readBody(into, offset, (int) Math.min(length, chunkLeft));
            if (n < 0) {
                throw new EOFException("the connection closed in the middle of a chunk");
            }
            chunkLeft -= n;
            // what was read is returned now, even if the connection ends before the line end
            lineEndPending = chunkLeft == 0;
            return n;
        }

        private long chunkSize() throws IOException {
            String line = sizeLine();
            int extension = line.indexOf(';');
            String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
            try {
                long size = Long.parseLong(hex, 16);
                if (size < 0) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size in a chunked body");
            }
        }

        private String sizeLine() throws IOException {
            StringBuilder line = new StringBuilder(8);
            for (int b; (b = connection.readBodyByte()) != '\n'; ) {
                if (b < 0) {
                    throw new EOFException("the connection closed in the middle of a chunked body");
                }
                if (b != '\r') {
                    if (line.length() > 1024) {
                        throw new IOException("malformed chunked body: a line without end");
                    }
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }

    /** The JDK's response interface over what came back. */
    private record Response(HttpRequest request, Http1Connection.Head head, InputStream body)
            implements HttpResponse<InputStream> {
        @Override
        public int statusCode() {
            return head.status();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return head.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
