package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON helpers. Responses on the hot path are written by hand into a StringBuilder (cheaper than
 * a tree per token); requests and the control API go through Jackson.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

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

    /** Appends {@code s} escaped for the inside of a JSON string. */
    static void escape(StringBuilder out, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** The text of a field that may be spelled in camelCase or snake_case (Gemini accepts both). */
    static JsonNode field(JsonNode node, String camel, String snake) {
        JsonNode v = node.get(camel);
        return v != null ? v : node.get(snake);
    }
}
