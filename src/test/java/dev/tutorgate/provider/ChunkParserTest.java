package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One non-blocking parser fed event after event, from a buffer the SSE reader reuses. */
class ChunkParserTest {

    /** Reads field "t" of each event's object, skipping everything else. */
    private static List<String> readAll(String body) throws IOException {
        SseReader sse = new SseReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 1 << 16);
        ChunkParser chunks = new ChunkParser();
        List<String> values = new ArrayList<>();
        while (sse.next()) {
            JsonParser p = chunks.open(sse);
            for (String field; (field = ChunkParser.nextField(p)) != null; ) {
                if (field.equals("t")) {
                    values.add(ChunkParser.text(p));
                } else {
                    p.skipChildren();
                }
            }
        }
        return values;
    }

    @Test
    void readsConsecutiveEventsWithOneParser() throws IOException {
        assertThat(readAll("data: {\"a\":{\"deep\":[1,{\"x\":null}]},\"t\":\"one\"}\n\n"
                + "data: {\"t\":\"two\",\"b\":[[],{}]}\n\n"
                + "data: {\"t\":null}\n\n"
                + "data: {\"t\":\"Привет 🎓\"} \n\n")).containsExactly("one", "two", null, "Привет 🎓");
    }

    @Test
    void aLongerEventAfterAShortOneReusesNothingStale() throws IOException {
        String big = "x".repeat(5000);
        assertThat(readAll("data: {\"t\":\"s\"}\n\ndata: {\"t\":\"" + big + "\"}\n\ndata: {\"t\":\"s2\"}\n\n"))
                .containsExactly("s", big, "s2");
    }

    @Test
    void truncatedObjectIsAParseError() {
        assertThatThrownBy(() -> readAll("data: {\"t\":\"a\",\"u\":{\"v\":\n\n"))
                .isInstanceOf(JsonParseException.class);
    }

    @Test
    void dataThatIsNotAnObjectIsAParseError() {
        assertThatThrownBy(() -> readAll("data: [1,2]\n\n")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> readAll("data: \n\n")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> readAll("data: hello\n\n")).isInstanceOf(JsonParseException.class);
    }

    @Test
    void twoValuesInOneEventAreAParseError() {
        assertThatThrownBy(() -> readAll("data: {\"t\":\"a\"}{\"t\":\"b\"}\n\ndata: {\"t\":\"c\"}\n\n"))
                .isInstanceOf(JsonParseException.class);
    }

    @Test
    void countsAndFlags() throws IOException {
        SseReader sse = new SseReader(new ByteArrayInputStream(
                "data: {\"n\":42,\"s\":\"7\",\"f\":true,\"g\":1}\n\n".getBytes(StandardCharsets.UTF_8)), 1024);
        sse.next();
        JsonParser p = new ChunkParser().open(sse);
        assertThat(ChunkParser.nextField(p)).isEqualTo("n");
        assertThat(ChunkParser.count(p)).isEqualTo(42);
        assertThat(ChunkParser.nextField(p)).isEqualTo("s");
        assertThat(ChunkParser.count(p)).as("not a number").isZero();
        assertThat(ChunkParser.nextField(p)).isEqualTo("f");
        assertThat(ChunkParser.flag(p)).isTrue();
        assertThat(ChunkParser.nextField(p)).isEqualTo("g");
        assertThat(ChunkParser.flag(p)).as("only true is true").isFalse();
        assertThat(ChunkParser.nextField(p)).isNull();
    }
}
