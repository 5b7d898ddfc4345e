package dev.tutorgate.gateway;

import java.util.List;

/** Which lessons a model's answer cites (course.CitationDetector#citedTitles). Thread-safe. */
@FunctionalInterface
public interface LessonCitations {
    List<String> citedTitles(String answer);
}
