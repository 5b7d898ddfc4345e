package dev.tutorgate.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.TutorgateConfig;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextFitTest {
    private static CourseContext bundled;
    private static final TutorgateConfig.Course SETTINGS = CourseFixtures.defaultCourseSettings();

    @BeforeAll
    static void load() {
        bundled = CourseContext.load(SETTINGS);
    }

    private static TutorgateConfig.Model model(String name, Long window, Integer maxOutput) {
        return new TutorgateConfig.Model(name, "p", null, null, window, maxOutput);
    }

    @Test
    void aCataloguedLargeModelHoldsTheCourseWithRoomForHistory() {
        ContextFit fit = bundled.fit(model("gemini-2.5-flash", null, null));

        long window = 1_048_576;
        assertThat(fit.contextWindow()).hasValue(window);
        assertThat(fit.fits()).isTrue();
        assertThat(fit.outputTokens()).isEqualTo(SETTINGS.maxOutputTokens());
        assertThat(fit.neededTokens()).isEqualTo(bundled.prompt().tokens() + SETTINGS.historyReserveTokens() + SETTINGS.maxOutputTokens());
        assertThat(fit.historyRoom()).isEqualTo(window - bundled.prompt().tokens() - SETTINGS.maxOutputTokens());
        assertThat(fit.describe()).startsWith("gemini-2.5-flash: 1,048,576 tokens — holds the course (")
                .contains(String.format("%,d left for history", fit.historyRoom()));
    }

    @Test
    void aWindowSmallerThanTheCoursePlusReserveIsTooSmall() {
        int needed = bundled.prompt().tokens() + SETTINGS.historyReserveTokens() + SETTINGS.maxOutputTokens();
        ContextFit fit = bundled.fit(model("tiny", (long) needed - 1, null));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.describe()).isEqualTo(String.format("tiny: %,d tokens — too small for this course (needs %,d)", needed - 1, needed));
        assertThat(bundled.fit(model("exact", (long) needed, null)).fits()).isTrue();
    }

    @Test
    void theBriefsCourseDoesNotFitTheSmallerModels(@TempDir Path dir) {
        Course course = new CourseLoader(JTokkitTokenCounter.o200k()).load(CourseFixtures.generatedCourse(dir, 350_000));
        CoursePrompt big = CoursePrompt.build(course, null, JTokkitTokenCounter.o200k());

        assertThat(ContextFit.of(model("gpt-4o-mini", null, null), big, SETTINGS).describe())
                .startsWith("gpt-4o-mini: 128,000 tokens — too small for this course (needs ");
        assertThat(ContextFit.of(model("claude-sonnet-4-5", null, null), big, SETTINGS).fits()).isFalse();
        assertThat(ContextFit.of(model("gpt-4.1-mini", null, null), big, SETTINGS).fits()).isTrue();
        assertThat(big.tokens()).isGreaterThan(350_000).isEqualTo(JTokkitTokenCounter.o200k().count(big.text()));
    }

    @Test
    void theModelsOwnOutputCapWinsWhenSmaller() {
        ContextFit fit = bundled.fit(model("small-output", 500_000L, 256));
        assertThat(fit.outputTokens()).isEqualTo(256);
    }

    @Test
    void anUnknownWindowIsSaidNotGuessed() {
        ContextFit fit = bundled.fit(model("mystery-model", null, null));
        assertThat(fit.contextWindow()).isEmpty();
        assertThat(fit.fits()).isFalse();
        assertThat(fit.historyRoom()).isZero();
        assertThat(fit.describe()).contains("context window unknown").contains("models[].contextWindow");
    }

    @Test
    void fitsListsEveryModelInOrder() {
        assertThat(bundled.fits(List.of(model("a", 10L, null), model("b", 2_000_000L, null))))
                .extracting(ContextFit::model, ContextFit::fits)
                .containsExactly(Tuple.tuple("a", false), Tuple.tuple("b", true));
    }
}
