package dev.tutorgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorResponses;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnthropicResponseMapperTest {

    @Test
    void mapsAMessageWithOneAndFiveMinuteCacheWrites() throws Exception {
        String json = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\"},{\"type\":\"text\",\"text\":\"Part one. \"},"
                + "{\"type\":\"text\",\"text\":\"Part two.\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":20,\"cache_creation_input_tokens\":1500,\"cache_read_input_tokens\":700,"
                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":1000,\"ephemeral_1h_input_tokens\":500},"
                + "\"output_tokens\":42}}";

        ProviderReply reply = AnthropicResponseMapper.reply(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), RateLimitSnapshot.NONE,
                CacheTtl.FIVE_MINUTES);

        assertThat(reply.text()).isEqualTo("Part one. Part two.");
        assertThat(reply.finishReason()).isEqualTo("end_turn");
        assertThat(reply.usage()).isEqualTo(new Usage(2220, 700, 1000, 500, 42, 0, false));
    }

    @Test
    void rateLimitHeadersAreRfc3339() {
        RateLimitSnapshot snapshot = AnthropicRateLimits.parse(ErrorResponses.headers(
                "anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "49",
                "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:01Z",
                "anthropic-ratelimit-tokens-limit", "38000", "anthropic-ratelimit-tokens-remaining", "37000",
                "anthropic-ratelimit-tokens-reset", "2026-03-01T12:00:30+00:00"));

        assertThat(snapshot).isEqualTo(new RateLimitSnapshot(50L, 49L, Instant.parse("2026-03-01T12:00:01Z"),
                38_000L, 37_000L, Instant.parse("2026-03-01T12:00:30Z")));
    }

    @Test
    void inputTokenHeadersStandInWhenTheCombinedOnesAreAbsent() {
        RateLimitSnapshot snapshot = AnthropicRateLimits.parse(ErrorResponses.headers(
                "anthropic-ratelimit-input-tokens-limit", "30000", "anthropic-ratelimit-input-tokens-remaining", "29000"));

        assertThat(snapshot.tokensLimit()).isEqualTo(30_000L);
        assertThat(snapshot.tokensRemaining()).isEqualTo(29_000L);
        assertThat(snapshot.requestsLimit()).isNull();
        assertThat(AnthropicRateLimits.parse(ErrorResponses.headers())).isEqualTo(RateLimitSnapshot.NONE);
    }
}
