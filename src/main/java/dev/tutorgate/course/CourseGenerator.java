package dev.tutorgate.course;

import dev.tutorgate.core.TokenCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a course of a given size (the brief's is 350K tokens) for benchmarks and tests: the base
 * course's lessons first, then "practice" lessons that revisit each base lesson in turn, its
 * sections reshuffled and its everyday nouns varied (student → learner, lesson → unit…), until
 * the total reaches the target. Search behaves as on a real long course: every topic recurs, the
 * original lesson stays the best match for its own wording. Deterministic: the same base course
 * and target give the same files, byte for byte.
 */
public final class CourseGenerator {
    private static final long SEED = 350_000L;
    private static final Pattern SECTION = Pattern.compile("^## (.+)$");
    private static final List<List<String>> VARIANTS = List.of(
            List.of("student", "learner", "participant", "trainee"),
            List.of("lesson", "unit", "module", "chapter"),
            List.of("course", "programme", "class", "bootcamp"),
            List.of("example", "illustration", "sample", "case"));
    private static final List<Pattern> VARIED_WORDS = VARIANTS.stream()
            .map(words -> Pattern.compile("\\b" + words.getFirst() + "(s?)\\b", Pattern.CASE_INSENSITIVE))
            .toList();

    private final TokenCounter tokens;

    public CourseGenerator(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /** What was written. */
    public record Result(Path folder, int lessons, long tokens) {
    }

    /**
     * @throws CourseException when {@code folder} already holds lessons or cannot be written
     */
    public Result generate(Course base, long targetTokens, Path folder) {
        requireNoLessons(folder);
        Random random = new Random(SEED);
        int written = 0;
        long total = 0;
        int digits = 3;
        for (Lesson lesson : base.lessons()) {
            written++;
            total += write(folder, written, digits, lesson.title(), lesson.body());
        }
        int practice = 0;
        while (total < targetTokens) {
            Lesson source = base.lessons().get(practice % base.lessons().size());
            practice++;
            written++;
            String title = "Practice " + practice + ": " + source.title();
            total += write(folder, written, digits, title, practiceBody(title, source, practice, random));
        }
        return new Result(folder, written, total);
    }

    private long write(Path folder, int number, int digits, String title, String body) {
        String fileName = String.format(Locale.ROOT, "%0" + digits + "d-%s.md", number, slug(title));
        String text = "---\ntitle: \"" + title.replace("\"", "'") + "\"\norder: " + number + "\n---\n\n" + body.strip() + "\n";
        try {
            Files.writeString(folder.resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CourseException("cannot write " + folder.resolve(fileName) + " (" + e.getMessage() + ")", e);
        }
        return tokens.count(body.strip());
    }

    private static String practiceBody(String title, Lesson source, int variant, Random random) {
        List<String> sections = new ArrayList<>(sections(source.body()));
        Collections.shuffle(sections, random);
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n")
                .append("This practice unit revisits \u201c").append(source.title())
                .append("\u201d with the same ideas in a different order (variant ").append(variant)
                .append("). Work through each part, run the code, and compare with the original lesson.\n\n");
        int part = 1;
        for (String section : sections) {
            out.append(vary(section.replaceFirst("^## ", "## Part " + part++ + ": "), variant)).append("\n\n");
        }
        return out.toString();
    }

    /** The "## " sections of a lesson (text before the first one is skipped: it introduces the original). */
    private static List<String> sections(String body) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = null;
        boolean inCode = false;
        for (String line : body.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                inCode = !inCode;
            }
            if (!inCode && SECTION.matcher(line).matches()) {
                if (current != null) {
                    sections.add(current.toString().strip());
                }
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.add(current.toString().strip());
        }
        return sections.isEmpty() ? List.of("## Review\n\n" + body) : sections;
    }

    /** Swaps everyday nouns for the variant's synonyms, outside code blocks, keeping case. */
    private static String vary(String section, int variant) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        for (String line : section.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                inCode = !inCode;
            }
            out.append(inCode || line.contains("`") ? line : varyLine(line, variant)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String varyLine(String line, int variant) {
        String result = line;
        for (int i = 0; i < VARIANTS.size(); i++) {
            List<String> words = VARIANTS.get(i);
            String replacement = words.get(variant % words.size());
            Matcher m = VARIED_WORDS.get(i).matcher(result);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String found = m.group();
                String word = Character.isUpperCase(found.charAt(0))
                        ? Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1)
                        : replacement;
                m.appendReplacement(sb, Matcher.quoteReplacement(word + m.group(1)));
            }
            m.appendTail(sb);
            result = sb.toString();
        }
        return result;
    }

    static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.length() > 60 ? slug.substring(0, 60).replaceAll("-$", "") : slug;
    }

    private static void requireNoLessons(Path folder) {
        try {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new CourseException(folder + " is a file; give a folder to write the course into");
            }
            Files.createDirectories(folder);
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))) {
                    throw new CourseException(folder + " already contains lessons (.md files); choose an empty folder");
                }
            }
        } catch (IOException e) {
            throw new CourseException("cannot prepare " + folder + " (" + e.getMessage() + ")", e);
        }
    }
}
