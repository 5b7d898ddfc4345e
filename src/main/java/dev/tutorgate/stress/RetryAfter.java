package dev.tutorgate.stress;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 9110 §10.2.3: {@code Retry-After} is a number of seconds or an HTTP date. */
final class RetryAfter {
    private RetryAfter() {
    }

    static boolean isValid(String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return value.length() <= 10;
        }
        try {
            DateTimeFormatter.RFC_1123_DATE_TIME.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
