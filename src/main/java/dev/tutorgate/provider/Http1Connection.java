package dev.tutorgate.provider;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 connection of {@link Http1Client}: a blocking socket (cheap on a virtual thread),
 * one request at a time, the response head parsed here and its body handed out as a stream that
 * gives the connection back to its pool once the body has been read to its end.
 */
final class Http1Connection implements AutoCloseable {
    /** A response head larger than this is refused: no upstream sends that much before its body. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private final byte[] buffer = new byte[16 * 1024];
    private int pos;
    private int end;
    private byte[] lineBytes = new byte[256];
    private int headBytes;
    private long idleSinceNanos;
    private volatile boolean closed;

    private Http1Connection(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static Http1Connection open(InetSocketAddress address, int connectTimeoutMs) throws IOException {
        SocketChannel channel = SocketChannel.open();
        Socket socket = channel.socket();
        try {
            socket.setTcpNoDelay(true); // a request is written whole: nothing to coalesce, no reason to wait
            socket.connect(address, connectTimeoutMs);
            return new Http1Connection(channel);
        } catch (SocketTimeoutException e) {
            socket.close();
            HttpConnectTimeoutException timeout = new HttpConnectTimeoutException(
                    "no connection to " + address + " within " + connectTimeoutMs + " ms");
            timeout.initCause(e);
            throw timeout;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes the request head and body; the head goes out in one write with a small body. */
    void write(byte[] head, byte[] body, int bodyOffset, int bodyLength) throws IOException {
        if (bodyLength <= 8192) {
            byte[] whole = new byte[head.length + bodyLength];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(body, bodyOffset, whole, head.length, bodyLength);
            out.write(whole);
        } else {
            out.write(head);
            out.write(body, bodyOffset, bodyLength);
        }
        out.flush();
    }

    /** What came back before the body. */
    record Head(int status, HttpHeaders headers, boolean keepAlive, boolean chunked, long contentLength) {
    }

    /**
     * Reads the status line and headers (skipping interim 1xx responses). It waits as long as it
     * takes: {@link Http1Client} bounds the wait by closing the connection when its deadline passes.
     *
     * @throws EOFException when the connection closes before the first byte of a response
     */
    Head readHead() throws IOException {
        headBytes = 0;
        while (true) {
            String statusLine = line();
            int status = status(statusLine);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed response header line");
                }
                headers.computeIfAbsent(header.substring(0, colon).trim(), k -> new ArrayList<>(1))
                        .add(header.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200) {
                continue; // 100 Continue and friends: the real response follows
            }
            String connection = first(headers, "Connection");
            String encoding = first(headers, "Transfer-Encoding");
            String length = first(headers, "Content-Length");
            boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
            long contentLength = status == 204 || status == 304 ? 0
                    : chunked || length == null ? -1 : parseLength(length);
            boolean keepAlive = !statusLine.startsWith("HTTP/1.0")
                    && (connection == null || !connection.toLowerCase(Locale.ROOT).contains("close"))
                    && (chunked || contentLength >= 0);
            return new Head(status, HttpHeaders.of(headers, (name, value) -> true), keepAlive, chunked, contentLength);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new IOException("negative Content-Length");
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length");
        }
    }

    private static int status(String line) throws IOException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.x response");
        }
        try {
            return Integer.parseInt(line, 9, 12, 10);
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line");
        }
    }

    /** One CRLF- (or LF-) terminated line of the head, as ISO-8859-1 text. */
    private String line() throws IOException {
        int length = 0;
        while (true) {
            if (pos == end) {
                fill();
            }
            byte b = buffer[pos++];
            headBytes++;
            if (b == '\n') {
                int text = length > 0 && lineBytes[length - 1] == '\r' ? length - 1 : length;
                return new String(lineBytes, 0, text, StandardCharsets.ISO_8859_1);
            }
            if (headBytes > MAX_HEAD_BYTES) {
                throw new IOException("response head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (length == lineBytes.length) {
                lineBytes = Arrays.copyOf(lineBytes, length * 2);
            }
            lineBytes[length++] = b;
        }
    }

    /** Refills the buffer for the head. */
    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException(headBytes == 0 ? "the connection closed before a response"
                    : "the connection closed in the middle of the response head");
        }
        pos = 0;
        end = n;
    }

    /** Reads body bytes: first what is left in the head buffer, then from the socket. */
    int readBody(byte[] into, int offset, int length) throws IOException {
        if (pos < end) {
            int n = Math.min(length, end - pos);
            System.arraycopy(buffer, pos, into, offset, n);
            pos += n;
            return n;
        }
        return in.read(into, offset, length);
    }

    /** One byte of the body (chunk-size lines), or -1. */
    int readBodyByte() throws IOException {
        if (pos < end) {
            return buffer[pos++] & 0xFF;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return -1;
        }
        pos = 0;
        end = n;
        return buffer[pos++] & 0xFF;
    }

    /**
     * Whether an idle connection can take a request: the server has not closed it (nor sent anything
     * unasked) meanwhile. One non-blocking read; servers close idle connections after a few seconds
     * (Node and uvicorn after 5), and a POST sent on such a connection must not be retried blindly.
     */
    boolean stillOpen() {
        if (closed || pos < end) {
            return false;
        }
        try {
            channel.configureBlocking(false);
            probe.clear();
            int n = channel.read(probe);
            channel.configureBlocking(true);
            return n == 0;
        } catch (IOException e) {
            return false;
        }
    }

    void idleSince(long nanos) {
        this.idleSinceNanos = nanos;
    }

    long idleSince() {
        return idleSinceNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the socket; a read blocked on it (another thread) ends with an exception. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
