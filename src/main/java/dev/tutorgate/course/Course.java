package dev.tutorgate.course;

import java.util.List;
import java.util.Optional;

/**
 * A loaded course: its lessons in teaching order, immutable.
 *
 * @param source where it came from, for messages ("bundled sample course", a folder path)
 */
public record Course(String source, List<Lesson> lessons) {
    public Course {
        lessons = List.copyOf(lessons);
        if (lessons.isEmpty()) {
            throw new IllegalArgumentException("a course needs at least one lesson");
        }
    }

    /** Tokens of all lesson bodies together (the prompt prefix adds instructions and markers). */
    public int totalTokens() {
        return lessons.stream().mapToInt(Lesson::tokens).sum();
    }

    public Optional<Lesson> lessonTitled(String title) {
        return lessons.stream().filter(l -> l.title().equals(title)).findFirst();
    }
}
