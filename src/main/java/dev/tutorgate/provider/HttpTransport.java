package dev.tutorgate.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP side of one provider: {@link Http1Client} for {@code http://}, a JDK {@link HttpClient}
 * running its work on virtual threads for {@code https://}.
 *
 * <p>{@code http://} upstreams (self-hosted servers, the emulator) get HTTP/1.1 through
 * {@link Http1Client}, tutorgate's own small client (asking the JDK client for HTTP/2 over plain
 * text makes it try an h2c upgrade, which such servers refuse; and its thread hand-offs cost more
 * CPU than the rest of a request). {@code https://} upstreams use the JDK client with HTTP/2
 * (negotiated by ALPN, falling back to 1.1). The connect timeout is a property of the JDK client,
 * so there is one client per distinct connect timeout — in practice exactly one.
 */
public final class HttpTransport implements AutoCloseable {
    private final HttpClient.Version version;
    private final Http1Client plain;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<Duration, HttpClient> clients = new ConcurrentHashMap<>(2);

    public HttpTransport(URI upstream) {
        String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
        this.version = scheme.equals("http") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
        this.plain = scheme.equals("http") ? new Http1Client(upstream) : null;
    }

    /** The HTTP version asked for (HTTP/1.1 for {@code http://}, HTTP/2 for {@code https://}). */
    public HttpClient.Version version() {
        return version;
    }

    /** Sends a request; returns once the response headers arrived, with the body still streaming. */
    public HttpResponse<InputStream> send(HttpRequest request, Duration connectTimeout)
            throws IOException, InterruptedException {
        if (plain != null) {
            return plain.send(request, connectTimeout);
        }
        return clients.computeIfAbsent(connectTimeout, this::newClient)
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(version)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    @Override
    public void close() {
        if (plain != null) {
            plain.close();
        }
        clients.values().forEach(HttpClient::shutdownNow);
        executor.shutdown();
    }
}
