package dev.tutorgate.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void oneToHundredGivesTheRankItself() {
        long[] shuffled = LongStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).toArray();

        Percentiles p = Percentiles.of(shuffled);

        assertThat(p).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
    }

    @Test
    void tenValuesRoundTheRankUp() {
        // ranks: p50 → ⌈5⌉ = 5th, p95 → ⌈9.5⌉ = 10th, p99 → ⌈9.9⌉ = 10th
        Percentiles p = Percentiles.of(new long[] {70, 10, 100, 30, 90, 20, 60, 40, 80, 50});

        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(100);
        assertThat(p.p99()).isEqualTo(100);
    }

    @Test
    void theValuesAreAlwaysMeasuredOnesNeverInterpolated() {
        Percentiles p = Percentiles.of(new long[] {1, 1000});

        assertThat(p.p50()).isEqualTo(1);
        assertThat(p.p95()).isEqualTo(1000);
    }

    @Test
    void aSingleValueIsEveryPercentile() {
        assertThat(Percentiles.of(new long[] {7})).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
    }

    @Test
    void nothingMeasuredIsEmptyAndTheInputIsNotSorted() {
        assertThat(Percentiles.of(new long[0]).isEmpty()).isTrue();
        long[] input = {3, 1, 2};
        Percentiles.of(input);
        assertThat(input).containsExactly(3, 1, 2);
    }

    @Test
    void twoHundredValuesP99IsTheHundredAndNinetyEighth() {
        long[] values = LongStream.rangeClosed(1, 200).toArray();

        assertThat(Percentiles.of(values).p99()).isEqualTo(198);
        assertThat(Percentiles.nearestRank(values, 100)).isEqualTo(200);
        assertThatThrownBy(() -> Percentiles.nearestRank(values, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
