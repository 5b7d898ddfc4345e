package dev.tutorgate.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.Money;
import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void dollarsForPeople() {
        assertThat(Figures.usd(0)).isEqualTo("$0.00");
        assertThat(Figures.usd(Money.picosFromUsd("0.0123"))).isEqualTo("$0.0123");
        assertThat(Figures.usd(Money.picosFromUsd("0.01234567"))).isEqualTo("$0.0123");
        assertThat(Figures.usd(Money.picosFromUsd("0.00005"))).isEqualTo("$0.0001");
        assertThat(Figures.usd(Money.picosFromUsd("0.0000123456"))).isEqualTo("$0.000012");
        assertThat(Figures.usd(Money.picosFromUsd("3.65"))).isEqualTo("$3.65");
        assertThat(Figures.usd(Money.picosFromUsd("1234.5"))).isEqualTo("$1234.50");
        assertThat(Figures.usd(-Money.picosFromUsd("0.5"))).isEqualTo("-$0.5000");
    }

    @Test
    void exactDollarsForMachines() {
        assertThat(Figures.usdExact(Money.picosFromUsd("0.000123456789"))).isEqualTo("0.000123456789");
        assertThat(Figures.usdExact(0)).isEqualTo("0");
        assertThat(Figures.usdExact(Money.picosFromUsd("2.50"))).isEqualTo("2.5");
    }

    @Test
    void durations() {
        assertThat(Figures.millis(400_000)).isEqualTo("0.4 ms");
        assertThat(Figures.millis(12_345_678)).isEqualTo("12.3 ms");
        assertThat(Figures.millis(1_234_400_000L)).isEqualTo("1,234 ms");
        assertThat(Figures.millisExact(12_345_678)).isEqualByComparingTo("12.345678");
        assertThat(Figures.seconds(520_000_000L)).isEqualTo("0.52 s");
        assertThat(Figures.seconds(73_140_000_000L)).isEqualTo("73.1 s");
    }
}
