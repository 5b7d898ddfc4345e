package dev.tutorgate.monitoring;

import dev.tutorgate.budget.BudgetPeriod;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * A half-open time range {@code [from, to)} of the ledger (on the rows' {@code started_at}), with
 * the zone its days are counted in and a label for people.
 */
public record Range(Instant from, Instant to, ZoneId zone, String label) {
    /** The longest range a summary covers (a year and a day). */
    public static final Duration MAX_LENGTH = Duration.ofDays(367);

    public Range {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (!from.isBefore(to)) {
            throw new InvalidRangeException("the range must start before it ends: from " + from + ", to " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw new InvalidRangeException("the range is longer than " + MAX_LENGTH.toDays() + " days");
        }
        label = label == null ? from + " – " + to : label;
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The part of the range that has happened by {@code now}: [from, min(to, now)); empty if it has not begun. */
    public Duration elapsed(Instant now) {
        Instant end = now.isBefore(to) ? now : to;
        return end.isAfter(from) ? Duration.between(from, end) : Duration.ZERO;
    }

    /** Charts are hourly up to two days, daily beyond. */
    public boolean hourly() {
        return length().compareTo(Duration.ofHours(48)) <= 0;
    }

    /**
     * The day, ISO week or month that contains {@code at} — "today", "this week", "this month" — with
     * the budget's own boundaries, so the dashboard's glance and the budget always cover the same time.
     */
    public static Range current(BudgetPeriod period, Instant at, ZoneId zone) {
        BudgetPeriod.Window window = period.windowAt(at, zone);
        String label = switch (period) {
            case DAY -> "today";
            case WEEK -> "this week";
            case MONTH -> "this month";
        };
        return new Range(window.start(), window.end(), zone, label);
    }

    /**
     * The range an API or command-line caller asked for.
     *
     * @param period "today", "yesterday", "week", "month", "7d", "30d" (null: use from/to)
     * @param from   a date (its local midnight) or an ISO instant / offset date-time; null = the start
     *               of {@code to}'s local day (both null: today)
     * @param to     a date (inclusive: the range ends at the next local midnight) or an ISO instant
     *               (exclusive); null = the end of today (or of {@code from}'s day when that is later)
     * @throws InvalidRangeException with a message for people
     */
    public static Range parse(String period, String from, String to, ZoneId zone, Clock clock) {
        Instant now = clock.instant();
        if (period != null && !period.isBlank()) {
            if (from != null || to != null) {
                throw new InvalidRangeException("give either period or from/to, not both");
            }
            return preset(period.strip().toLowerCase(Locale.ROOT), now, zone);
        }
        if (blank(from) && blank(to)) {
            return current(BudgetPeriod.DAY, now, zone);
        }
        Instant start = blank(from) ? null : point(from.strip(), zone, false, "from");
        Instant end = blank(to) ? null : point(to.strip(), zone, true, "to");
        if (start == null) {
            // only an end: the local day that ends there
            LocalDate day = LocalDate.ofInstant(end.minusMillis(1), zone);
            start = day.atStartOfDay(zone).toInstant();
        }
        if (end == null) {
            end = current(BudgetPeriod.DAY, now, zone).to();
            if (!end.isAfter(start)) {
                end = LocalDate.ofInstant(start, zone).plusDays(1).atStartOfDay(zone).toInstant();
            }
        }
        return new Range(start, end, zone, null);
    }

    private static Range preset(String period, Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant tomorrow = today.plusDays(1).atStartOfDay(zone).toInstant();
        return switch (period) {
            case "today", "day" -> current(BudgetPeriod.DAY, now, zone);
            case "yesterday" -> new Range(today.minusDays(1).atStartOfDay(zone).toInstant(),
                    today.atStartOfDay(zone).toInstant(), zone, "yesterday");
            case "week" -> current(BudgetPeriod.WEEK, now, zone);
            case "month" -> current(BudgetPeriod.MONTH, now, zone);
            case "7d" -> new Range(today.minusDays(6).atStartOfDay(zone).toInstant(), tomorrow, zone, "last 7 days");
            case "30d" -> new Range(today.minusDays(29).atStartOfDay(zone).toInstant(), tomorrow, zone, "last 30 days");
            default -> throw new InvalidRangeException("unknown period '" + period
                    + "': use today, yesterday, week, month, 7d or 30d");
        };
    }

    private static Instant point(String text, ZoneId zone, boolean end, String name) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidRangeException(name + " '" + text
                    + "' is neither a date (2026-11-28) nor an instant (2026-11-28T10:00:00Z)");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The range a caller asked for cannot be read: the message says why, for people. */
    public static final class InvalidRangeException extends IllegalArgumentException {
        public InvalidRangeException(String message) {
            super(message);
        }
    }
}
