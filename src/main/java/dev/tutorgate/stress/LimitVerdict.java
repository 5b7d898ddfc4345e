package dev.tutorgate.stress;

import java.util.List;

/**
 * Whether the rate limits held: no student got more answers than the limit allows in any window
 * (by {@link LimitRule}), and every 429 said when to come back.
 *
 * @param exercised whether any student sent more than the limit — otherwise the run could not see a
 *                  limit fail, and says so
 * @param tooManyWithoutRetryAfter 429 responses with neither a valid {@code Retry-After} nor {@code retryAfterSeconds}
 * @param rateLimitedNot429 refusals with code {@code rate_limited} but another status than 429
 */
public record LimitVerdict(int limitPerMinute, LimitSource source, LimitRule rule, boolean held, boolean exercised,
                           List<StudentLimit> students, int tooManyWithoutRetryAfter, int rateLimitedNot429) {
    public LimitVerdict {
        students = List.copyOf(students);
    }

    /** One student's share. {@code window}: where the answers came closest to (or broke) the limit; null without answers. */
    public record StudentLimit(String name, int sent, int answered, int tooMany, Window window, boolean held) {
    }

    /** {@code answers} answered between {@code from} and {@code to} (nanoseconds into the run) where {@code allowed} were. */
    public record Window(int answers, long from, long to, long allowed) {
    }

    public List<StudentLimit> violators() {
        return students.stream().filter(s -> !s.held()).toList();
    }
}
