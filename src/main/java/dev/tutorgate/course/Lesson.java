package dev.tutorgate.course;

import java.util.Objects;

/**
 * One lesson of a course.
 *
 * @param number   its 1-based position in the course, after ordering
 * @param fileName the Markdown file it came from ("05-fastapi-first-app.md")
 * @param title    from front matter, else the first "# heading", else the file name
 * @param body     the Markdown without front matter; line endings normalised to \n
 * @param tokens   tokens of {@code body} (o200k_base)
 */
public record Lesson(int number, String fileName, String title, String body, int tokens) {
    public Lesson {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        if (number < 1) {
            throw new IllegalArgumentException("lesson number must be at least 1: " + number);
        }
    }
}
