package dev.tutorgate.course;

import static dev.tutorgate.course.CourseFixtures.writeLesson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigException;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TextSink;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course section of the configuration, as the course package reads it. */
class CourseSettingsTest {
    private static TutorgateConfig.Course course(String yaml) {
        return ConfigLoader.fromYaml(yaml, "test.yaml", Map.of()).config().course();
    }

    @Test
    void defaultsUseTheBundledCourseAndTheMeasuredOfflineThresholds() {
        TutorgateConfig.Course defaults = course(null);
        assertThat(defaults.path()).isNull();
        assertThat(defaults.systemPrompt()).isNull();
        assertThat(defaults.historyReserveTokens()).isPositive();
        assertThat(defaults.offline().maxPassages()).isEqualTo(3);
        assertThat(defaults.offline().minCoverage()).isBetween(0.0, 1.0);
    }

    @Test
    void aUserFileMayChangeOneOfflineSettingAndKeepTheOthers() {
        TutorgateConfig.Course c = course("course: { offline: { maxPassages: 2 } }");
        assertThat(c.offline().maxPassages()).isEqualTo(2);
        assertThat(c.offline().minCoverage()).isEqualTo(course(null).offline().minCoverage());
    }

    @Test
    void outOfRangeOfflineSettingsAreNamed() {
        assertThatThrownBy(() -> course("course: { offline: { minCoverage: 1.5, maxPassages: 0, minScore: -1 } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("course.offline.minCoverage")
                .hasMessageContaining("course.offline.maxPassages")
                .hasMessageContaining("course.offline.minScore");
        assertThatThrownBy(() -> course("course: { historyReserveTokens: -5 }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("course.historyReserveTokens");
        assertThatThrownBy(() -> course("course: { offline: { minScore: lots } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("course.offline.minScore");
    }

    @Test
    void courseContextLoadsTheConfiguredFolderWithTheConfiguredPrompt(@TempDir Path dir) {
        writeLesson(dir, "01-widgets.md", "# Widgets\n\n## What is a widget?\n\nA widget is a reusable component of the page.\n");
        TutorgateConfig.Course settings = course("course: { path: '" + dir + "', systemPrompt: 'Answer like a pirate.' }");

        CourseContext context = CourseContext.load(settings);

        assertThat(context.course().source()).isEqualTo(dir.toString());
        assertThat(context.prompt().text()).startsWith("Answer like a pirate.\n\n<course lessons=\"1\">");
        assertThat(context.offline().answer("What is a widget?", TextSink.DISCARD).sources()).containsExactly("Widgets");
        assertThat(context.citations().citedTitles("[Lesson: widgets]")).containsExactly("Widgets");
    }

    @Test
    void courseContextOfAMissingFolderFailsWithTheFolderNamed(@TempDir Path dir) {
        Path missing = dir.resolve("absent");
        assertThatThrownBy(() -> CourseContext.load(course("course: { path: '" + missing + "' }")))
                .isInstanceOf(CourseException.class).hasMessageContaining(missing.toString());
    }
}
