package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain-HTTP client byte by byte, against a socket server that answers each request with
 * whatever the test scripted (HttpChatProviderTest and the contract tests cover it through the
 * providers).
 */
class Http1ClientTest {
    private static final Duration CONNECT = Duration.ofSeconds(5);

    /** What to do with one request on a connection: the bytes to answer (null: none), then maybe close. */
    record Reply(byte[] bytes, boolean thenClose) {
    }

    @FunctionalInterface
    interface Answer {
        Reply reply(String request) throws Exception;
    }

    private ServerSocket server;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> connectionPorts = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    /** Released when the test ends: a server that hangs waits on it instead of sleeping. */
    private final CountDownLatch testEnded = new CountDownLatch(1);
    private Http1Client client;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        client = new Http1Client(URI.create("http://127.0.0.1:" + server.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        testEnded.countDown();
        client.close();
        server.close();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                connectionPorts.add(socket.getPort());
                Answer answer = answers.poll(10, TimeUnit.SECONDS);
                Reply reply = answer == null ? CLOSE : answer.reply(request);
                if (reply.bytes() != null) {
                    out.write(reply.bytes());
                    out.flush();
                }
                if (reply.thenClose()) {
                    socket.close();
                    closedByServer.incrementAndGet();
                    return;
                }
            }
        } catch (Exception ignored) {
            // the test ended or closed the connection
        }
    }

    /** Head and Content-Length body of one request, or null when the client closed the connection. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static final Reply CLOSE = new Reply(null, true);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void answer(String reply) {
        answers.add(request -> new Reply(bytes(reply), false));
    }

    private void answerThenClose(String reply) {
        answers.add(request -> new Reply(bytes(reply), true));
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat?x=1"))
                .timeout(Duration.ofSeconds(5))
                .header("authorization", "Bearer k")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String bodyOf(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sendsTheRequestAndReadsAContentLengthBody() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Multi: a\r\nx-multi: b\r\nContent-Length: 7\r\n\r\n{\"a\":1}");

        HttpResponse<InputStream> response = client.send(post("{\"q\":\"é\"}"), CONNECT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().allValues("X-MULTI")).containsExactly("a", "b");
        assertThat(bodyOf(response)).isEqualTo("{\"a\":1}");
        String request = requests.getFirst();
        assertThat(request).startsWith("POST /v1/chat?x=1 HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .contains("Content-Length: 10\r\n")
                .contains("authorization: Bearer k\r\n")
                .endsWith("\r\n\r\n{\"q\":\"é\"}");
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n");

        assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("hello world");
    }

    @Test
    void aLargeBodyArrivesWhole() throws Exception {
        String big = "x".repeat(300_000);
        answer("HTTP/1.1 200 OK\r\nContent-Length: " + big.length() + "\r\n\r\n" + big);

        assertThat(bodyOf(client.send(post("y".repeat(200_000)), CONNECT))).isEqualTo(big);
        assertThat(requests.getFirst()).endsWith("y".repeat(200_000));
    }

    @Test
    void aFinishedBodyGivesItsConnectionBackForTheNextRequest() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        for (int i = 0; i < 3; i++) {
            assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("ok");
        }

        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aBodyClosedBeforeItsEndClosesItsConnection() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789");
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        HttpResponse<InputStream> first = client.send(post("{}"), CONNECT);
        assertThat(first.body().read()).isEqualTo('0');
        first.body().close();
        assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("ok");

        assertThat(connections.get()).isEqualTo(2);
        assertThatThrownBy(() -> first.body().read()).isInstanceOf(IOException.class);
    }

    @Test
    void connectionCloseAndHttp10AreNotReused() throws Exception {
        answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        answer("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        for (int i = 0; i < 3; i++) {
            assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("ok");
        }

        assertThat(connections.get()).isEqualTo(3);
    }

    @Test
    void aBodyWithoutLengthLastsUntilTheServerCloses() throws Exception {
        answerThenClose("HTTP/1.1 200 OK\r\n\r\nuntil the end");
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("until the end");
        assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("ok");
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\n!");

        HttpResponse<InputStream> response = client.send(post("{}"), CONNECT);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(bodyOf(response)).isEqualTo("!");
    }

    @Test
    void anIdleConnectionTheServerClosedIsNotReused() throws Exception {
        answerThenClose("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"); // keep-alive said, then closed
        answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain");

        assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("ok");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer.get() == 1);
        assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("again");

        assertThat(requests).hasSize(2);
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aReusedConnectionThatFailsBeforeAResponseIsAnErrorNotASecondRequest() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        answers.add(request -> CLOSE); // reads the request, then drops the connection without a word

        assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("ok");
        assertThatThrownBy(() -> client.send(post("{}"), CONNECT)).isInstanceOf(IOException.class);

        assertThat(requests).hasSize(2);
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aResponseCutInItsHeadIsAnErrorAndNotRetried() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        answerThenClose("HTTP/1.1 200 OK\r\nContent-Le");

        assertThat(bodyOf(client.send(post("{}"), CONNECT))).isEqualTo("ok");
        assertThatThrownBy(() -> client.send(post("{}"), CONNECT)).isInstanceOf(IOException.class);
        assertThat(requests).hasSize(2);
    }

    @Test
    void aBodyCutShortIsAnError() throws Exception {
        answerThenClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");

        HttpResponse<InputStream> response = client.send(post("{}"), CONNECT);
        assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void aChunkedBodyCutShortIsAnError() throws Exception {
        answerThenClose("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");

        HttpResponse<InputStream> response = client.send(post("{}"), CONNECT);
        assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void aChunkReadWholeIsDeliveredEvenIfTheConnectionEndsBeforeItsLineEnd() throws Exception {
        // Jetty writes a chunk's closing CRLF with the next chunk's size: a stream cut after a
        // flush ends right after the data, which the reader must still get before the error.
        answerThenClose("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello");

        InputStream body = client.send(post("{}"), CONNECT).body();
        byte[] read = new byte[64];
        int n = body.read(read, 0, read.length);
        assertThat(new String(read, 0, n, StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThatThrownBy(() -> body.read(read, 0, read.length)).isInstanceOf(EOFException.class);
    }

    @Test
    void malformedResponsesAreErrors() throws Exception {
        answerThenClose("SSH-2.0-OpenSSH\r\n\r\n");
        assertThatThrownBy(() -> client.send(post("{}"), CONNECT)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1.x response");

        answerThenClose("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        HttpResponse<InputStream> response = client.send(post("{}"), CONNECT);
        assertThatThrownBy(() -> response.body().readAllBytes()).hasMessageContaining("malformed chunk size");

        answerThenClose("HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n");
        assertThatThrownBy(() -> client.send(post("{}"), CONNECT)).hasMessageContaining("Content-Length");
    }

    @Test
    void aHugeResponseHeadIsRefused() {
        answerThenClose("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(Http1Connection.MAX_HEAD_BYTES) + "\r\n\r\n");

        assertThatThrownBy(() -> client.send(post("{}"), CONNECT)).hasMessageContaining("response head larger");
    }

    @Test
    void noHeadWithinTheRequestTimeoutIsAnHttpTimeout() {
        answers.add(request -> {
            testEnded.await(); // no head until the test is over
            return CLOSE;
        });
        HttpRequest quick = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"))
                .timeout(Duration.ofMillis(200)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        assertThatThrownBy(() -> client.send(quick, CONNECT)).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aHeadThatArrivedInTimeIsNotCutWhenItsDeadlinePassesAfterwards() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain");
        Duration timeout = Duration.ofMillis(100);
        HttpRequest quick = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"))
                .timeout(timeout).POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        HttpResponse<InputStream> response = client.send(quick, CONNECT);
        // the head's deadline and a few of the watchdog's sweeps go by before the body is read
        long after = System.nanoTime() + timeout.toNanos() + 3 * Watchdog.TICK.toNanos();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - after > 0);

        assertThat(bodyOf(response)).isEqualTo("hello");
        assertThat(bodyOf(client.send(quick, CONNECT))).isEqualTo("again");
        assertThat(connections.get()).isEqualTo(1); // the connection was never closed under it
    }

    @Test
    void closingTheBodyFromAnotherThreadWakesAReaderWaitingForData() throws Exception {
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n"); // and then silence
        HttpResponse<InputStream> response = client.send(post("{}"), CONNECT);
        InputStream body = response.body();
        assertThat(body.read()).isEqualTo('a');
        CompletableFuture<Integer> reading = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                reading.complete(body.read());
            } catch (IOException e) {
                reading.completeExceptionally(e);
            }
        });
        // a virtual thread blocked on a socket read is parked: close only once it waits for data
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> reader.getState() == Thread.State.WAITING);

        body.close();

        assertThat(reading).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause().isInstanceOf(IOException.class);
    }

    @Test
    void aClosedClientRefusesRequests() {
        client.close();

        assertThatThrownBy(() -> client.send(post("{}"), CONNECT)).hasMessageContaining("closed");
    }
}
