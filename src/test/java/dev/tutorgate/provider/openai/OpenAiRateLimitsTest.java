package dev.tutorgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.provider.ErrorResponses;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiRateLimitsTest {

    @Test
    void readsAllSixHeaders() {
        RateLimitSnapshot snapshot = OpenAiRateLimits.parse(ErrorResponses.headers(
                "x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "499",
                "x-ratelimit-reset-requests", "120ms", "x-ratelimit-limit-tokens", "200000",
                "x-ratelimit-remaining-tokens", "187654", "x-ratelimit-reset-tokens", "6m0s"), ErrorResponses.NOW);

        assertThat(snapshot).isEqualTo(new RateLimitSnapshot(500L, 499L, ErrorResponses.NOW.plusMillis(120),
                200_000L, 187_654L, ErrorResponses.NOW.plus(Duration.ofMinutes(6))));
    }

    @Test
    void absentHeadersAreNone() {
        assertThat(OpenAiRateLimits.parse(ErrorResponses.headers(), ErrorResponses.NOW)).isEqualTo(RateLimitSnapshot.NONE);
    }

    @Test
    void unreadableValuesAreNullFields() {
        RateLimitSnapshot snapshot = OpenAiRateLimits.parse(ErrorResponses.headers(
                "x-ratelimit-limit-requests", "lots", "x-ratelimit-reset-requests", "soon"), ErrorResponses.NOW);

        assertThat(snapshot.requestsLimit()).isNull();
        assertThat(snapshot.requestsReset()).isNull();
    }
}
