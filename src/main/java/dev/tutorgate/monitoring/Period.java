package dev.tutorgate.monitoring;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The calendar periods of the dashboard's glance — today, this week, this month — in the budget's
 * time zone, with the same boundaries as the budget: local midnight, ISO weeks (Monday to Sunday).
 */
public enum Period {
    DAY, WEEK, MONTH;

    /** The period of this kind that contains {@code at}: [start, end). */
    public Range rangeAt(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        LocalDate first = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        LocalDate next = switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
        };
        String label = switch (this) {
            case DAY -> "today";
            case WEEK -> "this week";
            case MONTH -> "this month";
        };
        return new Range(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant(), zone, label);
    }
}
