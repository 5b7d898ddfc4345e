package dev.tutorgate.provider;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on loopback serving whatever a test scripts: canned bodies, slow streams, hangs. */
public final class UpstreamServer implements AutoCloseable {

    /** What the server received. */
    public record Received(String method, String path, String query, Headers headers, String body, String protocol,
                           int remotePort) {
    }

    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> handlerFailures = new CopyOnWriteArrayList<>();
    private volatile Handler handler = exchange -> json(exchange, 500, "{}");

    public UpstreamServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getQuery(), exchange.getRequestHeaders(), body,
                        exchange.getProtocol(), exchange.getRemoteAddress().getPort()));
                handler.handle(exchange);
            } catch (Throwable t) {
                handlerFailures.add(t);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public UpstreamServer handle(Handler next) {
        this.handler = next;
        return this;
    }

    public List<Received> received() {
        return received;
    }

    /** Exceptions thrown inside handlers (e.g. a write to a connection the client closed). */
    public List<Throwable> handlerFailures() {
        return handlerFailures;
    }

    /** Blocks a handler until the server closes: an upstream that hangs. */
    public void hang() throws InterruptedException {
        released.await(30, TimeUnit.SECONDS);
    }

    public static void json(HttpExchange exchange, int status, String body, String... headerNameValues)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        for (int i = 0; i < headerNameValues.length; i += 2) {
            exchange.getResponseHeaders().add(headerNameValues[i], headerNameValues[i + 1]);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Starts a chunked SSE response; write events with {@link #send}. */
    public static OutputStream startSse(HttpExchange exchange, String... headerNameValues) throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        for (int i = 0; i < headerNameValues.length; i += 2) {
            exchange.getResponseHeaders().add(headerNameValues[i], headerNameValues[i + 1]);
        }
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    public static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
