package dev.tutorgate.course;

import dev.tutorgate.core.TokenCounter;
import java.util.ArrayList;
import java.util.List;

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
        List<String> pieces = layout(instructions, course);
        // Counted piece by piece, in parallel: every piece starts at a '<' that opens a marker, where
        // the tokenizer starts a new token anyway, so the pieces' counts add up to the whole's.
        int tokens = pieces.parallelStream().mapToInt(counter::count).sum();
        return new CoursePrompt(course, instructions, String.join("", pieces), tokens);
    }

    private static List<String> layout(String instructions, Course course) {
        List<String> pieces = new ArrayList<>(course.lessons().size() + 3);
        pieces.add(instructions + "\n\n");
        pieces.add("<course lessons=\"" + course.lessons().size() + "\">\n");
        for (Lesson lesson : course.lessons()) {
            pieces.add("<lesson number=\"" + lesson.number() + "\" title=\"" + lesson.title().replace('"', '\'') + "\">\n"
                    + lesson.body() + "\n</lesson>\n");
        }
        pieces.add("</course>\n");
        return pieces;
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
