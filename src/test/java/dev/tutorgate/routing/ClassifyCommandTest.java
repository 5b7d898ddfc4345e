package dev.tutorgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.cli.ExitCodes;
import dev.tutorgate.cli.Main;
import dev.tutorgate.testing.StdStreams;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tutorgate classify} through {@link Main#run}, with stdin and stdout redirected. */
class ClassifyCommandTest {
    @RegisterExtension
    final StdStreams io = new StdStreams();

    @TempDir
    Path dir;

    private int classify(String stdin, String... args) {
        return classifyBytes(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private int classifyBytes(byte[] stdin, String... args) {
        io.input(stdin);
        String[] verb = new String[args.length + 1];
        verb[0] = "classify";
        System.arraycopy(args, 0, verb, 1, args.length);
        return Main.run(verb);
    }

    @Test
    void labelsEveryLineAndSkipsEmptyOnes() {
        int code = classify("Что такое FastAPI?\n\n   \nСравни FastAPI и Django REST Framework\n"
                + "Спроектируй архитектуру для e-commerce с ML\n");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(io.outLines()).containsExactly(
                "simple\tЧто такое FastAPI?",
                "medium\tСравни FastAPI и Django REST Framework",
                "complex\tСпроектируй архитектуру для e-commerce с ML");
    }

    @Test
    void explainAddsTheReasons() {
        classify("what is a venv\nwhy use a venv\n", "--explain");
        assertThat(io.outLines()).containsExactly(
                "simple\twhat is a venv\tdefinition words: what is",
                "medium\twhy use a venv\texplain/compare words: why");
    }

    @Test
    void escapedLinesCarryPastedCodeAndAreEchoedOnOneLine() {
        String line = "my test fails:\\ndef test_x():\\n    assert add(1, 2) == 4";
        classify(line + "\n", "--escaped", "--explain");
        assertThat(io.outLines()).singleElement().satisfies(l -> {
            assertThat(l).startsWith("complex\t" + line + "\t");
            assertThat(l).contains("code lines: 2").contains("debug words: fails");
        });
        io.clear();
        classify(line + "\n");
        assertThat(io.outLines()).singleElement().asString().startsWith("complex\t");
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreHandled() {
        classify("\uFEFFчто такое pip\r\nобъясни pip\r\n");
        assertThat(io.outLines()).containsExactly("simple\tчто такое pip", "medium\tобъясни pip");
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        byte[] broken = {'w', 'h', 'a', 't', ' ', 'i', 's', ' ', (byte) 0xC3, (byte) 0x28, '?', '\n'};
        assertThat(classifyBytes(broken)).isEqualTo(ExitCodes.OK);
        assertThat(io.outLines()).singleElement().asString().startsWith("simple\twhat is ");
    }

    @Test
    void helpDescribesEveryOptionCleanly() {
        assertThat(Main.run("classify", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("--explain", "--escaped", "--config", "--evaluate",
                "below 85% accuracy", "above 3% of complex");
        assertThat(io.err()).isEmpty();
    }

    @Test
    void noInputPrintsNothing() {
        assertThat(classify("")).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).isEmpty();
    }

    @Test
    void theConfiguredClassifierSettingsAreUsed() throws Exception {
        Path config = dir.resolve("tutorgate.yaml");
        Files.writeString(config, "routing:\n  classifier:\n    extraDesignWords: [спланируй*]\n", StandardCharsets.UTF_8);
        classify("спланируйте миграцию\n");
        assertThat(io.outLines()).containsExactly("simple\tспланируйте миграцию");
        io.clear();
        classify("спланируйте миграцию\n", "--config", config.toString());
        assertThat(io.outLines()).containsExactly("complex\tспланируйте миграцию");
    }

    @Test
    void aBadConfigurationIsReportedWithItsKey() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "routing:\n  classifier:\n    manyQuestions: 1\n");
        assertThat(classify("what is pip\n", "--config", config.toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(io.err()).contains("routing.classifier.manyQuestions");
        assertThat(io.out()).isEmpty();
    }

    @Test
    void evaluateScoresALabelledFile() throws Exception {
        Path file = dir.resolve("mine.tsv");
        Files.writeString(file, "# mine\nsimple\tЧто такое FastAPI?\ncomplex\tFind the bug:\\n```\\nx = 1/0\\n```\n"
                + "complex\twhat is pip\n", StandardCharsets.UTF_8);
        int code = classify("", "--evaluate", file.toString());
        String report = io.out();
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(report).contains("accuracy: 2/3 = 66.7%")
                .contains("complex labelled simple: 1 = 50.0% of complex, 33.3% of all")
                .contains("miss: complex -> simple\twhat is pip\t")
                .contains("below the floors");
    }

    @Test
    void evaluateOnTheRepositorySetMeetsTheFloors() throws Exception {
        Path file = dir.resolve("questions.tsv");
        try (InputStream in = getClass().getResourceAsStream("/routing/questions.tsv")) {
            Files.write(file, in.readAllBytes());
        }
        assertThat(classify("", "--evaluate", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("questions: 190").contains("floors met");
    }

    @Test
    void evaluateRefusesMalformedAndMissingFiles() throws Exception {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "simple\tok\nhard\twhat\n");
        assertThat(classify("", "--evaluate", bad.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("line 2").contains("'hard'");

        io.clear();
        assertThat(classify("", "--evaluate", dir.resolve("nope.tsv").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("nope.tsv: not found");

        io.clear();
        Files.writeString(dir.resolve("empty.tsv"), "# nothing\n");
        assertThat(classify("", "--evaluate", dir.resolve("empty.tsv").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("no labelled questions");
    }

    /** A real process whose platform charset is Latin-1: Russian still goes in and out as UTF-8. */
    @Test
    void russianSurvivesANonUtf8PlatformCharset() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dfile.encoding=ISO-8859-1", "-Dstdout.encoding=ISO-8859-1",
                "-Dsun.stdout.encoding=ISO-8859-1", "-cp", System.getProperty("java.class.path"),
                "dev.tutorgate.cli.Main", "classify")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var stdin = process.getOutputStream()) {
            stdin.write("Объясни, что такое «ёлочка» в asyncio\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(new String(stdout, StandardCharsets.UTF_8))
                .isEqualTo("medium\tОбъясни, что такое «ёлочка» в asyncio\n");
    }
}
