package dev.tutorgate.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDayRunsFromLocalMidnightToLocalMidnight() {
        BudgetPeriod.Window day = BudgetPeriod.DAY.windowAt(Instant.parse("2026-11-28T02:00:00Z"), ZoneId.of("Asia/Tokyo"));
        assertThat(day.start()).isEqualTo(Instant.parse("2026-11-27T15:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));
        assertThat(day.label()).isEqualTo("2026-11-28");
        assertThat(day.contains(day.start())).isTrue();
        assertThat(day.contains(day.end())).isFalse();
    }

    @Test
    void theDayClocksGoForwardHasTwentyThreeHoursAndTheDayTheyGoBackTwentyFive() {
        BudgetPeriod.Window spring = BudgetPeriod.DAY.windowAt(Instant.parse("2026-03-08T12:00:00Z"), NEW_YORK);
        assertThat(Duration.between(spring.start(), spring.end())).isEqualTo(Duration.ofHours(23));
        BudgetPeriod.Window autumn = BudgetPeriod.DAY.windowAt(Instant.parse("2026-11-01T12:00:00Z"), NEW_YORK);
        assertThat(Duration.between(autumn.start(), autumn.end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void whereMidnightDoesNotExistTheDayStartsAtTheFirstValidInstant() {
        // Chile moves clocks from 00:00 to 01:00 on 2026-09-06.
        BudgetPeriod.Window day = BudgetPeriod.DAY.windowAt(Instant.parse("2026-09-06T12:00:00Z"), ZoneId.of("America/Santiago"));
        assertThat(day.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
        assertThat(day.label()).isEqualTo("2026-09-06");
    }

    @Test
    void weeksAreIsoWeeksFromMonday() {
        // 2026-01-01 is a Thursday: its ISO week is 2026-W01 and began on Monday 2025-12-29.
        BudgetPeriod.Window week = BudgetPeriod.WEEK.windowAt(Instant.parse("2026-01-01T10:00:00Z"), ZoneId.of("UTC"));
        assertThat(week.start()).isEqualTo(Instant.parse("2025-12-29T00:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(week.label()).isEqualTo("2026-W01");
        BudgetPeriod.Window sunday = BudgetPeriod.WEEK.windowAt(Instant.parse("2026-01-04T23:59:59Z"), ZoneId.of("UTC"));
        assertThat(sunday).isEqualTo(week);
    }

    @Test
    void monthsRollOverTheYear() {
        BudgetPeriod.Window december = BudgetPeriod.MONTH.windowAt(Instant.parse("2026-12-31T23:00:00Z"), ZoneId.of("UTC"));
        assertThat(december.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(december.end()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(december.label()).isEqualTo("2026-12");
        // The same instant is already January in Moscow.
        assertThat(BudgetPeriod.MONTH.windowAt(Instant.parse("2026-12-31T23:00:00Z"), ZoneId.of("Europe/Moscow")).label())
                .isEqualTo("2027-01");
    }
}
