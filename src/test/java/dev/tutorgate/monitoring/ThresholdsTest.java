package dev.tutorgate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every band at its edges and just around them. */
class ThresholdsTest {
    private static Status rate(String band, String value) {
        Band b = switch (band) {
            case "cpq" -> Thresholds.CPQ;
            case "cpsm" -> Thresholds.CPSM;
            case "cache" -> Thresholds.CACHE_HIT;
            case "ttft50" -> Thresholds.TTFT_P50;
            case "ttft95" -> Thresholds.TTFT_P95;
            case "ttft99" -> Thresholds.TTFT_P99;
            case "latency" -> Thresholds.LATENCY;
            case "errors" -> Thresholds.ERROR_RATE;
            case "ratelimit" -> Thresholds.RATE_LIMIT_ERROR_RATE;
            case "stars" -> Thresholds.SATISFACTION;
            case "accuracy" -> Thresholds.ACCURACY;
            case "retrieval" -> Thresholds.RETRIEVAL;
            case "budget" -> Thresholds.budget(0.8);
            case "flash" -> Thresholds.cpsmFor(new BigDecimal("2.90"), new BigDecimal("3.50"));
            default -> throw new IllegalArgumentException(band);
        };
        return b.rate(new BigDecimal(value));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "cpq, 0.03, GREEN", "cpq, 0.10, GREEN", "cpq, 0.100000000001, AMBER", "cpq, 0.15, AMBER", "cpq, 99, AMBER",
            "cpsm, 2.90, GREEN", "cpsm, 10, GREEN", "cpsm, 10.01, AMBER", "cpsm, 15, AMBER", "cpsm, 15.000001, RED",
            "cache, 95, GREEN", "cache, 80.01, GREEN", "cache, 70, GREEN", "cache, 69.99, AMBER", "cache, 60, AMBER",
            "cache, 59.99, RED", "cache, 0, RED",
            "ttft50, 799, GREEN", "ttft50, 800, AMBER", "ttft50, 60000, AMBER",
            "ttft95, 1499, GREEN", "ttft95, 1500, AMBER", "ttft95, 5000, AMBER", "ttft95, 5001, RED",
            "ttft99, 1999, GREEN", "ttft99, 2000, AMBER", "ttft99, 90000, AMBER",
            "latency, 2999, GREEN", "latency, 3000, AMBER", "latency, 5000, AMBER", "latency, 5001, RED",
            "errors, 0, GREEN", "errors, 3, GREEN", "errors, 3.01, AMBER", "errors, 10, AMBER", "errors, 10.01, RED",
            "ratelimit, 3, GREEN", "ratelimit, 3.0001, AMBER", "ratelimit, 100, AMBER",
            "stars, 5, GREEN", "stars, 4.01, GREEN", "stars, 4.0, AMBER", "stars, 3.5, AMBER", "stars, 3.49, RED",
            "accuracy, 100, GREEN", "accuracy, 85.01, GREEN", "accuracy, 85, AMBER", "accuracy, 0, AMBER",
            "retrieval, 100, GREEN", "retrieval, 95, GREEN", "retrieval, 94.99, AMBER", "retrieval, 90, AMBER",
            "retrieval, 89.99, RED",
            "budget, 0, GREEN", "budget, 79.99, GREEN", "budget, 80, AMBER", "budget, 99.99, AMBER", "budget, 100, RED",
            "budget, 250, RED",
            "flash, 3.50, GREEN", "flash, 3.51, AMBER", "flash, 15, AMBER", "flash, 15.01, RED"})
    void colours(String band, String value, Status expected) {
        assertThat(rate(band, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"80.01, excellent", "80, good", "70, good", "69.99, fair", "60, fair", "59.99, bad"})
    void cacheHitWords(String percent, String word) {
        assertThat(Thresholds.cacheHitWord(new BigDecimal(percent))).isEqualTo(word);
    }

    @org.junit.jupiter.api.Test
    void noValueHasNoColour() {
        assertThat(Thresholds.LATENCY.rate((BigDecimal) null)).isEqualTo(Status.NONE);
        assertThat(Thresholds.budget(0.8).target()).isEqualTo("< 80% (alert at 80%, off at 100%)");
    }
}
