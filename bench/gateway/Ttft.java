import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time to first token of a streamed chat completion, through each target in turn.
 *
 * <p>Usage: {@code java Ttft.java ROUNDS REQUESTS_PER_ROUND TARGET...} where a TARGET is
 * {@code name|url|Header: value|Header: value…}, optionally with {@code @FILE} among the parts (that
 * file is the request body instead of the small question). Each round sends REQUESTS_PER_ROUND
 * streamed requests (after two unmeasured ones on a fresh connection), one after the other, to
 * every target in turn (A B C, A B C …), and prints one
 * line per target and round: {@code name round median_us p90_us min_us}.
 *
 * <p>TTFT is the time from writing the request to reading the first {@code data:} line whose
 * {@code "content"} is not empty (a role-only first chunk does not count). The client is a plain
 * socket with HTTP/1.1 keep-alive, so that the time a client library spends on response headers
 * does not count against a gateway that sends its headers together with the first token.
 */
public final class Ttft {
    private static final String QUESTION = "{\"model\":\"gpt-4.1-mini\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is a virtual environment?\"}]}";

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int perRound = Integer.parseInt(args[1]);
        List<Target> targets = new ArrayList<>();
        for (String spec : Arrays.copyOfRange(args, 2, args.length)) {
            targets.add(Target.parse(spec));
        }
        for (Target t : targets) { // warm-up of this client and of the connection
            for (int i = 0; i < Math.max(5, perRound / 4); i++) {
                t.once();
            }
        }
        for (int round = 1; round <= rounds; round++) {
            for (Target t : targets) {
                t.close(); // a fresh connection each round: an idle one may have been closed (Node: after 5 s)
                t.once();
                t.once();
                long[] samples = new long[perRound];
                for (int i = 0; i < perRound; i++) {
                    samples[i] = t.once();
                }
                Arrays.sort(samples);
                int p90 = (int) Math.min(perRound - 1, Math.ceil(perRound * 0.9) - 1);
                System.out.printf("%s %d %d %d %d%n", t.name, round, samples[perRound / 2] / 1000,
                        samples[p90] / 1000, samples[0] / 1000);
            }
        }
        targets.forEach(Target::close);
    }

    private static final class Target {
        final String name;
        final String host;
        final int port;
        final byte[] request;
        Socket socket;
        InputStream in;
        OutputStream out;

        Target(String name, String host, int port, byte[] request) {
            this.name = name;
            this.host = host;
            this.port = port;
            this.request = request;
        }

        static Target parse(String spec) throws IOException {
            String[] parts = spec.split("\\|");
            URI uri = URI.create(parts[1]);
            String body = QUESTION;
            StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Content-Type: application/json\r\nAccept: text/event-stream\r\n");
            for (int i = 2; i < parts.length; i++) {
                if (parts[i].startsWith("@")) {
                    body = Files.readString(Path.of(parts[i].substring(1)));
                } else {
                    head.append(parts[i].trim()).append("\r\n");
                }
            }
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            head.append("Content-Length: ").append(bodyBytes.length).append("\r\n\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
            System.arraycopy(bodyBytes, 0, request, headBytes.length, bodyBytes.length);
            return new Target(parts[0], uri.getHost(), uri.getPort(), request);
        }

        /** One streamed request: nanoseconds until the first non-empty content; the rest is read to the end. */
        long once() throws IOException {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
            long start = System.nanoTime();
            out.write(request);
            out.flush();
            String status = line(in);
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException(name + ": " + status);
            }
            boolean chunked = false;
            long length = -1;
            boolean close = false;
            for (String h; !(h = line(in)).isEmpty(); ) {
                String lower = h.toLowerCase();
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            Body body = new Body(start);
            if (chunked) {
                for (long size; (size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0; ) {
                    body.read(in, size);
                    line(in); // CRLF after the chunk
                }
                while (!line(in).isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                body.read(in, length);
            } else {
                body.read(in, Long.MAX_VALUE);
                close = true;
            }
            if (close) {
                close();
            }
            if (body.first < 0) {
                throw new IllegalStateException(name + ": the stream carried no content");
            }
            return body.first;
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // done with it
            }
            socket = null;
        }
    }

    /** Splits the body into lines as bytes arrive and notes when the first content line was complete. */
    private static final class Body {
        final long start;
        final ByteArrayOutputStream current = new ByteArrayOutputStream();
        long first = -1;

        Body(long start) {
            this.start = start;
        }

        void read(InputStream in, long size) throws IOException {
            for (long i = 0; i < size; i++) {
                int b = in.read();
                if (b < 0) {
                    if (size == Long.MAX_VALUE) {
                        return;
                    }
                    throw new IOException("the body ended early");
                }
                if (b == '\n') {
                    lineDone();
                } else {
                    current.write(b);
                }
            }
        }

        private void lineDone() {
            if (first < 0) {
                String line = current.toString(StandardCharsets.UTF_8);
                int at = line.indexOf("\"content\":\"");
                if (line.startsWith("data:") && at >= 0 && at + 11 < line.length() && line.charAt(at + 11) != '"') {
                    first = System.nanoTime() - start;
                }
            }
            current.reset();
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the connection closed");
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }
}
