package dev.tutorgate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RangeTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** Friday 2026-11-20, 01:30 in Moscow (22:30 UTC the day before). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-19T22:30:00Z"), ZoneOffset.UTC);

    private static Range parse(String period, String from, String to) {
        return Range.parse(period, from, to, MOSCOW, CLOCK);
    }

    @Test
    void todayIsTheLocalDayNotTheUtcDay() {
        Range today = parse(null, null, null);
        assertThat(today.from()).isEqualTo(Instant.parse("2026-11-19T21:00:00Z"));
        assertThat(today.to()).isEqualTo(Instant.parse("2026-11-20T21:00:00Z"));
        assertThat(today.label()).isEqualTo("today");
        assertThat(today.hourly()).isTrue();
        assertThat(today.elapsed(CLOCK.instant())).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void datesAreLocalAndTheEndDateIsIncluded() {
        Range r = parse(null, "2026-11-01", "2026-11-30");
        assertThat(r.from()).isEqualTo(Instant.parse("2026-10-31T21:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-11-30T21:00:00Z"));
        assertThat(r.hourly()).isFalse();
    }

    @Test
    void instantsAreTakenAsTheyAre() {
        Range r = parse(null, "2026-11-19T08:15:00Z", "2026-11-19T12:00:00+03:00");
        assertThat(r.from()).isEqualTo(Instant.parse("2026-11-19T08:15:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-11-19T09:00:00Z"));
        assertThat(r.label()).isEqualTo("2026-11-19T08:15:00Z – 2026-11-19T09:00:00Z");
    }

    @Test
    void oneSideOnly() {
        assertThat(parse(null, "2026-11-18", null).to()).isEqualTo(Instant.parse("2026-11-20T21:00:00Z"));
        Range day = parse(null, null, "2026-11-18");
        assertThat(day.from()).isEqualTo(Instant.parse("2026-11-17T21:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-18T21:00:00Z"));
    }

    @Test
    void presets() {
        assertThat(parse("week", null, null).from()).isEqualTo(Instant.parse("2026-11-15T21:00:00Z")); // Monday 16th
        assertThat(parse("month", null, null).from()).isEqualTo(Instant.parse("2026-10-31T21:00:00Z"));
        assertThat(parse("month", null, null).to()).isEqualTo(Instant.parse("2026-11-30T21:00:00Z"));
        assertThat(parse("7d", null, null).from()).isEqualTo(Instant.parse("2026-11-13T21:00:00Z"));
        assertThat(parse("7d", null, null).length()).isEqualTo(Duration.ofDays(7));
        assertThat(parse("30d", null, null).length()).isEqualTo(Duration.ofDays(30));
        assertThat(parse("yesterday", null, null).to()).isEqualTo(Instant.parse("2026-11-19T21:00:00Z"));
        assertThat(parse(" Today ", null, null).label()).isEqualTo("today");
    }

    @Test
    void aDaylightSavingDayIs25HoursLong() {
        Clock berlin = Clock.fixed(Instant.parse("2026-10-25T12:00:00Z"), ZoneOffset.UTC);
        Range day = Range.parse(null, null, null, ZoneId.of("Europe/Berlin"), berlin);
        assertThat(day.length()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> parse(null, "2026-11-20", "2026-11-19"))
                .isInstanceOf(Range.InvalidRangeException.class).hasMessageContaining("must start before it ends");
        assertThatThrownBy(() -> parse(null, "yesterday-ish", null))
                .hasMessage("from 'yesterday-ish' is neither a date (2026-11-28) nor an instant (2026-11-28T10:00:00Z)");
        assertThatThrownBy(() -> parse(null, "2026-02-30", null)).isInstanceOf(Range.InvalidRangeException.class);
        assertThatThrownBy(() -> parse("fortnight", null, null)).hasMessageContaining("unknown period 'fortnight'");
        assertThatThrownBy(() -> parse("week", "2026-11-01", null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> parse(null, "2024-01-01", "2026-01-01")).hasMessageContaining("longer than 367 days");
    }
}
