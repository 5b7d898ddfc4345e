package dev.tutorgate.stress;

import dev.tutorgate.core.Complexity;
import dev.tutorgate.routing.LabelledQuestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which question the i-th request asks. The built-in set is a class's worth of questions about a
 * Python web-development course, English and Russian, sent in the mix real classes show (60%
 * simple, 30% medium, 10% complex), so the server routes and bills the run as it would a real day.
 * A file of one's own is sent in its order, round and round.
 */
public final class QuestionMix {
    /** Ten requests in a row: six simple, three medium, one complex — spread, not in blocks. */
    private static final Complexity[] PATTERN = {
            Complexity.SIMPLE, Complexity.MEDIUM, Complexity.SIMPLE, Complexity.SIMPLE, Complexity.MEDIUM,
            Complexity.SIMPLE, Complexity.COMPLEX, Complexity.SIMPLE, Complexity.MEDIUM, Complexity.SIMPLE};
    private static final String BUILT_IN = "questions.tsv";

    private final List<Question> inOrder;
    private final Map<Complexity, List<Question>> byLabel;
    private final String source;

    private QuestionMix(List<Question> inOrder, Map<Complexity, List<Question>> byLabel, String source) {
        this.inOrder = List.copyOf(inOrder);
        this.byLabel = byLabel;
        this.source = source;
    }

    /** The built-in questions in the 60/30/10 mix. */
    public static QuestionMix builtIn() {
        try (InputStream in = QuestionMix.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in questions are missing from the jar: " + BUILT_IN);
            }
            List<Question> questions = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
            Map<Complexity, List<Question>> byLabel = new EnumMap<>(Complexity.class);
            for (Question q : questions) {
                byLabel.computeIfAbsent(q.label(), label -> new ArrayList<>()).add(q);
            }
            for (Complexity c : Complexity.values()) {
                if (!byLabel.containsKey(c)) {
                    throw new IllegalStateException("the built-in questions have none labelled " + c.label());
                }
            }
            return new QuestionMix(questions, byLabel, "built-in (60% simple, 30% medium, 10% complex)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One question per line (UTF-8); blank lines and lines starting with {@code #} are skipped. A line
     * {@code simple|medium|complex<TAB>question} (the classifier's evaluation format) keeps its label,
     * and {@code \n} in a line is a line break, so pasted code fits on one line.
     *
     * @throws IllegalArgumentException with a message for people: no such file, not UTF-8, no questions
     */
    public static QuestionMix fromFile(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such questions file: " + file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the questions file is not UTF-8 text: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the questions file " + file + ": " + e.getMessage());
        }
        List<Question> questions = parse(text, file.toString());
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("the questions file has no questions: " + file);
        }
        return new QuestionMix(questions, null, file.toString());
    }

    /** The question of request {@code index} (0-based). */
    public Question question(int index) {
        if (byLabel == null) {
            return inOrder.get(index % inOrder.size());
        }
        Complexity label = PATTERN[index % PATTERN.length];
        List<Question> group = byLabel.get(label);
        int turn = occurrencesBefore(label, index);
        return group.get(turn % group.size());
    }

    /** Where the questions come from, for the report. */
    public String source() {
        return source;
    }

    public int size() {
        return inOrder.size();
    }

    /** How many earlier requests asked a question of {@code label}: that group's turn. */
    private static int occurrencesBefore(Complexity label, int index) {
        int perRound = 0;
        int inPartialRound = 0;
        int partial = index % PATTERN.length;
        for (int i = 0; i < PATTERN.length; i++) {
            if (PATTERN[i] == label) {
                perRound++;
                if (i < partial) {
                    inPartialRound++;
                }
            }
        }
        return (index / PATTERN.length) * perRound + inPartialRound;
    }

    private static List<Question> parse(String text, String source) {
        List<Question> questions = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                questions.add(question(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source, e);
        }
        return questions;
    }

    private static Question question(String line) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
            Complexity label = labelOrNull(line.substring(0, tab));
            if (label != null && !line.substring(tab + 1).isBlank()) {
                return new Question(LabelledQuestions.unescape(line.substring(tab + 1).strip()), label);
            }
        }
        return new Question(LabelledQuestions.unescape(line.strip()), null);
    }

    private static Complexity labelOrNull(String word) {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "simple" -> Complexity.SIMPLE;
            case "medium" -> Complexity.MEDIUM;
            case "complex" -> Complexity.COMPLEX;
            default -> null;
        };
    }
}
