package dev.tutorgate.stress;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HTTP server that speaks tutorgate's contract for the stress command's tests, until
 * the real server is on main: admin-created students with tokens, {@code POST /api/chat} as SSE
 * ({@code meta}, {@code delta}s, {@code done} with the cost) or JSON, the contract's error JSON with
 * 429 + {@code Retry-After} and 503. Each student may be answered {@code limit} times (no refill:
 * a run is far shorter than a minute, and this keeps the tests exact); {@link Behaviour} breaks
 * the contract in the ways the command must notice.
 */
final class ContractServer implements AutoCloseable {
    static final String ADMIN_TOKEN = "tga_test-admin-token";

    /** How this server behaves: the defaults follow the contract; each setter breaks it in one way. Set before start. */
    static final class Behaviour {
        int limit = 10;
        boolean enforceLimit = true;
        boolean retryAfterHeader = true;
        boolean retryAfterBody = true;
        String costUsd = "0.000123456789";
        String model = "gemini-2.5-flash";
        int budgetAfterAnswers = Integer.MAX_VALUE;
        Hang hang = Hang.NEVER;
        boolean cutStream;
        boolean errorEventAfterStart;
        boolean garbledDone;
        boolean endlessStream;
        Integer summaryLimit;

        static Behaviour contract() {
            return new Behaviour();
        }

        Behaviour limit(int n) {
            limit = n;
            return this;
        }

        Behaviour ignoringTheLimit() {
            enforceLimit = false;
            return this;
        }

        Behaviour withoutRetryAfter() {
            retryAfterHeader = false;
            retryAfterBody = false;
            return this;
        }

        Behaviour retryAfterOnlyInBody() {
            retryAfterHeader = false;
            return this;
        }

        Behaviour budgetExceededAfter(int answers) {
            budgetAfterAnswers = answers;
            return this;
        }

        Behaviour hanging(Hang how) {
            hang = how;
            return this;
        }

        Behaviour cuttingStreams() {
            cutStream = true;
            return this;
        }

        Behaviour failingAfterStart() {
            errorEventAfterStart = true;
            return this;
        }

        Behaviour garblingDone() {
            garbledDone = true;
            return this;
        }

        Behaviour streamingForever() {
            endlessStream = true;
            return this;
        }

        Behaviour publishingLimit(int n) {
            summaryLimit = n;
            return this;
        }

        Behaviour costing(String usd) {
            costUsd = usd;
            return this;
        }
    }

    /** Where an answer stops forever (until the client gives up or the server closes). */
    enum Hang { NEVER, BEFORE_HEADERS, AFTER_META }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Behaviour behaviour;
    private final Map<String, String> studentByToken = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger answers = new AtomicInteger();
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final List<String> createdStudents = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    ContractServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(executor);
        server.createContext("/api/admin/students", this::students);
        server.createContext("/api/admin/summary", this::summary);
        server.createContext("/api/chat", this::chat);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Every question received, in arrival order. */
    List<String> questions() {
        return questions;
    }

    List<String> createdStudents() {
        return createdStudents;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void students(HttpExchange x) throws IOException {
        try (x) {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                error(x, 401, "unauthorized", null);
                return;
            }
            if (!auth.equals("Bearer " + ADMIN_TOKEN)) {
                boolean student = studentByToken.containsKey(auth.substring("Bearer ".length()));
                error(x, student ? 403 : 401, student ? "forbidden" : "unauthorized", null);
                return;
            }
            JsonNode body = ChatCaller.JSON.readTree(x.getRequestBody());
            String name = body.path("name").asText();
            String token = "tgs_" + name;
            studentByToken.put(token, name);
            createdStudents.add(name);
            send(x, 201, "application/json", "{\"id\":\"stu_" + name + "\",\"name\":\"" + name + "\",\"token\":\"" + token + "\"}");
        }
    }

    private void summary(HttpExchange x) throws IOException {
        try (x) {
            if (behaviour.summaryLimit == null) {
                error(x, 404, "not_found", null);
            } else {
                send(x, 200, "application/json", "{\"spentUsd\":\"0\",\"limits\":{\"studentRequestsPerMinute\":"
                        + behaviour.summaryLimit + "}}");
            }
        }
    }

    private void chat(HttpExchange x) throws IOException {
        try (x) {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            String student = auth == null ? null : studentByToken.get(auth.substring("Bearer ".length()));
            if (student == null) {
                error(x, 401, "unauthorized", null);
                return;
            }
            questions.add(ChatCaller.JSON.readTree(x.getRequestBody()).path("message").asText());
            if (behaviour.hang == Hang.BEFORE_HEADERS) {
                awaitRelease();
                return;
            }
            int n = admitted.computeIfAbsent(student, s -> new AtomicInteger()).incrementAndGet();
            if (behaviour.enforceLimit && n > behaviour.limit) {
                error(x, 429, "rate_limited", 42L);
                return;
            }
            if (answers.incrementAndGet() > behaviour.budgetAfterAnswers) {
                error(x, 503, "budget_exceeded", 3600L);
                return;
            }
            String accept = x.getRequestHeaders().getFirst("Accept");
            if (accept != null && accept.contains("text/event-stream")) {
                stream(x);
            } else if (behaviour.garbledDone) {
                send(x, 200, "application/json; charset=utf-8", "{\"answer\": \"FastAPI is");
            } else {
                send(x, 200, "application/json; charset=utf-8", "{\"answer\":\"FastAPI is a web framework.\","
                        + "\"requestId\":\"r1\",\"model\":\"" + behaviour.model + "\",\"complexity\":\"simple\","
                        + "\"costUsd\":\"" + behaviour.costUsd + "\"}");
            }
        }
    }

    private void stream(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        event(out, "meta", "{\"requestId\":\"r1\",\"model\":\"" + behaviour.model + "\",\"complexity\":\"simple\"}");
        if (behaviour.hang == Hang.AFTER_META) {
            awaitRelease();
            return;
        }
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        event(out, "delta", "{\"text\":\"FastAPI is \"}");
        byte[] filler = ("event: delta\ndata: {\"text\":\"" + "x".repeat(8000) + "\"}\n\n").getBytes(StandardCharsets.UTF_8);
        while (behaviour.endlessStream) {
            out.write(filler); // until the client hangs up: the write fails and the handler ends
        }
        event(out, "delta", "{\"text\":\"a web framework.\"}");
        if (behaviour.cutStream) {
            return;
        }
        if (behaviour.errorEventAfterStart) {
            event(out, "error", "{\"error\":{\"code\":\"answer_interrupted\",\"message\":\"The answer was interrupted.\"}}");
            return;
        }
        if (behaviour.garbledDone) {
            event(out, "done", "{\"requestId\":\"r1\", costUsd: 0.1");
            return;
        }
        event(out, "done", "{\"requestId\":\"r1\",\"model\":\"" + behaviour.model + "\",\"complexity\":\"simple\","
                + "\"usage\":{\"inputTokens\":1200,\"outputTokens\":35},\"costUsd\":\"" + behaviour.costUsd + "\"}");
    }

    private static void event(OutputStream out, String name, String json) throws IOException {
        out.write(("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void error(HttpExchange x, int status, String code, Long retryAfter) throws IOException {
        boolean waits = retryAfter != null;
        if (waits && behaviour.retryAfterHeader) {
            x.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter));
        }
        String wait = waits && behaviour.retryAfterBody ? ",\"retryAfterSeconds\":" + retryAfter : "";
        send(x, status, "application/json; charset=utf-8",
                "{\"error\":{\"code\":\"" + code + "\",\"message\":\"Too many requests.\"" + wait + "}}");
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
