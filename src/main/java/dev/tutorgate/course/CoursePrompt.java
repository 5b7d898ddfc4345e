package dev.tutorgate.course;

import dev.tutorgate.core.TokenCounter;

/**
 * The long-context prefix every model request starts with: the tutor's instructions, then the
 * whole course, each lesson between {@code <lesson number="N" title="TITLE">} and
 * {@code </lesson>}. Built once at start and never rebuilt, so it is the same bytes on every call:
 * provider prompt caches match on an exact prefix, and one changed byte would turn every request
 * back into a full-price cache miss. Nothing per-request (date, student, question) belongs here.
 *
 * <p>Layout:
 * <pre>
 * {instructions}
 *
 * &lt;course lessons="N"&gt;
 * &lt;lesson number="1" title="…"&gt;
 * {lesson body}
 * &lt;/lesson&gt;
 * …
 * &lt;/course&gt;
 * </pre>
 * Immutable and thread-safe.
 */
public final class CoursePrompt {
    private final Course course;
    private final String instructions;
    private final String text;
    private final int tokens;

    private CoursePrompt(Course course, String instructions, String text, int tokens) {
        this.course = course;
        this.instructions = instructions;
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * @param systemPrompt the configured instructions ({@code course.systemPrompt}); null or blank
     *                     = {@link TutorInstructions#forCourse the built-in ones}
     */
    public static CoursePrompt build(Course course, String systemPrompt, TokenCounter counter) {
        String instructions = (systemPrompt == null || systemPrompt.isBlank()
                ? TutorInstructions.forCourse(course)
                : CourseLoader.normalise(systemPrompt)).strip();
        String text = layout(instructions, course);
        return new CoursePrompt(course, instructions, text, counter.count(text));
    }

    private static String layout(String instructions, Course course) {
        int size = instructions.length() + course.lessons().stream().mapToInt(l -> l.body().length() + 80).sum();
        StringBuilder out = new StringBuilder(size + 64);
        out.append(instructions).append("\n\n");
        out.append("<course lessons=\"").append(course.lessons().size()).append("\">\n");
        for (Lesson lesson : course.lessons()) {
            out.append("<lesson number=\"").append(lesson.number())
                    .append("\" title=\"").append(lesson.title().replace('"', '\'')).append("\">\n")
                    .append(lesson.body())
                    .append("\n</lesson>\n");
        }
        out.append("</course>\n");
        return out.toString();
    }

    /** The whole prefix: send it first, unchanged, on every model call. */
    public String text() {
        return text;
    }

    /** Tokens of {@link #text()} (o200k_base estimate). */
    public int tokens() {
        return tokens;
    }

    /** The instructions part alone (built-in or configured). */
    public String instructions() {
        return instructions;
    }

    /** The course it was built from; {@link Lesson#tokens()} gives each lesson's tokens. */
    public Course course() {
        return course;
    }
}
