package dev.tutorgate.course;

import static dev.tutorgate.course.CourseFixtures.writeLesson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoursePromptTest {
    private final JTokkitTokenCounter counter = JTokkitTokenCounter.o200k();
    private final CourseLoader loader = new CourseLoader(counter);

    @Test
    void isTheSameBytesEveryTimeItIsBuilt() {
        CoursePrompt first = CoursePrompt.build(loader.loadBundled(), null, counter);
        CoursePrompt second = CoursePrompt.build(loader.loadBundled(), null, counter);

        assertThat(second.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(first.text().getBytes(StandardCharsets.UTF_8));
        assertThat(second.tokens()).isEqualTo(first.tokens());
        assertThat(first.text()).isSameAs(first.text());
    }

    @Test
    void startsWithTheInstructionsThenHoldsEveryLessonInOrderUnderItsTitle() {
        Course course = loader.loadBundled();
        CoursePrompt prompt = CoursePrompt.build(course, null, counter);
        String text = prompt.text();

        assertThat(text).startsWith(prompt.instructions());
        assertThat(prompt.instructions()).contains("[Lesson: " + course.lessons().getFirst().title() + "]")
                .contains("language of the student's question").contains("does not cover");
        int previous = text.indexOf("<course lessons=\"" + course.lessons().size() + "\">");
        assertThat(previous).isPositive();
        for (Lesson lesson : course.lessons()) {
            String marker = "<lesson number=\"" + lesson.number() + "\" title=\"" + lesson.title() + "\">\n";
            int at = text.indexOf(marker);
            assertThat(at).as("marker of lesson %d", lesson.number()).isGreaterThan(previous);
            assertThat(text.substring(at + marker.length())).startsWith(lesson.body() + "\n</lesson>\n");
            previous = at;
        }
        assertThat(text).endsWith("</course>\n");
    }

    @Test
    void itsTokenCountIsTheCountOfItsText() {
        CoursePrompt prompt = CoursePrompt.build(loader.loadBundled(), null, counter);
        assertThat(prompt.tokens()).isEqualTo(counter.count(prompt.text()));
        assertThat(prompt.tokens()).isGreaterThan(prompt.course().totalTokens());
    }

    @Test
    void aConfiguredSystemPromptReplacesTheBuiltInOne(@TempDir Path dir) {
        writeLesson(dir, "01.md", "# Only lesson\n\nText.\n");
        Course course = loader.load(dir);

        CoursePrompt prompt = CoursePrompt.build(course, "You are Ada's tutor.\r\nBe brief.\r\n", counter);

        assertThat(prompt.text()).startsWith("You are Ada's tutor.\nBe brief.\n\n<course lessons=\"1\">\n");
        assertThat(prompt.text()).doesNotContain(TutorInstructions.forCourse(course).substring(0, 40));
    }

    @Test
    void aCourseSavedWithWindowsLineEndingsGivesTheSamePrompt(@TempDir Path dir) throws Exception {
        Path unix = Files.createDirectories(dir.resolve("unix"));
        Path windows = Files.createDirectories(dir.resolve("windows"));
        for (Lesson lesson : loader.loadBundled().lessons().subList(0, 3)) {
            writeLesson(unix, lesson.fileName(), lesson.body() + "\n");
            writeLesson(windows, lesson.fileName(), lesson.body().replace("\n", "\r\n") + "\r\n");
        }
        assertThat(CoursePrompt.build(loader.load(windows), null, counter).text())
                .isEqualTo(CoursePrompt.build(loader.load(unix), null, counter).text());
    }

    @Test
    void aTitleWithDoubleQuotesDoesNotBreakTheMarker(@TempDir Path dir) {
        writeLesson(dir, "01.md", "---\ntitle: 'The \"async\" keyword'\n---\nText.\n");
        assertThat(CoursePrompt.build(loader.load(dir), null, counter).text())
                .contains("<lesson number=\"1\" title=\"The 'async' keyword\">");
    }
}
