package dev.tutorgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ErrorResponses;
import dev.tutorgate.provider.ProviderException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnthropicErrorMapperTest {

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},"
                + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
    }

    private static ProviderException map(int status, String body, String... headers) {
        return AnthropicErrorMapper.map(ErrorResponses.of(status, body, headers));
    }

    @Test
    void rateLimitWithRetryAfter() {
        ProviderException e = map(429, error("rate_limit_error", "Number of request tokens has exceeded your "
                + "per-minute rate limit"), "retry-after", "13");

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(13));
    }

    @Test
    void rateLimitWithRetryAfterMs() {
        assertThat(map(429, error("rate_limit_error", "slow down"), "retry-after-ms", "900").retryAfter())
                .isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void a429WithoutRetryAfterIsTheSpendCap() {
        ProviderException e = map(429, error("rate_limit_error", "You have reached your monthly spend limit"));

        assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void billingAndUsageLimits() {
        assertThat(map(402, error("billing_error", "Your credit balance is too low")).kind())
                .isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
        assertThat(map(400, error("invalid_request_error", "You have reached your specified API usage limits. "
                + "You will regain access on 2026-04-01 at 00:00 UTC.")).kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    }

    @Test
    void overloadedAndServerErrors() {
        assertThat(map(529, error("overloaded_error", "Overloaded")).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(map(500, error("api_error", "Internal server error")).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(map(504, error("timeout_error", "Request timed out")).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void invalidKeyAndPermission() {
        assertThat(map(401, error("authentication_error", "invalid x-api-key")).kind()).isEqualTo(ErrorKind.INVALID_KEY);
        assertThat(map(403, error("permission_error", "Your API key does not have permission to use the specified "
                + "resource.")).kind()).isEqualTo(ErrorKind.INVALID_KEY);
    }

    @Test
    void promptTooLong() {
        ProviderException e = map(400, error("invalid_request_error", "prompt is too long: 215000 tokens > 200000 "
                + "maximum"));

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_TOO_LONG);
        assertThat(e.getMessage()).contains("invalid_request_error", "prompt is too long");
    }

    @Test
    void otherRequestErrors() {
        assertThat(map(400, error("invalid_request_error", "messages: roles must alternate")).kind())
                .isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(map(413, error("request_too_large", "Request exceeds the maximum allowed number of bytes"))
                .kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(map(404, error("not_found_error", "model: claude-9")).kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    }
}
