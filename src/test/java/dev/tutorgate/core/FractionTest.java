package dev.tutorgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FractionTest {
    @ParameterizedTest(name = "{1} of {2} at share {0}: {3}")
    @CsvSource({
            "0.9, 899, 1000, false", "0.9, 900, 1000, true", "0.9, 449, 500, false", "0.9, 450, 500, true",
            "0.8, 15999999999999, 20000000000000, false", "0.8, 16000000000000, 20000000000000, true",
            "1, 99, 100, false", "1, 100, 100, true", "0, 0, 100, true",
            // products beyond 64 bits are still compared exactly
            "0.9, 8301034833169298226, 9223372036854775807, false",
            "0.9, 8301034833169298227, 9223372036854775807, true"})
    void usedAgainstTheShareOfTheLimitExactly(double share, long used, long limit, boolean reached) {
        assertThat(new Fraction(share).reachedBy(used, limit)).isEqualTo(reached);
    }

    @Test
    void theValueIsTheShareAsWritten() {
        assertThat(new Fraction(0.9).value().toPlainString()).isEqualTo("0.9");
        assertThat(new Fraction(1.0).value().toPlainString()).isEqualTo("1");
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new Fraction(1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fraction(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fraction(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
