package dev.tutorgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.course.Course;
import dev.tutorgate.course.CourseLoader;
import dev.tutorgate.course.CoursePrompt;
import dev.tutorgate.course.JTokkitTokenCounter;
import dev.tutorgate.course.Lesson;
import dev.tutorgate.testing.StdStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tutorgate course …} run through the real command line, as a user would. */
class CourseCommandTest {
    @RegisterExtension
    final StdStreams io = new StdStreams();

    @TempDir
    Path dir;

    @Test
    void statsOfTheBundledCourseListsEveryLessonTheTotalAndThePrefix() {
        Course bundled = new CourseLoader(JTokkitTokenCounter.o200k()).loadBundled();

        assertThat(Main.run("course", "stats")).isEqualTo(ExitCodes.OK);

        String text = io.out();
        assertThat(text).contains("Course: " + CourseLoader.BUNDLED_SOURCE);
        for (Lesson lesson : bundled.lessons()) {
            assertThat(text).contains(String.format("%,9d  %s  (%s)", lesson.tokens(), lesson.title(), lesson.fileName()));
        }
        assertThat(text).contains(String.format("Total: %d lessons, %,d tokens", bundled.lessons().size(), bundled.totalTokens()))
                .contains("Prompt prefix (tutor instructions + whole course): ")
                .contains("no models configured").contains("offline: course search");
    }

    @Test
    void statsSaysWhichConfiguredModelsCanHoldTheCourseByServesRule() throws Exception {
        Course bundled = new CourseLoader(JTokkitTokenCounter.o200k()).loadBundled();
        long prefix = CoursePrompt.build(bundled, null, JTokkitTokenCounter.o200k()).tokens();
        // serve's start-up rule: output cap 1,024 + (prefix + 4,000 history reserve) × 1.10, rounded up
        long needed = 1_024 + (long) Math.ceil((prefix + 4_000) * 1.10);
        Path config = Files.writeString(dir.resolve("tutorgate.yaml"), """
                providers:
                  - { name: g, type: gemini, apiKeys: ["k"] }
                  - { name: o, type: openai, apiKeys: ["k"] }
                models:
                  - { name: gemini-2.5-flash, provider: g }
                  - { name: just-enough, provider: o, contextWindow: %d, maxOutputTokens: 4096, price: { input: 1, output: 1 } }
                  - { name: one-short, provider: o, contextWindow: %d, maxOutputTokens: 4096, price: { input: 1, output: 1 } }
                routing: { simple: gemini-2.5-flash, medium: just-enough, complex: gemini-2.5-flash, fallbacks: [offline] }
                """.formatted(needed, needed - 1));

        assertThat(Main.run("course", "stats", "--config", config.toString())).isEqualTo(ExitCodes.OK);

        assertThat(io.out()).contains("gemini-2.5-flash: 1,048,576 tokens — holds the course")
                .contains(String.format("just-enough: %,d tokens — holds the course (%,d)", needed, prefix))
                .contains(String.format("one-short: %,d tokens — too small for this course (needs %,d)", needed - 1, needed));
    }

    @Test
    void statsOfAFolderThatDoesNotExistIsAOneLineError() {
        Path missing = dir.resolve("missing");

        assertThat(Main.run("course", "stats", missing.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(io.err()).isEqualTo("error: course folder " + missing + ": not found" + System.lineSeparator());
    }

    @Test
    void statsOfAFolderWithBadFrontMatterNamesTheLesson() throws Exception {
        Files.writeString(dir.resolve("01-broken.md"), "---\norder: soon\n---\ntext\n");

        assertThat(Main.run("course", "stats", dir.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(io.err()).startsWith("error: lesson 01-broken.md").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void generateWritesACourseOfTheAskedSizeThatStatsCanRead() {
        Path target = dir.resolve("big");

        assertThat(Main.run("course", "generate", "--tokens", "60000", "--out", target.toString())).isEqualTo(ExitCodes.OK);
        Course generated = new CourseLoader(JTokkitTokenCounter.o200k()).load(target);

        assertThat(generated.totalTokens()).isGreaterThanOrEqualTo(60_000);
        assertThat(io.out()).contains(String.format("Wrote %d lessons, %,d tokens, to %s", generated.lessons().size(),
                generated.totalTokens(), target));
    }

    @Test
    void generateRefusesAFolderWithLessonsAndANonPositiveSize() throws Exception {
        Files.writeString(dir.resolve("01-mine.md"), "# Mine\n\ntext\n");

        assertThat(Main.run("course", "generate", "--tokens", "1000", "--out", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("already contains lessons");

        assertThat(Main.run("course", "generate", "--tokens", "0", "--out", dir.resolve("x").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("--tokens must be at least 1");
    }

    @Test
    void askPrintsTheOfflineAnswerAndTheQuotedPassages() {
        assertThat(Main.run("course", "ask", "Как создать виртуальное окружение?")).isEqualTo(ExitCodes.OK);

        assertThat(io.out()).contains("Это выдержка из курса").contains("retrieval hit: yes")
                .containsPattern("score [0-9.]+  coverage [0-9.]+  Virtual environments and packages › ");
    }

    @Test
    void helpExplainsTheVerbs() {
        assertThat(Main.run("course", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("stats").contains("generate").contains("ask").contains("front matter");

        io.clear();
        assertThat(Main.run("course", "stats", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("--config").contains("historyReserveTokens");
    }
}
