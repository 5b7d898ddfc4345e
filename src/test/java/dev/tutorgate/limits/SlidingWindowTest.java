package dev.tutorgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S; // on a slot boundary

    private final SlidingWindow minute = new SlidingWindow(Duration.ofMinutes(1), 60);

    @Test
    void aCountStaysUntilItsWholeSlotHasLeftTheWindow() {
        minute.add(T0 + S / 2, 5);
        assertThat(minute.used(T0 + 60 * S)).isEqualTo(5);
        assertThat(minute.used(T0 + 61 * S - 1)).isEqualTo(5);
        assertThat(minute.used(T0 + 61 * S)).isZero();
    }

    @Test
    void roomIsReportedForTheMomentEnoughHasLeft() {
        minute.add(T0, 3);
        minute.add(T0 + 10 * S, 4);
        minute.add(T0 + 20 * S, 2);
        long now = T0 + 30 * S;
        assertThat(minute.nanosUntilRoom(now, 1, 10)).isZero();
        assertThat(minute.nanosUntilRoom(now, 2, 10)).isEqualTo(31 * S); // the first 3 leave at T0 + 61 s
        assertThat(minute.nanosUntilRoom(now, 5, 10)).isEqualTo(41 * S); // needs the 4 as well
        assertThat(minute.nanosUntilRoom(now, 11, 10)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anEstimateIsCorrectedWhileItsSlotIsInTheWindowAndNeverBelowZero() {
        minute.add(T0, 800);
        minute.adjust(T0, T0 + 5 * S, -500);
        assertThat(minute.used(T0 + 5 * S)).isEqualTo(300);
        minute.adjust(T0, T0 + 5 * S, -1_000);
        assertThat(minute.used(T0 + 5 * S)).isZero();
        minute.adjust(T0, T0 + 5 * S, 200);
        assertThat(minute.used(T0 + 5 * S)).isEqualTo(200);

        minute.adjust(T0, T0 + 61 * S, 1_000); // gone from the window: nothing to correct
        assertThat(minute.used(T0 + 61 * S)).isZero();
    }

    @Test
    void aLongSilenceClearsEverything() {
        for (int i = 0; i < 60; i++) {
            minute.add(T0 + i * S, 1);
        }
        assertThat(minute.used(T0 + 59 * S)).isEqualTo(60);
        assertThat(minute.used(T0 + 3_600 * S)).isZero();
        minute.add(T0 + 3_600 * S, 2);
        assertThat(minute.used(T0 + 3_601 * S)).isEqualTo(2);
    }

    @Test
    void aDayInMinuteSlots() {
        SlidingWindow day = new SlidingWindow(Duration.ofDays(1), 1440);
        long minuteBoundary = 960 * S;
        day.add(minuteBoundary, 250);
        assertThat(day.nanosUntilRoom(minuteBoundary + 3_600 * S, 1, 250)).isEqualTo(Duration.ofDays(1).plusMinutes(1).minusHours(1).toNanos());
    }

    record Arrival(long gapMillis, int amount) {
    }

    @Provide
    Arbitrary<List<Arrival>> arrivals() {
        return Combinators.combine(Arbitraries.longs().between(0, 5_000), Arbitraries.integers().between(1, 6))
                .as(Arrival::new).list().ofMinSize(1).ofMaxSize(400);
    }

    /** Admitting whatever it says fits, no closed window of the same length ever holds more than the limit. */
    @Property(tries = 300)
    void whatItAdmitsNeverExceedsTheLimitInAnyWindow(@ForAll("arrivals") List<Arrival> arrivals,
                                                    @ForAll @IntRange(min = 6, max = 40) int limit) {
        SlidingWindow window = new SlidingWindow(Duration.ofMinutes(1), 60);
        long now = T0 + 123_456_789L; // off the slot grid
        List<long[]> admitted = new ArrayList<>();
        for (Arrival arrival : arrivals) {
            now += arrival.gapMillis() * 1_000_000L;
            if (window.nanosUntilRoom(now, arrival.amount(), limit) == 0) {
                window.add(now, arrival.amount());
                admitted.add(new long[] {now, arrival.amount()});
            }
        }
        long w = Duration.ofMinutes(1).toNanos();
        for (long[] start : admitted) {
            long sum = admitted.stream().filter(a -> a[0] >= start[0] && a[0] <= start[0] + w).mapToLong(a -> a[1]).sum();
            assertThat(sum).isLessThanOrEqualTo(limit);
        }
    }
}
