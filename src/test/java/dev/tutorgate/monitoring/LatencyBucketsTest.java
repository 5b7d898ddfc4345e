package dev.tutorgate.monitoring;

import dev.tutorgate.ledger.LatencyBuckets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
    @Test
    void bucketsKeepTwoSignificantDigits() {
        assertThat(LatencyBuckets.bucketOf(0)).isZero();
        assertThat(LatencyBuckets.bucketOf(99)).isEqualTo(99);
        assertThat(LatencyBuckets.bucketOf(799)).isEqualTo(790);
        assertThat(LatencyBuckets.bucketOf(800)).isEqualTo(800);
        assertThat(LatencyBuckets.bucketOf(1_499)).isEqualTo(1_400);
        assertThat(LatencyBuckets.bucketOf(1_500)).isEqualTo(1_500);
        assertThat(LatencyBuckets.bucketOf(5_001)).isEqualTo(5_000);
        assertThat(LatencyBuckets.bucketOf(-5)).isZero();
        assertThat(LatencyBuckets.widthOf(790)).isEqualTo(10);
        assertThat(LatencyBuckets.widthOf(5_000)).isEqualTo(100);
        assertThat(LatencyBuckets.widthOf(50_000)).isEqualTo(1_000);
    }

    @Test
    void slotsAreDenseAndReversible() {
        for (int slot = 0; slot < LatencyBuckets.SLOTS; slot++) {
            assertThat(LatencyBuckets.slotOf(LatencyBuckets.bucketOfSlot(slot))).isEqualTo(slot);
        }
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            long value = (long) Math.exp(random.nextDouble() * 20);
            long bucket = LatencyBuckets.bucketOf(value);
            long back = LatencyBuckets.bucketOfSlot(LatencyBuckets.slotOf(bucket));
            assertThat(back).isEqualTo(bucket < LatencyBuckets.MAX ? bucket : LatencyBuckets.MAX);
        }
    }

    @Test
    void nearestRank() {
        assertThat(Percentiles.rank(50, 4)).isEqualTo(2);
        assertThat(Percentiles.rank(50, 5)).isEqualTo(3);
        assertThat(Percentiles.rank(95, 20)).isEqualTo(19);
        assertThat(Percentiles.rank(95, 21)).isEqualTo(20);
        assertThat(Percentiles.rank(99, 1)).isEqualTo(1);
        assertThat(Percentiles.rank(100, 7)).isEqualTo(7);
        assertThatThrownBy(() -> Percentiles.rank(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(50, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHistogramLocatesARankInItsBucket() {
        Histogram h = new Histogram();
        for (long v : new long[] {400, 405, 409, 600, 1_450, 1_499, 123_456_789_000L}) {
            h.addValue(v);
        }
        assertThat(h.locate(2)).isEqualTo(new Histogram.Position(400, 2));
        assertThat(h.locate(4)).isEqualTo(new Histogram.Position(600, 1));
        assertThat(h.locate(6)).isEqualTo(new Histogram.Position(1_400, 2));
        Histogram.Position last = h.locate(7);
        assertThat(last.bucket()).isEqualTo(LatencyBuckets.MAX);
        assertThat(last.bucket() + last.width()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> h.locate(8)).isInstanceOf(IllegalArgumentException.class);
    }
}
