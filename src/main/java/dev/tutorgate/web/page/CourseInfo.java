package dev.tutorgate.web.page;

import java.util.List;

/**
 * What the student page shows about the course: its title, lesson titles, and example questions
 * for the input's hint.
 */
public record CourseInfo(String title, List<String> lessons, List<String> exampleQuestions) {
    public CourseInfo {
        lessons = List.copyOf(lessons);
        exampleQuestions = List.copyOf(exampleQuestions);
    }
}
