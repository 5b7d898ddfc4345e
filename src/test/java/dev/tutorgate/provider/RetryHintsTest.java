package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryHintsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static HttpHeaders headers(String... nameValues) {
        java.util.Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) {
            map.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
        }
        return HttpHeaders.of(Map.copyOf(map), (a, b) -> true);
    }

    @Test
    void prefersRetryAfterMs() {
        assertThat(RetryHints.fromHeaders(headers("retry-after-ms", "1500", "retry-after", "20"), NOW))
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void readsRetryAfterSeconds() {
        assertThat(RetryHints.fromHeaders(headers("Retry-After", "20"), NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(RetryHints.fromHeaders(headers("retry-after", "0.5"), NOW)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        assertThat(RetryHints.fromHeaders(headers("retry-after", "Sun, 01 Mar 2026 12:00:42 GMT"), NOW))
                .isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void aDateInThePastMeansRetryNow() {
        assertThat(RetryHints.fromHeaders(headers("retry-after", "Sun, 01 Mar 2026 11:00:00 GMT"), NOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void fallsBackToRetryAfterWhenRetryAfterMsIsGarbage() {
        assertThat(RetryHints.fromHeaders(headers("retry-after-ms", "soon", "retry-after", "3"), NOW))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void noOrUnreadableHintIsNull() {
        assertThat(RetryHints.fromHeaders(headers(), NOW)).isNull();
        assertThat(RetryHints.fromHeaders(headers("retry-after", "tomorrow-ish"), NOW)).isNull();
        assertThat(RetryHints.fromHeaders(headers("retry-after", "-3"), NOW)).isNull();
        assertThat(RetryHints.fromHeaders(headers("retry-after", "1e300"), NOW)).isNull();
    }
}
