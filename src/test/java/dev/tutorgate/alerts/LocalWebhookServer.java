package dev.tutorgate.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback that plays a Slack webhook: records what it gets, answers as scripted. */
final class LocalWebhookServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    LocalWebhookServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            Integer status = scriptedStatuses.poll();
            int answer = status == null ? 200 : status;
            if (answer == 200 && "POST".equals(exchange.getRequestMethod())) {
                received.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
            }
            byte[] reply = (answer == 200 ? "ok" : "error").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    /** A webhook URL with a secret-looking path, as Slack's are. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0001/B0002/s3cr3tT0ken";
    }

    /** The next requests get these statuses (failures are not recorded as received). */
    void answer(int... statuses) {
        for (int status : statuses) {
            scriptedStatuses.add(status);
        }
    }

    /** Holds every request until {@link #open()}: a webhook that hangs. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    List<JsonNode> received() {
        return received;
    }

    int requests() {
        return requests.get();
    }

    List<String> contentTypes() {
        return contentTypes;
    }

    @Override
    public void close() {
        open();
        server.stop(0);
    }
}
