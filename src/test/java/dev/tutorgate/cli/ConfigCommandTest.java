package dev.tutorgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.testing.StdStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tutorgate config show|check} through {@link Main#run}: secrets never printed, problems as exit code 3. */
class ConfigCommandTest {
    @RegisterExtension
    final StdStreams io = new StdStreams();

    @TempDir
    Path dir;

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("tutorgate.yaml"), yaml);
    }

    @Test
    void showPrintsTheEffectiveConfigurationWithSecretsRedacted() throws Exception {
        Path file = config("""
                admin: { token: "tga_admin-secret-value" }
                providers:
                  - { name: gemini-main, type: gemini, apiKeys: ["AIza-very-secret-key"] }
                models:
                  - { name: gemini-2.5-flash, provider: gemini-main }
                routing: { simple: gemini-2.5-flash, medium: gemini-2.5-flash, complex: gemini-2.5-flash, fallbacks: [offline] }
                """);

        assertThat(Main.run("config", "show", "--config", file.toString())).isEqualTo(ExitCodes.OK);

        assertThat(io.out()).startsWith("# source: " + file).contains("gemini-main").contains("***")
                .doesNotContain("AIza-very-secret-key").doesNotContain("tga_admin-secret-value");
    }

    @Test
    void checkSaysOkWithTheWarnings() throws Exception {
        Path file = config("providers:\n  - { name: gemini-main, type: gemini }\n");

        assertThat(Main.run("config", "check", "--config", file.toString())).isEqualTo(ExitCodes.OK);

        assertThat(io.outLines()).containsExactly(
                "warning: providers[0] (gemini-main): no API key is set, so its models cannot be used (set apiKeys, e.g. \"${GEMINI_API_KEY}\")",
                "course OK: bundled sample course (Python web development for beginners) — 19 lessons, "
                        + java.text.NumberFormat.getIntegerInstance(java.util.Locale.US).format(bundledCourseTokens()) + " tokens",
                "configuration OK (" + file + ")");
    }

    @Test
    void checkLoadsTheCourseAsServeWouldAndNamesAMissingFolder() throws Exception {
        Path file = config("course: { path: " + dir.resolve("no-such-course") + " }\n");

        assertThat(Main.run("config", "check", "--config", file.toString())).isEqualTo(ExitCodes.CONFIG);

        assertThat(io.out()).isEmpty();
        assertThat(io.err()).contains("course.path").contains("no-such-course").doesNotContain("Exception");
    }

    private static int bundledCourseTokens() {
        return new dev.tutorgate.course.CourseLoader(dev.tutorgate.course.JTokkitTokenCounter.o200k()).loadBundled().totalTokens();
    }

    @Test
    void anUnusableConfigurationIsExitCodeThreeWithItsProblemAndNothingOnStdout() throws Exception {
        Path file = config("server: { port: 70000 }\n");

        assertThat(Main.run("config", "check", "--config", file.toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(Main.run("config", "show", "--config", file.toString())).isEqualTo(ExitCodes.CONFIG);

        assertThat(io.out()).isEmpty();
        assertThat(io.err()).contains("server.port").doesNotContain("Exception");
    }

    @Test
    void withoutAVerbItPrintsItsUsage() {
        assertThat(Main.run("config")).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("show").contains("check");
    }
}
