package dev.tutorgate.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tutorgate.core.JsonFactories;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The web layer's one JSON mapper and a few helpers for writing small JSON by hand on the hot path. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactories.plain())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    public static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }

    /** Writes one JSON value with a generator: cheaper than building a tree for a few fields. */
    public static String write(GeneratorBody body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code text} as a JSON string literal, quotes included. */
    public static String quote(String text) {
        char[] escaped = JsonStringEncoder.getInstance().quoteAsString(text);
        StringBuilder out = new StringBuilder(escaped.length + 2);
        return out.append('"').append(escaped).append('"').toString();
    }

    @FunctionalInterface
    public interface GeneratorBody {
        void write(JsonGenerator g) throws IOException;
    }
}
