package dev.tutorgate.gateway;

import dev.tutorgate.core.ErrorCode;

/**
 * Why a request got no (complete) answer. The web layer renders it as the contract's JSON error
 * or SSE {@code error} event with a friendly, localised message for {@code code}.
 *
 * @param retryAfterSeconds for 429/503: when to try again; null if unknown
 * @param detail            optional words for logs (never a secret, never shown as is to students)
 */
public record ChatFailure(String requestId, ErrorCode code, Long retryAfterSeconds, String detail) {
}
