package dev.tutorgate.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.TextSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline answerer against the evaluation set (src/test/resources/course/offline-eval.tsv):
 * the share of questions whose answering lesson is among the answer's sources must be at least 90%.
 */
class OfflineEvaluationTest {
    private static final double REQUIRED_SHARE = 0.90;

    private static Course course;
    private static LuceneOfflineAnswerer answerer;

    @BeforeAll
    static void loadBundledCourse() {
        course = new CourseLoader(JTokkitTokenCounter.o200k()).loadBundled();
        answerer = LuceneOfflineAnswerer.build(course, CourseFixtures.defaultOfflineSettings());
    }

    /** @param heldOut written after the search was tuned, never tuned on */
    record Case(String question, Set<String> expectedFiles, boolean heldOut) {
        boolean russian() {
            return BilingualQuery.hasCyrillic(question);
        }
    }

    @Test
    void theRightLessonIsAmongTheSourcesForAtLeastNinetyPercentOfQuestions() throws IOException {
        List<Case> cases = readCases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases.stream().filter(Case::russian).count()).isGreaterThanOrEqualTo(15);
        assertThat(cases.stream().filter(c -> !c.russian()).count()).isGreaterThanOrEqualTo(15);

        List<String> misses = new ArrayList<>();
        int hits = 0;
        int russianHits = 0;
        int heldOutHits = 0;
        for (Case c : cases) {
            OfflineAnswer answer = answerer.answer(c.question(), TextSink.DISCARD);
            Set<String> sourceFiles = answer.sources().stream()
                    .map(title -> course.lessonTitled(title).orElseThrow().fileName())
                    .collect(Collectors.toSet());
            if (sourceFiles.stream().anyMatch(c.expectedFiles()::contains)) {
                hits++;
                russianHits += c.russian() ? 1 : 0;
                heldOutHits += c.heldOut() ? 1 : 0;
            } else {
                misses.add(c.question() + "  → expected " + c.expectedFiles() + ", got " + sourceFiles);
            }
        }
        long russian = cases.stream().filter(Case::russian).count();
        long heldOut = cases.stream().filter(Case::heldOut).count();
        double share = (double) hits / cases.size();
        System.out.printf("offline eval: %d/%d = %.1f%% (English %d/%d, Russian %d/%d; held-out %d/%d)%n", hits, cases.size(),
                share * 100, hits - russianHits, cases.size() - russian, russianHits, russian, heldOutHits, heldOut);
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertThat(share).as("share of questions answered from the right lesson; misses: %s", misses)
                .isGreaterThanOrEqualTo(REQUIRED_SHARE);
    }

    @Test
    void everyExpectedLessonExistsInTheBundledCourse() throws IOException {
        Set<String> files = course.lessons().stream().map(Lesson::fileName).collect(Collectors.toSet());
        for (Case c : readCases()) {
            assertThat(files).as(c.question()).containsAll(c.expectedFiles());
        }
    }

    /** The cases of the file; those after the comment line that says "held-out" are marked so. */
    static List<Case> readCases() throws IOException {
        try (InputStream in = OfflineEvaluationTest.class.getResourceAsStream("/course/offline-eval.tsv")) {
            assertThat(in).as("offline-eval.tsv on the test class path").isNotNull();
            List<Case> cases = new ArrayList<>();
            boolean heldOut = false;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.startsWith("#")) {
                    heldOut |= line.contains("held-out");
                } else if (!line.isBlank()) {
                    String[] parts = line.split("\t");
                    assertThat(parts).as("line '%s' must be question TAB lesson file(s)", line).hasSize(2);
                    cases.add(new Case(parts[0].strip(), Set.copyOf(Arrays.asList(parts[1].strip().split("\\|"))), heldOut));
                }
            }
            return cases;
        }
    }
}
