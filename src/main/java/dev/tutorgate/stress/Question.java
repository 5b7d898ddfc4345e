package dev.tutorgate.stress;

import dev.tutorgate.core.Complexity;
import java.util.Objects;

/** One question the stress test sends; {@code label} is how hard we meant it to be, null when unknown. */
public record Question(String text, Complexity label) {
    public Question {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a question must not be blank");
        }
    }
}
