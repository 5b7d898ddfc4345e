package dev.tutorgate.course;

import static dev.tutorgate.course.CourseFixtures.writeLesson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CitationDetectorTest {
    private CitationDetector detector;

    @BeforeEach
    void course(@TempDir Path dir) {
        writeLesson(dir, "01.md", "---\ntitle: \"Python basics: variables, types and control flow\"\n---\nx\n");
        writeLesson(dir, "02.md", "---\ntitle: HTTP and REST APIs\n---\nx\n");
        writeLesson(dir, "03.md", "---\ntitle: \"FastAPI routing: path & query parameters\"\n---\nx\n");
        writeLesson(dir, "04.md", "---\ntitle: Testing\n---\nx\n");
        writeLesson(dir, "05.md", "---\ntitle: Async/await and the event loop\n---\nx\n");
        detector = new CitationDetector(new CourseLoader(JTokkitTokenCounter.o200k()).load(dir));
    }

    @Test
    void findsMarkersAsTheTutorIsAskedToWriteThem() {
        String answer = "Use a path parameter. [Lesson: FastAPI routing: path & query parameters]\n"
                + "GET is safe and idempotent [Lesson: HTTP and REST APIs].";
        assertThat(detector.citedTitles(answer))
                .containsExactly("FastAPI routing: path & query parameters", "HTTP and REST APIs");
        assertThat(detector.citesAny(answer)).isTrue();
    }

    @Test
    void toleratesCasePunctuationSpacingAndAmpersands() {
        assertThat(detector.citedTitles("see [lesson:   fastapi ROUTING — path and query parameters ]"))
                .containsExactly("FastAPI routing: path & query parameters");
        assertThat(detector.citedTitles("[LESSONS: http and rest apis.]")).containsExactly("HTTP and REST APIs");
        assertThat(detector.citedTitles("[Lesson: Async await and the event loop]")).containsExactly("Async/await and the event loop");
    }

    @Test
    void acceptsRussianMarkersNumbersAndSeveralTitlesInOneMarker() {
        assertThat(detector.citedTitles("Ответ… [Урок: HTTP and REST APIs]")).containsExactly("HTTP and REST APIs");
        assertThat(detector.citedTitles("[Lesson 5]")).containsExactly("Async/await and the event loop");
        assertThat(detector.citedTitles("[Lesson 2: HTTP and REST APIs]")).containsExactly("HTTP and REST APIs");
        assertThat(detector.citedTitles("[Lessons: Testing; HTTP and REST APIs]")).containsExactly("Testing", "HTTP and REST APIs");
    }

    @Test
    void countsAPlainMentionOfAnExactMultiWordTitle() {
        assertThat(detector.citedTitles("As the lesson “HTTP and REST APIs” explains, PUT replaces a resource."))
                .containsExactly("HTTP and REST APIs");
    }

    @Test
    void aCommonOneWordTitleIsNotACitationByItselfButItsMarkerIs() {
        assertThat(detector.citedTitles("Testing is important, write tests first.")).isEmpty();
        assertThat(detector.citedTitles("Write tests first [Lesson: testing].")).containsExactly("Testing");
    }

    @Test
    void ignoresUnknownTitlesNumbersOutOfRangeAndOtherBrackets() {
        assertThat(detector.citedTitles("[Lesson: Kubernetes operators] [Lesson 42] [Note: HTTP] [1]")).isEmpty();
        assertThat(detector.citesAny("A plain answer without any source.")).isFalse();
    }

    @Test
    void aPartialTitleIsNotATitle() {
        assertThat(detector.citedTitles("The HTTP and REST design is simple.")).isEmpty();
    }

    @Test
    void eachLessonOnceInTheOrderFirstCited() {
        String answer = "[Lesson: Testing] then [Lesson: HTTP and REST APIs] then [Lesson: testing] again";
        assertThat(detector.citedTitles(answer)).containsExactly("Testing", "HTTP and REST APIs");
    }

    @Test
    void nullAndBlankAnswersCiteNothing() {
        assertThat(detector.citedLessons(null)).isEmpty();
        assertThat(detector.citedLessons("  ")).isEmpty();
    }
}
