package dev.tutorgate.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tutorgate.core.JsonFactories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;

/**
 * The one Jackson setup of the provider clients. Readers are built once per wire type and reused
 * (they are immutable and thread-safe); request bodies are written with the streaming generator
 * straight into a byte buffer that the HTTP client sends without another copy.
 */
public final class Json {
    // The parser must not close the response body: a finished HTTP/1.1 body is drained, not
    // closed, so that its connection goes back to the pool.
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactories.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }

    /** A non-blocking parser, fed one SSE event after another (see {@link ChunkParser}). */
    static JsonParser nonBlockingParser() throws IOException {
        return FACTORY.createNonBlockingByteArrayParser();
    }

    /** A parser over a whole (non-streamed) response body. */
    public static JsonParser parser(java.io.InputStream body) throws IOException {
        return FACTORY.createParser(body);
    }

    /** Texts at least this long are worth encoding once: in practice only the course prompt. */
    private static final int LONG_TEXT = 4096;
    /** The last long text written, JSON-encoded: the course prompt is one String on every call. */
    private static volatile EncodedText lastLongText;

    private record EncodedText(String text, SerializedString encoded) {
    }

    /**
     * Writes a string value. The course prompt (tens to hundreds of KB, the same String instance on
     * every call) is escaped and UTF-8 encoded once and then copied, instead of on every request.
     */
    public static void writeText(JsonGenerator json, String field, String text) throws IOException {
        json.writeFieldName(field);
        if (text.length() < LONG_TEXT) {
            json.writeString(text);
            return;
        }
        EncodedText last = lastLongText;
        if (last == null || last.text() != text) {
            last = new EncodedText(text, new SerializedString(text));
            lastLongText = last;
        }
        json.writeString(last.encoded());
    }

    /** A reusable reader of one wire record type. */
    public static ObjectReader readerFor(Class<?> type) {
        return MAPPER.readerFor(type);
    }

    /** Parses a (small) JSON text such as an error body; null when it is not JSON. */
    public static JsonNode treeOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * Writes one request body into a buffer sized for the call's text, so that a long course
     * prompt is not copied through a chain of doubling arrays.
     */
    public static Body body(int expectedBytes, BodyWriter writer) {
        ExposedBuffer buffer = new ExposedBuffer(expectedBytes);
        try (JsonGenerator generator = FACTORY.createGenerator(buffer)) {
            writer.write(generator);
        } catch (IOException e) {
            // Writing to memory cannot fail; a failure here is a bug in a request builder.
            throw new UncheckedIOException(e);
        }
        return new Body(buffer.array(), buffer.size());
    }

    /** The bytes of one serialized request body (the array may be longer than {@code length}). */
    public record Body(byte[] bytes, int length) {
        public HttpRequest.BodyPublisher publisher() {
            return HttpRequest.BodyPublishers.ofByteArray(bytes, 0, length);
        }

        /** The body as text (tests, debugging). */
        public String text() {
            return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A first guess of a call's request body size: its text plus room for escapes and JSON. */
    public static int expectedBytes(ModelCall call) {
        long chars = call.systemPrompt().length() + 512L;
        for (var message : call.messages()) {
            chars += message.content().length() + 64L;
        }
        return (int) Math.min(chars + chars / 8, 64L * 1024 * 1024);
    }

    /** Writes the fields of one request body with a streaming generator. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(JsonGenerator json) throws IOException;
    }

    /** A ByteArrayOutputStream whose array is handed on without copying. */
    private static final class ExposedBuffer extends java.io.ByteArrayOutputStream {
        ExposedBuffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }
}
