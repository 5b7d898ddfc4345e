package dev.tutorgate.course;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small Russian → English dictionary of the course's vocabulary (resource
 * {@code ru-en-terms.tsv}: "виртуальное TAB virtual"), so a question in Russian finds passages of
 * an English course. Keys are stored as Russian stems, so every inflected form of a word matches
 * ("окружение", "окружения", "окружении"); values as English index terms. Immutable.
 */
final class RussianEnglishTerms {
    static final String RESOURCE = "ru-en-terms.tsv";

    private final Map<String, List<String>> englishTermsByStem;

    private RussianEnglishTerms(Map<String, List<String>> englishTermsByStem) {
        this.englishTermsByStem = Map.copyOf(englishTermsByStem);
    }

    /** English index terms for a Russian stem; empty when the word is not in the dictionary. */
    List<String> translate(String russianStem) {
        return englishTermsByStem.getOrDefault(russianStem, List.of());
    }

    int size() {
        return englishTermsByStem.size();
    }

    static RussianEnglishTerms bundled(CourseAnalyzers analyzers) {
        try (InputStream in = RussianEnglishTerms.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), analyzers);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
        }
    }

    /**
     * @throws IllegalArgumentException on a line that is not "russian word TAB english words", or
     *                                  whose Russian side is not exactly one non-stop word
     */
    static RussianEnglishTerms read(BufferedReader lines, CourseAnalyzers analyzers) throws IOException {
        Map<String, Set<String>> merged = new HashMap<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\t+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": expected 'russian<TAB>english', got '" + line + "'");
            }
            List<String> stems = Analysis.terms(analyzers.russian(), parts[0]);
            if (stems.size() != 1) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": '" + parts[0]
                        + "' must be one Russian word that is not a stop word (it analyses to " + stems + ")");
            }
            merged.computeIfAbsent(stems.getFirst(), k -> new LinkedHashSet<>()).addAll(Analysis.terms(analyzers.english(), parts[1]));
        }
        Map<String, List<String>> frozen = new HashMap<>();
        merged.forEach((stem, terms) -> frozen.put(stem, List.copyOf(terms)));
        return new RussianEnglishTerms(frozen);
    }
}
