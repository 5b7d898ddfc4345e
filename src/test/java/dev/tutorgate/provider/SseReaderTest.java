package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    record Event(String name, String data) {
    }

    private static List<Event> read(InputStream in) throws IOException {
        SseReader sse = new SseReader(in, 1 << 16);
        List<Event> events = new ArrayList<>();
        while (sse.next()) {
            events.add(new Event(sse.event(), sse.dataText()));
        }
        return events;
    }

    private static List<Event> read(String text) throws IOException {
        List<Event> whole = read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        // the same events must come out when every byte arrives on its own
        assertThat(read(StreamFixture.oneByteAtATime(text))).isEqualTo(whole);
        return whole;
    }

    @Test
    void readsDataOnlyEventsAsGeminiAndOpenAiSendThem() throws IOException {
        assertThat(read("data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n")).containsExactly(
                new Event(null, "{\"a\":1}"), new Event(null, "{\"a\":2}"), new Event(null, "[DONE]"));
    }

    @Test
    void readsNamedEventsAsAnthropicSendsThem() throws IOException {
        assertThat(read("event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
                + "event: ping\ndata: {\"type\": \"ping\"}\n\n")).containsExactly(
                new Event("message_start", "{\"type\":\"message_start\"}"), new Event("ping", "{\"type\": \"ping\"}"));
    }

    @Test
    void repeatedAndSimilarEventNamesStayDistinct() throws IOException {
        assertThat(read("event: delta\ndata: 1\n\nevent: delta\ndata: 2\n\nevent: delta_stop\ndata: 3\n\n"
                + "event: delt\ndata: 4\n\nevent: delta\ndata: 5\n\n")).containsExactly(new Event("delta", "1"),
                new Event("delta", "2"), new Event("delta_stop", "3"), new Event("delt", "4"), new Event("delta", "5"));
    }

    @Test
    void acceptsCrLfAndLoneCrLineEnds() throws IOException {
        assertThat(read("data: one\r\n\r\ndata: two\r\rdata: three\n\n")).containsExactly(
                new Event(null, "one"), new Event(null, "two"), new Event(null, "three"));
    }

    @Test
    void joinsMultiLineDataWithNewlines() throws IOException {
        assertThat(read("data: first\ndata:second\ndata:  third\n\n")).containsExactly(
                new Event(null, "first\nsecond\n third"));
    }

    @Test
    void skipsCommentsIdsRetriesAndEventsWithoutData() throws IOException {
        assertThat(read(": keep-alive\n\nid: 7\nretry: 100\nevent: lonely\n\ndata: x\n\n")).containsExactly(
                new Event(null, "x"));
    }

    @Test
    void eventNameDoesNotLeakIntoTheNextEvent() throws IOException {
        assertThat(read("event: a\ndata: 1\n\ndata: 2\n\n")).containsExactly(new Event("a", "1"), new Event(null, "2"));
    }

    @Test
    void deliversAPendingEventWhenTheBodyEndsWithoutABlankLine() throws IOException {
        assertThat(read("data: complete\n\ndata: {\"cut\":")).containsExactly(
                new Event(null, "complete"), new Event(null, "{\"cut\":"));
    }

    @Test
    void emptyBodyHasNoEvents() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n\n")).isEmpty();
    }

    @Test
    void keepsMultiByteUtf8IntactAcrossReads() throws IOException {
        assertThat(read("data: Привет, 世界 🎓\n\n")).containsExactly(new Event(null, "Привет, 世界 🎓"));
    }

    @Test
    void comparesDataWithoutDecoding() throws IOException {
        SseReader sse = new SseReader(new ByteArrayInputStream("data: [DONE]\n\ndata: [DONE]x\n\n".getBytes()), 64);
        assertThat(sse.next()).isTrue();
        assertThat(sse.dataEquals("[DONE]".getBytes())).isTrue();
        assertThat(sse.next()).isTrue();
        assertThat(sse.dataEquals("[DONE]".getBytes())).isFalse();
    }

    @Test
    void refusesAnEventLargerThanTheLimit() {
        String huge = "data: " + "x".repeat(10_000) + "\n\n";
        SseReader sse = new SseReader(new ByteArrayInputStream(huge.getBytes()), 4096);
        assertThatThrownBy(sse::next).isInstanceOf(SseReader.EventTooLargeException.class);
    }

    @Test
    void refusesManyDataLinesThatTogetherExceedTheLimit() {
        String many = "data: 0123456789\n".repeat(1000) + "\n";
        SseReader sse = new SseReader(new ByteArrayInputStream(many.getBytes()), 4096);
        assertThatThrownBy(sse::next).isInstanceOf(SseReader.EventTooLargeException.class);
    }

    @Test
    void growsItsBuffersForLargeButAllowedEvents() throws IOException {
        String big = "y".repeat(50_000); // buffers start at 512 and 1024 bytes
        assertThat(read("data: " + big + "\n\n")).containsExactly(new Event(null, big));
    }
}
