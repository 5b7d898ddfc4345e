package dev.tutorgate.gateway;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the pipeline found at start-up: the course size, which models can answer, which cannot and
 * why. Printed once by {@code serve}, so that a model that can never answer is named at start-up
 * rather than failing on every request.
 *
 * @param course         where the course came from ("bundled sample course", a folder)
 * @param lessons        its lessons
 * @param courseTokens   tokens of the lessons
 * @param prefixTokens   tokens of the prompt prefix: the tutor's instructions and the whole course
 * @param usableModels   models that will answer, "offline" included
 * @param unusableModels one sentence per model left out, e.g. "claude-sonnet-4-5 (200,000 tokens)
 *                       cannot hold the course (352,410 tokens): it will not be used"
 */
public record StartupReport(String course, int lessons, long courseTokens, long prefixTokens,
                            List<String> usableModels, List<String> unusableModels) {
    public StartupReport {
        usableModels = List.copyOf(usableModels);
        unusableModels = List.copyOf(unusableModels);
    }

    /** Lines for people, in the order to print them. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
        lines.add("Course: " + course + " — " + lessons + " lessons, " + n.format(courseTokens) + " tokens ("
                + n.format(prefixTokens) + " with the tutor's instructions)");
        lines.add("Models that answer: " + String.join(", ", usableModels));
        unusableModels.forEach(reason -> lines.add("Warning: " + reason));
        return lines;
    }
}
