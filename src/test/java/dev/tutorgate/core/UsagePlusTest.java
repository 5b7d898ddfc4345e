package dev.tutorgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsagePlusTest {

    @Test
    void addsEveryCountAndKeepsAnEstimate() {
        Usage a = new Usage(1_000, 600, 100, 0, 200, 50, false);
        Usage b = new Usage(500, 0, 0, 300, 40, 0, true);

        assertThat(a.plus(b)).isEqualTo(new Usage(1_500, 600, 100, 300, 240, 50, true));
        assertThat(a.plus(Usage.ZERO)).isEqualTo(a);
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        Usage huge = Usage.of(Long.MAX_VALUE, 0);

        assertThatThrownBy(() -> huge.plus(Usage.of(1, 0))).isInstanceOf(ArithmeticException.class);
    }
}
