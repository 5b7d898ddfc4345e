package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A long text written once-encoded reads back exactly, whichever String instance comes next. */
class JsonWriteTextTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static String written(String text) {
        return Json.body(16, json -> {
            json.writeStartObject();
            Json.writeText(json, "text", text);
            json.writeEndObject();
        }).text();
    }

    @Test
    void longAndShortTextsAreWrittenAsJacksonWritesThem() throws Exception {
        String course = ("Lesson «Ёлка» \"quoted\" \\ back\tslash\n\u0001 emoji 🙂 — ").repeat(200);
        String other = ("Другой курс: <lesson title=\"x\">\n").repeat(300);
        for (String text : new String[] {course, course, other, new String(course.toCharArray()), "short \"one\"\n", other}) {
            String json = written(text);
            assertThat(json).isEqualTo(PLAIN.writeValueAsString(java.util.Map.of("text", text)));
            assertThat(PLAIN.readTree(json).get("text").asText()).isEqualTo(text);
        }
    }
}
