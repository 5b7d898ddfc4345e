package dev.tutorgate.course;

import static dev.tutorgate.course.CourseFixtures.writeLesson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.core.TextSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseGeneratorTest {
    private final CourseLoader loader = new CourseLoader(JTokkitTokenCounter.o200k());

    @TempDir
    Path dir;

    @Test
    void writesACourseOfAtLeastTheTargetThatLoadsAndStartsWithTheBaseCourse() {
        Course base = loader.loadBundled();
        int target = base.totalTokens() * 2 + 1;

        CourseGenerator.Result result = new CourseGenerator(JTokkitTokenCounter.o200k()).generate(base, target, dir);
        Course generated = loader.load(dir);

        assertThat(generated.totalTokens()).isGreaterThanOrEqualTo(target).isEqualTo((int) result.tokens());
        assertThat(generated.lessons()).hasSize(result.lessons());
        assertThat(generated.lessons().subList(0, base.lessons().size())).extracting(Lesson::title)
                .containsExactlyElementsOf(base.lessons().stream().map(Lesson::title).toList());
        assertThat(generated.lessons().getLast().title()).startsWith("Practice ");
    }

    @Test
    void isDeterministic() throws IOException {
        Course base = loader.loadBundled();
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        new CourseGenerator(JTokkitTokenCounter.o200k()).generate(base, 100_000, a);
        new CourseGenerator(JTokkitTokenCounter.o200k()).generate(base, 100_000, b);

        List<Path> files = list(a);
        assertThat(list(b).stream().map(Path::getFileName).toList()).isEqualTo(files.stream().map(Path::getFileName).toList());
        for (Path file : files) {
            assertThat(Files.readAllBytes(b.resolve(file.getFileName()))).as(file.getFileName().toString())
                    .isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void searchStillFindsTheTopicInAGeneratedCourse() {
        Course course = loader.load(CourseFixtures.generatedCourse(dir, 120_000));
        LuceneOfflineAnswerer answerer = LuceneOfflineAnswerer.build(course, CourseFixtures.defaultOfflineSettings());

        OfflineAnswer answer = answerer.answer("What is the N+1 query problem?", TextSink.DISCARD);

        assertThat(answer.retrievalHit()).isTrue();
        assertThat(answer.sources()).allSatisfy(title -> assertThat(title).contains("SQLAlchemy with FastAPI"));
    }

    @Test
    void refusesAFolderThatAlreadyHoldsLessons() {
        writeLesson(dir, "01-mine.md", "# Mine\n\ntext\n");
        assertThatThrownBy(() -> new CourseGenerator(JTokkitTokenCounter.o200k()).generate(loader.loadBundled(), 1000, dir))
                .isInstanceOf(CourseException.class).hasMessageContaining("already contains lessons");
    }

    @Test
    void refusesAFileAsTheTarget() {
        Path file = writeLesson(dir, "notes.txt", "x");
        assertThatThrownBy(() -> new CourseGenerator(JTokkitTokenCounter.o200k()).generate(loader.loadBundled(), 1000, file))
                .isInstanceOf(CourseException.class).hasMessageContaining("is a file");
    }

    @Test
    void slugsAreFileNameSafe() {
        assertThat(CourseGenerator.slug("Practice 3: Async/await & the event loop!")).isEqualTo("practice-3-async-await-the-event-loop");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
