package dev.tutorgate.course;

import static dev.tutorgate.course.CourseFixtures.writeLesson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseLoaderTest {
    private final CourseLoader loader = new CourseLoader(JTokkitTokenCounter.o200k());

    @TempDir
    Path dir;

    @Test
    void frontMatterGivesTitleAndOrder() {
        writeLesson(dir, "zeta.md", "---\ntitle: HTTP in depth\norder: 1\ntags: [web]\n---\n# Another heading\n\nBody text.\n");
        writeLesson(dir, "alpha.md", "---\ntitle: \"Later: advanced topics\"\norder: 2\n---\nMore text.\n");

        Course course = loader.load(dir);

        assertThat(course.lessons()).extracting(Lesson::title).containsExactly("HTTP in depth", "Later: advanced topics");
        assertThat(course.lessons()).extracting(Lesson::number).containsExactly(1, 2);
        assertThat(course.lessons().getFirst().body()).startsWith("# Another heading").doesNotContain("tags:");
    }

    @Test
    void withoutFrontMatterTheTitleIsTheFirstHeadingElseTheFileName() {
        writeLesson(dir, "01-intro.md", "Some words first.\n\n```python\n# not a heading, a comment\n```\n\n# Welcome to the course #\n\nText.\n");
        writeLesson(dir, "02-first_steps-here.md", "Just text, no heading at all.\n");

        Course course = loader.load(dir);

        assertThat(course.lessons()).extracting(Lesson::title).containsExactly("Welcome to the course", "First steps here");
    }

    @Test
    void ordersByFrontMatterThenNumericPrefixThenNameForTheRest() {
        writeLesson(dir, "10-ten.md", "# Ten\n\nx\n");
        writeLesson(dir, "2-two.md", "# Two\n\nx\n");
        writeLesson(dir, "b-unordered.md", "# B unordered\n\nx\n");
        writeLesson(dir, "a-unordered.md", "# A unordered\n\nx\n");
        writeLesson(dir, "99-explicit.md", "---\norder: 5\n---\n# Five by front matter\n\nx\n");

        Course course = loader.load(dir);

        assertThat(course.lessons()).extracting(Lesson::title)
                .containsExactly("Two", "Five by front matter", "Ten", "A unordered", "B unordered");
    }

    @Test
    void ignoresOtherFilesHiddenFilesAndSubFolders() throws IOException {
        writeLesson(dir, "01-lesson.md", "# Real lesson\n\ntext\n");
        writeLesson(dir, "notes.txt", "# not a lesson\n");
        writeLesson(dir, ".draft.md", "# hidden draft\n");
        Files.createDirectories(dir.resolve("images.md"));
        writeLesson(dir.resolve("sub"), "02-nested.md", "# nested\n");

        assertThat(loader.load(dir).lessons()).extracting(Lesson::title).containsExactly("Real lesson");
    }

    @Test
    void windowsLineEndingsAndByteOrderMarkReadTheSameAsUnix() throws IOException {
        Path unix = Files.createDirectories(dir.resolve("unix"));
        Path windows = Files.createDirectories(dir.resolve("windows"));
        String text = "---\ntitle: Same\n---\n# Same\n\nLine one\nLine two\n";
        writeLesson(unix, "01.md", text);
        writeLesson(windows, "01.md", "\uFEFF" + text.replace("\n", "\r\n"));

        Lesson a = loader.load(unix).lessons().getFirst();
        Lesson b = loader.load(windows).lessons().getFirst();

        assertThat(b.body()).isEqualTo(a.body()).doesNotContain("\r");
        assertThat(b.tokens()).isEqualTo(a.tokens());
    }

    @Test
    void countsTokensOfEachLessonBody() {
        writeLesson(dir, "01.md", "---\ntitle: Counted\n---\n# Counted\n\nFastAPI turns type hints into validation.\n");

        Lesson lesson = loader.load(dir).lessons().getFirst();

        assertThat(lesson.tokens()).isEqualTo(JTokkitTokenCounter.o200k().count(lesson.body())).isPositive();
    }

    @Test
    void aMissingFolderIsNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> loader.load(missing))
                .isInstanceOf(CourseException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("not found");
    }

    @Test
    void aFileInsteadOfAFolderIsRefused() {
        Path file = writeLesson(dir, "course.md", "# a file\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(CourseException.class).hasMessageContaining("is a file");
    }

    @Test
    void aFolderWithoutLessonsIsRefused() {
        writeLesson(dir, "readme.txt", "no markdown here");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(CourseException.class).hasMessageContaining("has no lessons");
    }

    @Test
    void aLessonThatIsNotUtf8IsNamed() throws IOException {
        writeLesson(dir, "01-good.md", "# Good\n\ntext\n");
        Files.write(dir.resolve("02-latin1.md"), new byte[] {'#', ' ', 'C', 'a', 'f', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(CourseException.class)
                .hasMessageContaining("02-latin1.md").hasMessageContaining("not UTF-8");
    }

    @Test
    void aLessonThatCannotBeReadIsNamed() throws IOException {
        writeLesson(dir, "01-good.md", "# Good\n\ntext\n");
        Files.createSymbolicLink(dir.resolve("02-broken-link.md"), dir.resolve("does-not-exist.md"));

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(CourseException.class)
                .hasMessageContaining("02-broken-link.md");
    }

    @Test
    void anEmptyLessonIsRefused() {
        writeLesson(dir, "01.md", "---\ntitle: Nothing here\n---\n\n   \n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(CourseException.class).hasMessageContaining("is empty");
    }

    @Test
    void unterminatedFrontMatterIsRefused() {
        writeLesson(dir, "01-open.md", "---\ntitle: Never closed\n\n# Heading\n\ntext\n");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(CourseException.class)
                .hasMessageContaining("01-open.md").hasMessageContaining("no closing '---'");
    }

    @Test
    void frontMatterThatIsNotYamlIsRefusedWithItsLine() {
        writeLesson(dir, "01-bad.md", "---\ntitle: ok\norder: [1, 2\n---\ntext\n");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(CourseException.class)
                .hasMessageContaining("01-bad.md").hasMessageContaining("not valid YAML").hasMessageContaining("line");
    }

    @Test
    void frontMatterThatIsAListIsRefused() {
        writeLesson(dir, "01-list.md", "---\n- title\n- order\n---\ntext\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(CourseException.class).hasMessageContaining("not a list");
    }

    @Test
    void anOrderThatIsNotAWholeNumberIsRefused() {
        writeLesson(dir, "01-order.md", "---\norder: first\n---\ntext\n");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(CourseException.class).hasMessageContaining("'order' must be a whole number").hasMessageContaining("first");
    }

    @Test
    void anEmptyTitleIsRefused() {
        writeLesson(dir, "01-title.md", "---\ntitle: \"  \"\n---\ntext\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(CourseException.class).hasMessageContaining("'title' must be non-empty");
    }

    @Test
    void twoLessonsWithTheSameTitleAreRefusedBecauseCitationsNameLessonsByTitle() {
        writeLesson(dir, "01-a.md", "# Testing basics\n\ntext\n");
        writeLesson(dir, "02-b.md", "---\ntitle: \"Testing: basics\"\n---\ntext\n");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(CourseException.class).hasMessageContaining("01-a.md").hasMessageContaining("02-b.md");
    }

    @Test
    void emptyFrontMatterIsAllowed() {
        writeLesson(dir, "03-empty-front.md", "---\n---\n# From the heading\n\ntext\n");
        assertThat(loader.load(dir).lessons().getFirst().title()).isEqualTo("From the heading");
    }

    @Test
    void theBundledSampleCourseHasAtLeastFifteenLessonsAndThirtyThousandTokens() {
        Course course = loader.loadBundled();

        System.out.printf("bundled course: %d lessons, %,d tokens%n", course.lessons().size(), course.totalTokens());
        assertThat(course.lessons()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(course.totalTokens()).isGreaterThanOrEqualTo(30_000);
        assertThat(course.totalTokens()).isEqualTo(course.lessons().stream()
                .mapToInt(l -> JTokkitTokenCounter.o200k().count(l.body())).sum());
        assertThat(course.source()).isEqualTo(CourseLoader.BUNDLED_SOURCE);
    }

    @Test
    void theBundledCourseCoversTheBriefsTopics() {
        String titles = String.join(" | ", loader.loadBundled().lessons().stream().map(Lesson::title).toList()).toLowerCase();
        assertThat(titles).contains("python basics", "virtual environments", "http and rest", "fastapi", "pydantic",
                "sql", "async", "pytest", "docker", "llm", "prompt caching");
    }

    @Test
    void nullPathInTheSettingsMeansTheBundledCourse() {
        assertThat(loader.load(CourseFixtures.defaultCourseSettings()).source()).isEqualTo(CourseLoader.BUNDLED_SOURCE);
    }
}
