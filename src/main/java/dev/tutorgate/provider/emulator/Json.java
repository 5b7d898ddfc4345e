package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tutorgate.core.JsonFactories;

/**
 * JSON helpers. Responses on the hot path are written by hand into a StringBuilder (cheaper than
 * a tree per token); requests and the control API go through Jackson.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactories.plain())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** Appends {@code s} as a JSON string literal, or {@code null}. */
    static StringBuilder str(StringBuilder out, String s) {
        if (s == null) {
            return out.append("null");
        }
        out.append('"');
        escape(out, s);
        return out.append('"');
    }

    static String quote(String s) {
        return str(new StringBuilder(s == null ? 4 : s.length() + 8), s).toString();
    }

    /**
     * Appends {@code s} escaped for the inside of a JSON string: the runs between characters that
     * need escaping are copied in bulk (an answer quoting a lesson title has a few quotes in a
     * thousand characters).
     */
    static void escape(StringBuilder out, String s) {
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(s, run, n);
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    /** The text of a field that may be spelled in camelCase or snake_case (Gemini accepts both). */
    static JsonNode field(JsonNode node, String camel, String snake) {
        JsonNode v = node.get(camel);
        return v != null ? v : node.get(snake);
    }
}
