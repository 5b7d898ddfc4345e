package dev.tutorgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.StreamDecoder.End;
import dev.tutorgate.provider.StreamFixture;
import dev.tutorgate.provider.StreamFixture.Decoded;
import org.junit.jupiter.api.Test;

class AnthropicStreamDecoderTest {

    static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    /** provider-facts §0: input 2,000 after the breakpoint, 10,000 read, 3,000 written (5m). */
    static final String MESSAGE_START = event("message_start", "{\"type\":\"message_start\",\"message\":{"
            + "\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\","
            + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":2000,"
            + "\"cache_creation_input_tokens\":3000,\"cache_read_input_tokens\":10000,"
            + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":3000,\"ephemeral_1h_input_tokens\":0},"
            + "\"output_tokens\":1,\"service_tier\":\"standard\"}}}");
    static final String BLOCK_START = event("content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    static final String PING = event("ping", "{\"type\": \"ping\"}");
    static final String BLOCK_STOP = event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    static final String MESSAGE_DELTA = event("message_delta", "{\"type\":\"message_delta\",\"delta\":"
            + "{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":500}}");
    static final String MESSAGE_STOP = event("message_stop", "{\"type\":\"message_stop\"}");

    static String text(String t) {
        return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + t + "\"}}");
    }

    private static Decoded decode(String body) throws Exception {
        return StreamFixture.decode(new AnthropicStreamDecoder(CacheTtl.FIVE_MINUTES), body);
    }

    @Test
    void fullStreamWithUsageSplitBetweenStartAndDelta() throws Exception {
        Decoded decoded = decode(MESSAGE_START + BLOCK_START + PING + text("Hello") + text(", world")
                + BLOCK_STOP + MESSAGE_DELTA + MESSAGE_STOP);

        assertThat(decoded.end()).isEqualTo(End.COMPLETE);
        assertThat(decoded.reply().text()).isEqualTo("Hello, world");
        assertThat(decoded.reply().finishReason()).isEqualTo("end_turn");
        // input total = 2,000 + 3,000 + 10,000; output from the last message_delta, not message_start's 1
        assertThat(decoded.reply().usage()).isEqualTo(new Usage(15_000, 10_000, 3_000, 0, 500, 0, false));
    }

    @Test
    void deltaUsageOverwritesStartCountsItCarries() throws Exception {
        String delta = event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},"
                + "\"usage\":{\"input_tokens\":2100,\"cache_read_input_tokens\":9000,\"output_tokens\":64}}");
        Decoded decoded = decode(MESSAGE_START + text("x") + delta + MESSAGE_STOP);

        assertThat(decoded.reply().usage()).isEqualTo(new Usage(2100 + 3000 + 9000, 9000, 3000, 0, 64, 0, false));
    }

    @Test
    void cacheWriteWithoutBreakdownCountsAtTheTtlWeSent() throws Exception {
        String start = event("message_start", "{\"type\":\"message_start\",\"message\":{\"content\":[],"
                + "\"usage\":{\"input_tokens\":50,\"cache_creation_input_tokens\":4000,\"cache_read_input_tokens\":0,"
                + "\"output_tokens\":1}}}");

        assertThat(decode(start + text("a") + MESSAGE_DELTA + MESSAGE_STOP).reply().usage())
                .isEqualTo(new Usage(4050, 0, 4000, 0, 500, 0, false));
        assertThat(StreamFixture.decode(new AnthropicStreamDecoder(CacheTtl.ONE_HOUR),
                start + text("a") + MESSAGE_DELTA + MESSAGE_STOP).reply().usage())
                .isEqualTo(new Usage(4050, 0, 0, 4000, 500, 0, false));
    }

    @Test
    void thinkingIsNotAnswerText() throws Exception {
        String thinking = event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think\"}}");
        String signature = event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}");

        assertThat(decode(MESSAGE_START + thinking + signature + text("Answer") + MESSAGE_DELTA + MESSAGE_STOP)
                .reply().text()).isEqualTo("Answer");
    }

    @Test
    void overloadedErrorEventAfterHttp200IsABrokenStreamWithProgress() throws Exception {
        String error = event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}");

        assertThatThrownBy(() -> decode(MESSAGE_START + BLOCK_START + text("Half an ans") + error))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
                    assertThat(e.getMessage()).contains("overloaded_error", "Overloaded");
                });
    }

    @Test
    void cutBeforeMessageStopIsCutAndKeepsTheUsageSoFar() throws Exception {
        Decoded decoded = decode(MESSAGE_START + BLOCK_START + text("Half"));

        assertThat(decoded.end()).isEqualTo(End.CUT);
        assertThat(decoded.reply().text()).isEqualTo("Half");
        // input and cache counts are known from message_start; output only message_start's placeholder
        assertThat(decoded.reply().usage().inputTokens()).isEqualTo(15_000);
        assertThat(decoded.reply().usage().outputTokens()).isEqualTo(1);
    }

    @Test
    void messageDeltaWithoutStopIsStillCut() throws Exception {
        assertThat(decode(MESSAGE_START + text("a") + MESSAGE_DELTA).end()).isEqualTo(End.CUT);
    }

    @Test
    void refusalIsContentBlocked() {
        String refusal = event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"},"
                + "\"usage\":{\"output_tokens\":3}}");

        assertThatThrownBy(() -> decode(MESSAGE_START + refusal + MESSAGE_STOP))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED));
    }

    @Test
    void unknownEventsAreIgnored() throws Exception {
        String future = event("content_block_citation", "{\"type\":\"content_block_citation\",\"x\":1}");

        assertThat(decode(MESSAGE_START + future + text("ok") + MESSAGE_DELTA + MESSAGE_STOP).end())
                .isEqualTo(End.COMPLETE);
    }
}
