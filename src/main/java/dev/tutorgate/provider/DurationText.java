package dev.tutorgate.provider;

import java.time.Duration;

/**
 * Parses the duration strings providers send: OpenAI's rate-limit resets ("12ms", "1s", "6m0s",
 * "1h2m3.5s", Go's time.Duration format) and Gemini's RetryInfo.retryDelay (a protobuf Duration
 * in JSON: "37s", "1.5s"). Hand-written: this runs on every response, so no regex.
 */
public final class DurationText {
    /** About 106 days: anything longer is not a real reset or retry delay. */
    private static final double MAX_NANOS = 1e16;

    private DurationText() {
    }

    /** The duration, or null when {@code text} is not a valid duration string. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int length = s.length();
        if (length == 0) {
            return null;
        }
        long nanos = 0;
        int i = 0;
        while (i < length) {
            int numberStart = i;
            while (i < length && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i == numberStart) {
                return null;
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(numberStart, i));
            } catch (NumberFormatException e) {
                return null;
            }
            int unitStart = i;
            while (i < length && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unitNanos = unitNanos(s, unitStart, i);
            if (unitNanos < 0) {
                return null;
            }
            double part = number * unitNanos;
            if (!(part < MAX_NANOS) || nanos + part >= MAX_NANOS) {
                return null;
            }
            nanos += Math.round(part);
        }
        return Duration.ofNanos(nanos);
    }

    private static long unitNanos(String s, int from, int to) {
        return switch (s.substring(from, to)) {
            case "h" -> 3_600_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs", "μs" -> 1_000L;
            case "ns" -> 1L;
            default -> -1;
        };
    }
}
