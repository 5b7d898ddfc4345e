package dev.tutorgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code students add/list}, in-process, against a real SQLite file. */
class StudentsCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
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
}
