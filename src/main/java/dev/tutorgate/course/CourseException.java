package dev.tutorgate.course;

/**
 * The course cannot be used: a missing or empty folder, an unreadable lesson, bad front matter.
 * The message names the file and says what is wrong, ready to print to the person who runs us.
 */
public class CourseException extends RuntimeException {
    public CourseException(String message) {
        super(message);
    }

    public CourseException(String message, Throwable cause) {
        super(message, cause);
    }
}
