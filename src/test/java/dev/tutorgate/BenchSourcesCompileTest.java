package dev.tutorgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark programs under {@code bench/} run as single-file sources, outside the Maven build:
 * this compiles them against the code, so that removing or renaming what they use fails here
 * instead of in the next benchmark run.
 */
class BenchSourcesCompileTest {
    @Test
    void everyBenchmarkSourceCompiles(@TempDir Path out) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("bench"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertThat(sources).isNotEmpty();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")));
        StringWriter errors = new StringWriter();
        for (String source : sources) {
            List<String> one = new ArrayList<>(args);
            one.add(source);
            int status = javac.run(null, null, null, one.toArray(String[]::new));
            if (status != 0) {
                errors.append(source).append(" does not compile\n");
            }
        }
        assertThat(errors.toString()).isEmpty();
    }
}
