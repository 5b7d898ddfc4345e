package dev.tutorgate.monitoring;

import java.time.Instant;

/**
 * One request of the request log: its final call, with what the whole request cost.
 *
 * @param cursor     pass as {@code before} to get the requests after this one on the next page
 * @param startedAt  when its first call started (or when it was refused)
 * @param attempts   calls made for it (0 when refused)
 * @param question   the first 200 characters of the question, when the conversation kept it
 * @param stars      the student's rating, if any
 * @param verdict    the admin's review (correct / incorrect), if any
 */
public record RequestLogEntry(
        long cursor,
        String requestId,
        Instant startedAt,
        String studentId,
        String studentName,
        String complexity,
        String model,
        String outcome,
        String errorKind,
        String fallbackReason,
        int attempts,
        Usd cost,
        Long ttftMs,
        Long latencyMs,
        String question,
        Integer stars,
        String verdict) {
}
