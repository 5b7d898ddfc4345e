package dev.tutorgate.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs a stream decoder over a literal SSE body, the way {@link HttpChatProvider} does. */
public final class StreamFixture {
    private StreamFixture() {
    }

    /** The outcome of decoding one body. */
    public record Decoded(StreamDecoder.End end, ReplyAccumulator reply, List<String> deltas) {
    }

    public static Decoded decode(StreamDecoder decoder, String body) throws IOException, ProviderException {
        return decode(decoder, body, Integer.MAX_VALUE);
    }

    /** Like {@link #decode(StreamDecoder, String)}, with a sink that refuses text after {@code acceptDeltas}. */
    public static Decoded decode(StreamDecoder decoder, String body, int acceptDeltas)
            throws IOException, ProviderException {
        List<String> deltas = new ArrayList<>();
        ReplyAccumulator reply = new ReplyAccumulator(delta -> {
            deltas.add(delta);
            return deltas.size() < acceptDeltas;
        }, () -> { });
        SseReader sse = new SseReader(oneByteAtATime(body), 1 << 20);
        return new Decoded(StreamDecoder.readAll(sse, decoder, reply), reply, deltas);
    }

    /** A stream that returns one byte per read: every event boundary falls between reads. */
    public static InputStream oneByteAtATime(String text) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new InputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return length == 0 ? 0 : bytes.read(buffer, offset, 1);
            }
        };
    }
}
