package dev.tutorgate.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The chart's time buckets: UTC hours (hourly) or local days in the budget's zone (daily). An hour
 * of the roll-ups goes wholly to the local day it starts in (only zones with a :30 or :45 offset
 * split hours between days; the cards are exact either way).
 */
final class TimeBuckets implements LongUnaryOperator {
    private final boolean hourly;
    private final ZoneId zone;
    private final Map<Long, Long> dayOfHour = new HashMap<>();

    TimeBuckets(boolean hourly, ZoneId zone) {
        this.hourly = hourly;
        this.zone = zone;
    }

    @Override
    public long applyAsLong(long epochMs) {
        long hour = Math.floorDiv(epochMs, LedgerAggregates.HOUR_MS) * LedgerAggregates.HOUR_MS;
        if (hourly) {
            return hour;
        }
        return dayOfHour.computeIfAbsent(hour, h -> startOfDay(LocalDate.ofInstant(Instant.ofEpochMilli(h), zone)));
    }

    /** Every bucket start from {@code from} up to (not including) {@code to}. */
    List<Long> between(Instant from, Instant to) {
        List<Long> out = new ArrayList<>();
        if (!from.isBefore(to)) {
            return out;
        }
        long first = applyAsLong(from.toEpochMilli());
        if (hourly) {
            for (long t = first; t < to.toEpochMilli(); t += LedgerAggregates.HOUR_MS) {
                out.add(t);
            }
        } else {
            for (LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(first), zone);
                 startOfDay(day) < to.toEpochMilli(); day = day.plusDays(1)) {
                out.add(startOfDay(day));
            }
        }
        return out;
    }

    private long startOfDay(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
