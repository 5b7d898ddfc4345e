package dev.tutorgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.testing.StdStreams;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every verb answers {@code --help} with its usage, exit code 0 and nothing on stderr (no picocli warning). */
class HelpTest {
    @RegisterExtension
    final StdStreams io = new StdStreams();

    @ParameterizedTest(name = "tutorgate {0} --help")
    @ValueSource(strings = {"serve", "emulate", "stress", "classify", "report", "students", "students add",
            "students list", "course", "course stats", "course generate", "course ask", "config", "config show",
            "config check"})
    void everyVerbHasHelp(String verb) {
        String[] words = (verb + " --help").split(" ");

        assertThat(Main.run(words)).isEqualTo(ExitCodes.OK);

        assertThat(io.out()).startsWith("Usage: tutorgate " + verb).doesNotContain("%n");
        assertThat(io.err()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theEmulatorsProfilesKeepTheirPercentSigns() {
        assertThat(Main.run("emulate", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("80% of the prompt cached").contains("10% of calls");
    }
}
