package dev.tutorgate.provider.emulator;

import dev.tutorgate.core.Usage;

/**
 * One call the emulator saw, recorded when its outcome was decided (before any delay).
 *
 * @param timeMs arrival time, epoch milliseconds of the emulator's clock
 * @param method HTTP method
 * @param path request path without the query
 * @param model the model named by the call (null when the request named none)
 * @param key the API key the call carried (null when none); keys in tests are fake
 * @param streamed whether the call asked for a stream
 * @param outcome what the client got: {@code ok}, a {@link FaultKind} id (e.g. {@code rate-limit},
 *                {@code cut-stream}), {@code missing-key}, {@code missing-version}, {@code bad-request},
 *                {@code too-large}
 * @param reason why: {@code script}, {@code outage}, {@code random}, {@code key-limit} (the per-key
 *               RPM limit), {@code key-list} (invalid or not in the valid keys), {@code context-window},
 *               {@code request} (the request itself was wrong), or {@code none} for a plain answer
 * @param requestBytes size of the request body
 * @param usage the usage the emulator reported (for cut streams and error events: the tokens sent
 *              before the fault); null when the call got an error status
 * @param requestId the response id the client saw (chatcmpl-…, msg_…, Gemini responseId)
 */
public record CallRecord(long timeMs, String method, String path, Protocol protocol, String model, String key,
                         boolean streamed, String outcome, String reason, int requestBytes, Usage usage,
                         String requestId) {

    public boolean ok() {
        return "ok".equals(outcome);
    }
}
