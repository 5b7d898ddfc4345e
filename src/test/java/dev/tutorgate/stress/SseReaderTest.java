package dev.tutorgate.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    private static List<SseReader.Event> read(String stream) throws Exception {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        List<SseReader.Event> events = new ArrayList<>();
        for (SseReader.Event e = reader.next(); e != null; e = reader.next()) {
            events.add(e);
        }
        return events;
    }

    @Test
    void namedEventsCommentsAndLineEndingsOfEveryKind() throws Exception {
        assertThat(read(": keep-alive\n\nevent: meta\r\ndata: {\"a\":1}\r\n\r\nevent:delta\rdata:{\"text\":\"Привет\"}\r\r"
                + "data: x\ndata:  y\nid: 7\nretry: 10\n\n"))
                .containsExactly(new SseReader.Event("meta", "{\"a\":1}"), new SseReader.Event("delta", "{\"text\":\"Привет\"}"),
                        new SseReader.Event("message", "x\n y"));
    }

    @Test
    void anEventWithoutItsBlankLineAtTheEndIsDropped() throws Exception {
        assertThat(read("event: delta\ndata: a\n\nevent: done\ndata: {}")).containsExactly(new SseReader.Event("delta", "a"));
    }

    @Test
    void anEventNameWithoutDataDispatchesNothing() throws Exception {
        assertThat(read("event: ping\n\ndata: 1\n\n")).containsExactly(new SseReader.Event("message", "1"));
    }

    @Test
    void aBoundedStreamStopsAServerThatNeverEnds() {
        byte[] huge = "data: 0123456789\n\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        SseReader reader = new SseReader(new BoundedInputStream(new ByteArrayInputStream(huge), 5_000));

        assertThatThrownBy(() -> {
            while (reader.next() != null) {
                // keep reading
            }
        }).isInstanceOf(BoundedInputStream.ResponseTooLargeException.class);
    }
}
