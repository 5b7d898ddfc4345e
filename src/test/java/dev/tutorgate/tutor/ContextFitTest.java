package dev.tutorgate.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.course.CourseFixtures;
import dev.tutorgate.course.CourseLoader;
import dev.tutorgate.course.CoursePrompt;
import dev.tutorgate.course.JTokkitTokenCounter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule for "can this model hold the course", used by serve's start-up check and course stats. */
class ContextFitTest {
    private static final TutorgateConfig.Course SETTINGS = CourseFixtures.defaultCourseSettings();
    private static final ContextRules RULES = ContextRules.forCourse(SETTINGS);

    private static ModelLimits model(String name, long window, int maxOutput) {
        return new ModelLimits(name, name, window, maxOutput);
    }

    /** What the pipeline documents: output cap + (prefix + history reserve) × 1.10, rounded up. */
    private static long needed(long prefix, int outputCap) {
        return outputCap + (long) Math.ceil((prefix + SETTINGS.historyReserveTokens()) * 1.10);
    }

    @Test
    void theWindowMustHoldTheCourseAndTheReserveWithTheMarginBesideTheOutputCap() {
        long prefix = 41_311;
        long needed = needed(prefix, SETTINGS.maxOutputTokens());

        ContextFit exact = ContextFit.of(model("exact", needed, 64_000), prefix, SETTINGS.maxOutputTokens(), RULES);
        ContextFit short1 = ContextFit.of(model("short", needed - 1, 64_000), prefix, SETTINGS.maxOutputTokens(), RULES);

        assertThat(exact.neededWindow()).isEqualTo(needed);
        assertThat(exact.fits()).isTrue();
        assertThat(short1.fits()).isFalse();
        assertThat(short1.describe()).isEqualTo(String.format("short: %,d tokens — too small for this course (needs %,d)",
                needed - 1, needed));
        assertThat(short1.problem()).isEqualTo(String.format(
                "short (%,d tokens) cannot hold the course (41,311 tokens): it will not be used", needed - 1));
        // without the margin the reserve alone would have fitted: the margin is part of the rule
        assertThat(prefix + SETTINGS.historyReserveTokens() + SETTINGS.maxOutputTokens()).isLessThan(needed - 1);
    }

    @Test
    void aLargeModelHoldsTheCourseAndSaysWhatIsLeftForHistory() {
        ContextFit fit = ContextFit.of(model("gemini-2.5-flash", 1_048_576, 65_536), 41_311, 1_024, RULES);

        assertThat(fit.fits()).isTrue();
        assertThat(fit.outputCap()).isEqualTo(1_024);
        assertThat(fit.historyRoom()).isEqualTo(RULES.promptRoom(1_048_576, 1_024) - 41_311);
        assertThat(fit.describe()).isEqualTo(String.format(
                "gemini-2.5-flash: 1,048,576 tokens — holds the course (41,311) with %,d left for history and 1,024 for the answer",
                fit.historyRoom()));
    }

    @Test
    void theModelsOwnOutputCapWinsWhenSmaller() {
        ContextFit fit = ContextFit.of(model("small-output", 500_000, 256), 41_311, 1_024, RULES);

        assertThat(fit.outputCap()).isEqualTo(256);
        assertThat(fit.neededWindow()).isEqualTo(needed(41_311, 256));
    }

    @Test
    void thePromptAssemblerAsksTheSameRule() {
        PromptPrefix prefix = new PromptPrefix("x", 352_410, "k");
        PromptAssembler assembler = new PromptAssembler(prefix, 1_024, PromptAssemblerTest.TIMEOUTS,
                PromptAssemblerTest.COUNTER, RULES);
        ModelLimits sonnet = model("claude-sonnet-4-5", 200_000, 64_000);

        assertThat(assembler.fit(sonnet)).isEqualTo(ContextFit.of(sonnet, 352_410, 1_024, RULES));
        assertThat(assembler.fit(sonnet).problem())
                .isEqualTo("claude-sonnet-4-5 (200,000 tokens) cannot hold the course (352,410 tokens): it will not be used");
        assertThat(assembler.fit(model("gemini-2.5-flash", 1_048_576, 65_536)).fits()).isTrue();
    }

    @Test
    void theBriefsCourseDoesNotFitTheSmallerModels(@TempDir Path dir) {
        CoursePrompt big = CoursePrompt.build(new CourseLoader(JTokkitTokenCounter.o200k())
                .load(CourseFixtures.generatedCourse(dir, 350_000)), null, JTokkitTokenCounter.o200k());

        assertThat(big.tokens()).isGreaterThan(350_000);
        assertThat(ContextFit.of(model("gpt-4o-mini", 128_000, 16_384), big.tokens(), 1_024, RULES).fits()).isFalse();
        assertThat(ContextFit.of(model("claude-sonnet-4-5", 200_000, 64_000), big.tokens(), 1_024, RULES).fits()).isFalse();
        assertThat(ContextFit.of(model("gpt-4.1-mini", 1_047_576, 32_768), big.tokens(), 1_024, RULES).fits()).isTrue();
    }
}
