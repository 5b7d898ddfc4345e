package dev.tutorgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.testing.StdStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code students add/list} and {@code serve}'s refusal of a bad configuration, in-process. */
class StudentsCommandTest {
    @RegisterExtension
    final StdStreams io = new StdStreams();

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        io.clear();
        int exit = Main.run(args);
        return new Run(exit, io.out(), io.err());
    }

    private static Path config() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"),
                "students-" + UUID.randomUUID()).toAbsolutePath());
        Path config = dir.resolve("tutorgate.yaml");
        Files.writeString(config, "storage: { ledger: \"jdbc:sqlite:" + dir.resolve("t.db") + "\" }\n");
        return config;
    }

    @Test
    void addPrintsTheTokenOnceAndListNeverDoes() throws Exception {
        Path config = config();
        Run added = run("students", "add", "Grace Hopper", "--config", config.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        Matcher token = Pattern.compile("Token \\(shown once\\): (tgs_\\S+)").matcher(added.out());
        assertThat(token.find()).as(added.out()).isTrue();

        Run listed = run("students", "list", "--config", config.toString());
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("Grace Hopper").contains("1 student").doesNotContain(token.group(1))
                .doesNotContain("tgs_");
    }

    @Test
    void aBadNameIsAUsageError() throws Exception {
        Run blank = run("students", "add", "   ", "--config", config().toString());
        assertThat(blank.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(blank.err()).contains("student name").doesNotContain("Exception");
    }

    @Test
    void serveRefusesABadConfigurationWithTheProblemsListed() throws Exception {
        Path bad = Files.writeString(config().resolveSibling("bad.yaml"), """
                server: { port: 70000 }
                budget: { dailyUsd: -1 }
                routing: { simple: no-such-model }
                """);
        Run refused = run("serve", "--config", bad.toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(refused.err()).contains("server.port").contains("budget.dailyUsd").contains("routing.simple")
                .doesNotContain("Exception").doesNotContain("\tat ");
        Path notAFolder = Files.writeString(bad.resolveSibling("plain-file"), "x");
        Run badCourse = run("serve", "--port", "0", "--config", Files.writeString(bad.resolveSibling("course.yaml"),
                "course: { path: \"" + notAFolder + "\" }\nstorage: { ledger: \"jdbc:sqlite:" + bad.resolveSibling("c.db") + "\" }\n").toString());
        assertThat(badCourse.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(badCourse.err()).contains("course.path").doesNotContain("\tat ");
        Run badLedger = run("serve", "--port", "0", "--config", Files.writeString(bad.resolveSibling("ledger.yaml"),
                "storage: { ledger: \"jdbc:sqlite:" + notAFolder.resolve("sub/t.db") + "\" }\n").toString());
        assertThat(badLedger.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(badLedger.err()).contains("storage.ledger").doesNotContain("\tat ");
        Run badPort = run("serve", "--port", "-5");
        assertThat(badPort.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(badPort.err()).contains("server.port");
    }
}
