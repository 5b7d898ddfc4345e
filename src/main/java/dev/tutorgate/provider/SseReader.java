package dev.tutorgate.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads Server-Sent Events from a byte stream one event at a time, as they arrive: nothing waits
 * for the end of the body, and the answer is never held whole.
 *
 * <p>Works on bytes: the {@code data} of an event stays UTF-8 bytes in a reused buffer that the
 * JSON parser reads directly, so a chunk costs no String and no line copy beyond one arraycopy.
 * Lines may end in LF, CRLF or CR (the SSE grammar); {@code data:} lines of one event are joined
 * with LF; comments ({@code :}), {@code id:} and {@code retry:} are skipped. At the end of the
 * body a pending event without its closing blank line is still delivered: a cut stream then
 * fails on its truncated JSON or missing end marker, not silently.
 */
public final class SseReader {
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final int maxEventBytes;
    private final byte[] input = new byte[8192];
    private int inputPos;
    private int inputEnd;
    private boolean skipLf;
    private boolean eof;

    private byte[] line = new byte[512];
    private int lineLength;
    private byte[] data = new byte[1024];
    private int dataLength;
    private boolean hasData;
    private String event;
    private String lastEvent;
    private byte[] lastEventBytes;

    public SseReader(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Advances to the next event. Returns false at the end of the body.
     *
     * @throws EventTooLargeException when one event exceeds {@code maxEventBytes}
     */
    public boolean next() throws IOException {
        event = null;
        dataLength = 0;
        hasData = false;
        while (readLine()) {
            if (lineLength == 0) {
                if (hasData) {
                    return true;
                }
                event = null; // an event without data is not dispatched (SSE spec)
                continue;
            }
            field();
        }
        return hasData;
    }

    /** The event's name ({@code event:} line), or null when it had none. */
    public String event() {
        return event;
    }

    /** The buffer holding the event's data; valid until the next call of {@link #next()}. */
    public byte[] data() {
        return data;
    }

    public int dataLength() {
        return dataLength;
    }

    /** Whether the data is exactly {@code text} (e.g. OpenAI's "[DONE]"), without decoding it. */
    public boolean dataEquals(byte[] text) {
        return Arrays.equals(data, 0, dataLength, text, 0, text.length);
    }

    /** The data decoded as UTF-8 (error messages, tests). */
    public String dataText() {
        return new String(data, 0, dataLength, StandardCharsets.UTF_8);
    }

    private void field() throws IOException {
        if (line[0] == ':') {
            return; // comment, e.g. a keep-alive
        }
        int colon = indexOf(line, lineLength, (byte) ':');
        int nameEnd = colon < 0 ? lineLength : colon;
        int valueStart = colon < 0 ? lineLength : colon + 1;
        if (valueStart < lineLength && line[valueStart] == ' ') {
            valueStart++;
        }
        if (nameIs(DATA, nameEnd)) {
            appendData(valueStart);
        } else if (nameIs(EVENT, nameEnd)) {
            event = eventName(valueStart);
        }
    }

    /** The event name; the previous event's String when the name repeats (it nearly always does). */
    private String eventName(int from) {
        int length = lineLength - from;
        if (lastEvent != null && Arrays.equals(line, from, lineLength, lastEventBytes, 0, lastEventBytes.length)) {
            return lastEvent;
        }
        lastEventBytes = Arrays.copyOfRange(line, from, from + length);
        lastEvent = new String(lastEventBytes, StandardCharsets.UTF_8);
        return lastEvent;
    }

    private void appendData(int from) throws EventTooLargeException {
        int length = lineLength - from;
        int needed = dataLength + (hasData ? 1 : 0) + length;
        if (needed > maxEventBytes) {
            throw new EventTooLargeException(maxEventBytes);
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.min(Math.max(needed, data.length * 2), maxEventBytes));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, from, data, dataLength, length);
        dataLength += length;
        hasData = true;
    }

    private boolean nameIs(byte[] name, int nameLength) {
        return Arrays.equals(line, 0, nameLength, name, 0, name.length);
    }

    /** Reads one line into {@code line} without its terminator; false at the end of the body. */
    private boolean readLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (inputPos == inputEnd && !fill()) {
                return any;
            }
            if (skipLf) {
                skipLf = false;
                if (input[inputPos] == '\n') {
                    inputPos++;
                    continue;
                }
            }
            int start = inputPos;
            int end = start;
            while (end < inputEnd && input[end] != '\n' && input[end] != '\r') {
                end++;
            }
            appendLine(start, end - start);
            any = true;
            if (end < inputEnd) {
                skipLf = input[end] == '\r';
                inputPos = end + 1;
                return true;
            }
            inputPos = end;
        }
    }

    private void appendLine(int from, int length) throws EventTooLargeException {
        int needed = lineLength + length;
        if (needed > maxEventBytes) {
            throw new EventTooLargeException(maxEventBytes);
        }
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(needed, line.length * 2), maxEventBytes));
        }
        System.arraycopy(input, from, line, lineLength, length);
        lineLength = needed;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(input, 0, input.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        inputPos = 0;
        inputEnd = n;
        return true;
    }

    private static int indexOf(byte[] bytes, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** One event was larger than the reader accepts: a broken or hostile upstream. */
    public static final class EventTooLargeException extends IOException {
        EventTooLargeException(int max) {
            super("an SSE event exceeded " + max + " bytes");
        }
    }
}
