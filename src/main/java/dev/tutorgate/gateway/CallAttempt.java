package dev.tutorgate.gateway;

import dev.tutorgate.core.Usage;
import dev.tutorgate.course.OfflineAnswer;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.tutor.PreparedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One call made for a request — to a model or to the offline answerer — as the dispatcher saw it.
 * Settle prices it and writes it to the ledger.
 *
 * @param keyAlias       the key used (never the secret); null for the offline answerer
 * @param fallbackReason why this candidate and not the routed model; null when it is the routed one
 * @param call           what was sent; null for the offline answerer
 * @param text           the answer text the student received (streamed) or the whole answer (not streamed)
 * @param reportedUsage  what the provider reported; null when it reported nothing
 * @param error          why the call failed; null when it answered
 * @param retryAfter     the provider's retry hint on failure, or null
 * @param clientGone     the student went away during the call
 * @param ttftMs         from the call's start to its first text; null without text or when not streamed
 * @param offline        the offline answer (sources, retrieval hit); null for model calls
 * @param purpose        what the call was for: the answer, or a side call such as a history summary
 *                       (a side call is recorded and paid for, but never decides what the student gets)
 */
public record CallAttempt(
        Candidate candidate,
        String keyAlias,
        String fallbackReason,
        Instant startedAt,
        PreparedCall call,
        String text,
        Usage reportedUsage,
        ErrorKind error,
        Duration retryAfter,
        boolean clientGone,
        Long ttftMs,
        long latencyMs,
        boolean streamed,
        OfflineAnswer offline,
        Purpose purpose) {

    /** Why a call was made. */
    public enum Purpose {
        /** A call whose text is (or would have been) the student's answer. */
        ANSWER,
        /** A summary of older conversation turns, made so that the answer's prompt fits the model's window. */
        HISTORY_SUMMARY
    }

    /** An answer call. */
    public CallAttempt(Candidate candidate, String keyAlias, String fallbackReason, Instant startedAt,
                       PreparedCall call, String text, Usage reportedUsage, ErrorKind error, Duration retryAfter,
                       boolean clientGone, Long ttftMs, long latencyMs, boolean streamed, OfflineAnswer offline) {
        this(candidate, keyAlias, fallbackReason, startedAt, call, text, reportedUsage, error, retryAfter, clientGone,
                ttftMs, latencyMs, streamed, offline, Purpose.ANSWER);
    }

    public CallAttempt {
        Objects.requireNonNull(candidate, "candidate");
        purpose = purpose == null ? Purpose.ANSWER : purpose;
        Objects.requireNonNull(startedAt, "startedAt");
        text = text == null ? "" : text;
        if (call == null && !candidate.offline()) {
            throw new IllegalArgumentException("a model attempt records its call");
        }
    }

    /** Whether this call's text is meant for the student (not a side call). */
    public boolean isAnswer() {
        return purpose == Purpose.ANSWER;
    }

    /** The call answered in full and somebody was there to receive it. */
    public boolean answered() {
        return error == null && !clientGone;
    }
}
