package dev.tutorgate.course;

import dev.tutorgate.core.TextSink;

/**
 * The "offline" model: answers from the course itself (BM25 over the lessons), in English or
 * Russian, at zero cost. The default when no key is configured and the last fallback. Thread-safe.
 */
public interface OfflineAnswerer {
    /** Streams the answer to {@code sink} in chunks, like a model would, and returns it whole. */
    OfflineAnswer answer(String question, TextSink sink);
}
