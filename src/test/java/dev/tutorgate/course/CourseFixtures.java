package dev.tutorgate.course;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Courses for tests: lessons written into a temporary folder, and a generated course of the brief's size. */
public final class CourseFixtures {
    private CourseFixtures() {
    }

    /** The offline settings of the embedded defaults. */
    public static TutorgateConfig.OfflineAnswers defaultOfflineSettings() {
        return defaultCourseSettings().offline();
    }

    public static TutorgateConfig.Course defaultCourseSettings() {
        return ConfigLoader.fromYaml(null, "defaults", Map.of()).config().course();
    }

    /** Writes one lesson file (UTF-8) into {@code folder} and returns its path. */
    public static Path writeLesson(Path folder, String fileName, String text) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Generates a course of at least {@code tokens} tokens into {@code folder} (as
     * {@code tutorgate course generate} does) and returns the folder.
     */
    public static Path generatedCourse(Path folder, int tokens) {
        CourseLoader loader = new CourseLoader(JTokkitTokenCounter.o200k());
        new CourseGenerator(JTokkitTokenCounter.o200k()).generate(loader.loadBundled(), tokens, folder);
        return folder;
    }
}
