package dev.tutorgate.course;

/**
 * A piece of a lesson small enough to quote in an offline answer: one section, or a window of a
 * few paragraphs of a long section. Code blocks are never cut in the middle unless one block alone
 * is longer than a passage, and then each piece is a complete fenced block of its own.
 *
 * @param id      its position among all passages of the course (0-based)
 * @param lesson  the lesson it belongs to
 * @param heading the section heading it sits under ("" for a lesson's introduction)
 * @param text    Markdown, without the section heading line
 */
public record Passage(int id, Lesson lesson, String heading, String text) {
}
