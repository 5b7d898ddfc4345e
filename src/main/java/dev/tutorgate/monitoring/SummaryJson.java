package dev.tutorgate.monitoring;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tutorgate.core.JsonFactories;
import java.io.UncheckedIOException;

/**
 * The summary as JSON, the same for {@code GET /api/admin/summary} and {@code tutorgate report --json}:
 * instants as ISO-8601 text, money as exact decimals (never in exponent form), nulls kept so every
 * field is always there.
 */
public final class SummaryJson {
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactories.plain())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private SummaryJson() {
    }

    /** The mapper, for the other monitoring answers (request log, detail, reviews) to share its conventions. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Summary summary) {
        try {
            return MAPPER.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writePretty(Summary summary) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
