package dev.tutorgate.provider.emulator;

import java.time.Instant;

/**
 * A model that answers every call with its provider's "overloaded" error (Gemini 503, OpenAI 503,
 * Anthropic 529) until {@code until}, or until turned off when {@code until} is null.
 */
public record Outage(String model, Instant until) {
}
