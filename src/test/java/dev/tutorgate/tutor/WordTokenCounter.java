package dev.tutorgate.tutor;

import dev.tutorgate.core.TokenCounter;

/** Counts words: predictable arithmetic for tests about sizes. */
public final class WordTokenCounter implements TokenCounter {
    @Override
    public int count(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
