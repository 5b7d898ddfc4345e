package dev.tutorgate.course;

import java.util.List;

/**
 * An answer made of course passages, without any model.
 *
 * @param text         the whole answer (it says plainly that these are excerpts from the course)
 * @param sources      titles of the lessons the passages come from, best first
 * @param retrievalHit whether any passage scored above the relevance threshold
 */
public record OfflineAnswer(String text, List<String> sources, boolean retrievalHit) {
    public OfflineAnswer {
        sources = List.copyOf(sources);
    }
}
