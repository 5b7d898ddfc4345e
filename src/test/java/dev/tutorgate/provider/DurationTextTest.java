package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @Test
    void readsOpenAiResetDurations() {
        assertThat(DurationText.parse("12ms")).isEqualTo(Duration.ofMillis(12));
        assertThat(DurationText.parse("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(DurationText.parse("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(DurationText.parse("1h2m3.5s")).isEqualTo(Duration.ofHours(1).plusMinutes(2).plusMillis(3500));
        assertThat(DurationText.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    }

    @Test
    void readsGeminiRetryDelays() {
        assertThat(DurationText.parse("37s")).isEqualTo(Duration.ofSeconds(37));
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("0.000001s")).isEqualTo(Duration.ofNanos(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "s", "12", "12x", "1.2.3s", "abc", "-5s", "99999999999h", "1e5s"})
    void rejectsWhatIsNotADuration(String text) {
        assertThat(DurationText.parse(text)).isNull();
    }

    @Test
    void nullIsNoDuration() {
        assertThat(DurationText.parse(null)).isNull();
    }
}
