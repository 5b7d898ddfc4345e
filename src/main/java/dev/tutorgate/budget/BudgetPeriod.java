package dev.tutorgate.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The length of a budget's period. Periods begin at local midnight in the configured zone (a day
 * with a daylight-saving change is 23 or 25 hours long); weeks are ISO weeks, Monday to Sunday.
 */
public enum BudgetPeriod {
    DAY("daily"), WEEK("weekly"), MONTH("monthly");

    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("uuuu-MM");

    private final String adjective;

    BudgetPeriod(String adjective) {
        this.adjective = adjective;
    }

    /** "daily", "weekly", "monthly": how alerts and messages name it. */
    public String adjective() {
        return adjective;
    }

    /** The period of this length that contains {@code at}, its boundaries in {@code zone}. */
    public Window windowAt(Instant at, ZoneId zone) {
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
        // atStartOfDay, not atTime(MIDNIGHT): where midnight falls in a DST gap it picks the first valid instant.
        return new Window(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant(), label(first));
    }

    private String label(LocalDate first) {
        return switch (this) {
            case DAY -> first.toString();
            case WEEK -> String.format("%d-W%02d", first.get(IsoFields.WEEK_BASED_YEAR),
                    first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> MONTH_LABEL.format(first);
        };
    }

    /**
     * One concrete period: [start, end) and a label that names it in counter keys and alert keys
     * ("2026-11-28", "2026-W48", "2026-11").
     */
    public record Window(Instant start, Instant end, String label) {
        public boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }
}
