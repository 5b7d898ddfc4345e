package dev.tutorgate.provider.gemini;

import java.util.List;

/** The parts of Gemini's GenerateContentResponse we read (the same shape streamed and not). */
final class GeminiWire {
    private GeminiWire() {
    }

    /** One response or SSE chunk; a mid-stream failure is a chunk with only {@code error}. */
    record Response(List<Candidate> candidates, PromptFeedback promptFeedback, UsageMetadata usageMetadata,
                    Error error) {
    }

    record Candidate(Content content, String finishReason) {
    }

    record Content(List<Part> parts) {
    }

    /** {@code thought: true} marks a thinking summary, which is not answer text. */
    record Part(String text, Boolean thought) {
    }

    record PromptFeedback(String blockReason) {
    }

    /** Cumulative on every chunk; {@code promptTokenCount} includes {@code cachedContentTokenCount}. */
    record UsageMetadata(
            Long promptTokenCount,
            Long cachedContentTokenCount,
            Long candidatesTokenCount,
            Long thoughtsTokenCount,
            Long toolUsePromptTokenCount) {
    }

    record Error(Integer code, String message, String status) {
    }
}
