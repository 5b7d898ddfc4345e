package dev.tutorgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ErrorResponses;
import dev.tutorgate.provider.ProviderException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeminiErrorMapperTest {

    private static ProviderException map(int status, String body, String... headers) {
        return GeminiErrorMapper.map(ErrorResponses.of(status, body, headers));
    }

    static String quota429(String quotaId, String retryDelay) {
        return "{\"error\": {\"code\": 429,\"message\": \"You exceeded your current quota, please check your plan and "
                + "billing details.\",\"status\": \"RESOURCE_EXHAUSTED\",\"details\": ["
                + "{\"@type\": \"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\": [{\"quotaMetric\": "
                + "\"generativelanguage.googleapis.com/generate_content_free_tier_requests\",\"quotaId\": \"" + quotaId
                + "\",\"quotaDimensions\": {\"location\": \"global\",\"model\": \"gemini-2.5-flash\"},\"quotaValue\": \"10\"}]},"
                + "{\"@type\": \"type.googleapis.com/google.rpc.Help\",\"links\": [{\"description\": \"Learn more\","
                + "\"url\": \"https://ai.google.dev/gemini-api/docs/rate-limits\"}]}"
                + (retryDelay == null ? "" : ",{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\": \""
                + retryDelay + "\"}") + "]}}";
    }

    @Test
    void perMinute429IsRateLimitedWithRetryInfo() {
        ProviderException e = map(429, quota429("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "37s"));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(37));
        assertThat(e.getMessage()).contains("RESOURCE_EXHAUSTED");
    }

    @Test
    void fractionalRetryDelay() {
        assertThat(map(429, quota429("GenerateContentInputTokensPerModelPerMinute-FreeTier", "1.5s")).retryAfter())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void perDay429IsQuotaExhausted() {
        ProviderException e = map(429, quota429("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "20s"));

        assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
        assertThat(e.kind().retryable()).isFalse();
    }

    @Test
    void bare429WithoutDetailsIsRateLimitedWithoutHint() {
        ProviderException e = map(429, "{\"error\": {\"code\": 429,\"message\": \"Resource has been exhausted (e.g. "
                + "check quota).\",\"status\": \"RESOURCE_EXHAUSTED\"}}");

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void headerHintIsUsedWhenThereIsNoRetryInfo() {
        assertThat(map(429, quota429("X-PerMinute", null), "retry-after", "4").retryAfter())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void badApiKeyIsA400ThatMeansInvalidKey() {
        ProviderException e = map(400, "{\"error\": {\"code\": 400,\"message\": \"API key not valid. Please pass a valid"
                + " API key.\",\"status\": \"INVALID_ARGUMENT\",\"details\": [{\"@type\": "
                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\": \"API_KEY_INVALID\",\"domain\": "
                + "\"googleapis.com\",\"metadata\": {\"service\": \"generativelanguage.googleapis.com\"}},"
                + "{\"@type\": \"type.googleapis.com/google.rpc.LocalizedMessage\",\"locale\": \"en-US\","
                + "\"message\": \"API key not valid. Please pass a valid API key.\"}]}}");

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_KEY);
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void plainInvalidArgumentIsABadRequest() {
        assertThat(map(400, "{\"error\": {\"code\": 400,\"message\": \"Invalid JSON payload received. Unknown name "
                + "\\\"foo\\\": Cannot find field.\",\"status\": \"INVALID_ARGUMENT\",\"details\": [{\"@type\": "
                + "\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\": [{\"description\": \"x\"}]}]}}")
                .kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    }

    @Test
    void inputTokenCountOverTheMaximumIsContextTooLong() {
        assertThat(map(400, "{\"error\": {\"code\": 400,\"message\": \"The input token count (1200000) exceeds the "
                + "maximum number of tokens allowed (1048576).\",\"status\": \"INVALID_ARGUMENT\"}}").kind())
                .isEqualTo(ErrorKind.CONTEXT_TOO_LONG);
    }

    @Test
    void permissionDeniedAndServerErrors() {
        assertThat(map(403, "{\"error\": {\"code\": 403,\"message\": \"Method doesn't allow unregistered callers\","
                + "\"status\": \"PERMISSION_DENIED\"}}").kind()).isEqualTo(ErrorKind.INVALID_KEY);
        assertThat(map(503, "{\"error\": {\"code\": 503,\"message\": \"The model is overloaded. Please try again "
                + "later.\",\"status\": \"UNAVAILABLE\"}}").kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(map(500, "{\"error\": {\"code\": 500,\"message\": \"An internal error has occurred.\","
                + "\"status\": \"INTERNAL\"}}").kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(map(504, "{\"error\": {\"code\": 504,\"status\": \"DEADLINE_EXCEEDED\"}}").kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void otherClientErrors() {
        assertThat(map(400, "{\"error\": {\"code\": 400,\"message\": \"User location is not supported for the API "
                + "use.\",\"status\": \"FAILED_PRECONDITION\"}}").kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(map(404, "{\"error\": {\"code\": 404,\"message\": \"models/gemini-9 is not found\","
                + "\"status\": \"NOT_FOUND\"}}").kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    }
}
