package dev.tutorgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ErrorResponses;
import dev.tutorgate.provider.ProviderException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiErrorMapperTest {

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    private static ProviderException map(int status, String body, String... headers) {
        return OpenAiErrorMapper.map(ErrorResponses.of(status, body, headers));
    }

    @Test
    void rateLimitCarriesRetryAfterMs() {
        ProviderException e = map(429, error("Rate limit reached for gpt-4.1-mini in organization org-1 on requests "
                        + "per min (RPM): Limit 500, Used 500, Requested 1.", "requests", "rate_limit_exceeded"),
                "retry-after-ms", "1200", "retry-after", "2");

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1200));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.getMessage()).contains("rate_limit_exceeded");
    }

    @Test
    void rateLimitWithRetryAfterSecondsOnly() {
        ProviderException e = map(429, error("Rate limit reached", "requests", "rate_limit_exceeded"),
                "retry-after", "7");

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void insufficientQuotaIsQuotaExhaustedNotRateLimited() {
        ProviderException e = map(429, error("You exceeded your current quota, please check your plan and billing "
                + "details.", "insufficient_quota", "insufficient_quota"));

        assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
        assertThat(e.kind().retryable()).isFalse();
    }

    @Test
    void exceededQuotaMessageAloneIsEnough() {
        assertThat(map(429, error("You exceeded your current quota.", "requests", null)).kind())
                .isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    }

    @Test
    void invalidKeyAndRegion() {
        assertThat(map(401, error("Incorrect API key provided: sk-abc***xyz.", "invalid_request_error",
                "invalid_api_key")).kind()).isEqualTo(ErrorKind.INVALID_KEY);
        assertThat(map(403, error("Country, region, or territory not supported", "request_forbidden",
                "unsupported_country_region_territory")).kind()).isEqualTo(ErrorKind.INVALID_KEY);
    }

    @Test
    void contextLengthExceeded() {
        ProviderException e = map(400, error("This model's maximum context length is 1047576 tokens. However, your "
                + "messages resulted in 1100000 tokens.", "invalid_request_error", "context_length_exceeded"));

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_TOO_LONG);
    }

    @Test
    void selfHostedContextErrors() {
        // older vLLM: fields at the top level, numeric code
        assertThat(map(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 8192 tokens."
                + " However, you requested 9000 tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}")
                .kind()).isEqualTo(ErrorKind.CONTEXT_TOO_LONG);
        // llama.cpp server
        assertThat(map(400, "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size,"
                + " try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":5000,"
                + "\"n_ctx\":4096}}").kind()).isEqualTo(ErrorKind.CONTEXT_TOO_LONG);
    }

    @Test
    void otherBadRequests() {
        assertThat(map(400, error("Invalid value for 'temperature'", "invalid_request_error", "invalid_value"))
                .kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(map(404, error("The model `gpt-9` does not exist", "invalid_request_error", "model_not_found"))
                .kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreUnavailable(int status) {
        ProviderException e = map(status, error("The server is overloaded", "server_error", "server_is_overloaded"),
                "retry-after", "1");

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void nonJsonBodyFromAProxyIsClassifiedByStatus() {
        ProviderException e = map(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("502 Bad Gateway");
    }

    @Test
    void emptyBody() {
        assertThat(map(401, "").kind()).isEqualTo(ErrorKind.INVALID_KEY);
        assertThat(map(418, "").kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    }
}
