package dev.tutorgate.routing;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Complexity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The brief's rule of thumb made thorough: long + code + debugging words → complex; definitions and
 * facts → simple; comparisons and explanations → medium. English and Russian. Every decision comes
 * with its reasons ("code block", "debug words: fix", "length 412 > 200").
 *
 * <p>The rules, first match wins:
 * <ol>
 *   <li>design, architecture or optimisation words → complex (medium for a short definition:
 *       "what is system design?");
 *   <li>a traceback → complex;
 *   <li>code or an error name together with debugging or error words → complex;
 *   <li>longer than {@code complexMinChars} with code, an error name or debugging words → complex;
 *   <li>longer than {@code complexMinChars} with explanation or comparison words, or with
 *       {@code manyQuestions} questions or more → complex (a scenario in several parts);
 *   <li>an error name alone asked about as a definition ("KeyError — что это значит?") → simple;
 *   <li>code, an error name, debugging, explanation or comparison words, longer than {@code mediumMinChars},
 *       or two questions → medium;
 *   <li>otherwise simple.
 * </ol>
 * Immutable and thread-safe; the word tries are built once, in the constructor.
 */
public final class RuleBasedClassifier implements ComplexityClassifier {
    private final int complexMinChars;
    private final int mediumMinChars;
    private final int manyQuestions;
    private final KeywordGroup definition;
    private final KeywordGroup explanation;
    private final KeywordGroup debugging;
    private final KeywordGroup errorWords;
    private final KeywordGroup design;

    public RuleBasedClassifier(TutorgateConfig.Classifier settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.mediumMinChars() < 1 || settings.complexMinChars() < settings.mediumMinChars()
                || settings.manyQuestions() < 2) {
            throw new IllegalArgumentException("need 1 ≤ mediumMinChars ≤ complexMinChars and manyQuestions ≥ 2: " + settings);
        }
        this.complexMinChars = settings.complexMinChars();
        this.mediumMinChars = settings.mediumMinChars();
        this.manyQuestions = settings.manyQuestions();
        this.definition = KeywordGroup.of("definition words", Vocabulary.DEFINITION, orEmpty(settings.extraSimpleWords()));
        this.explanation = KeywordGroup.of("explain/compare words", Vocabulary.EXPLANATION, orEmpty(settings.extraMediumWords()));
        this.debugging = KeywordGroup.of("debug words", Vocabulary.DEBUGGING, orEmpty(settings.extraDebugWords()));
        this.errorWords = KeywordGroup.of("error words", Vocabulary.ERROR_WORDS, List.of());
        this.design = KeywordGroup.of("design words", Vocabulary.DESIGN, orEmpty(settings.extraDesignWords()));
    }

    /** The classifier configured under {@code routing.classifier}. */
    public static RuleBasedClassifier fromConfig(TutorgateConfig config) {
        return new RuleBasedClassifier(config.routing().classifier());
    }

    /** The classifier with the embedded default settings. */
    public static RuleBasedClassifier withDefaults() {
        return new RuleBasedClassifier(TutorgateConfig.Classifier.DEFAULTS);
    }

    @Override
    public Classification classify(String question) {
        String text = question.strip();
        if (text.isEmpty()) {
            return new Classification(Complexity.SIMPLE, List.of("empty question"));
        }
        Signals signals = signals(text);
        return new Classification(decide(signals), reasons(signals));
    }

    Signals signals(String text) {
        CodeEvidence code = CodeDetector.inspect(text);
        boolean codeOrError = code.hasCode() || code.hasError();
        return new Signals(
                code,
                debugging.find(text),
                codeOrError ? errorWords.find(text) : List.of(),
                design.find(text),
                explanation.find(text),
                definition.find(text),
                text.length(),
                questions(text));
    }

    Complexity decide(Signals s) {
        boolean isLong = s.length() > complexMinChars;
        boolean codeOrError = s.code().hasCode() || s.code().hasError();
        boolean debugging = !s.debugging().isEmpty();
        if (!s.design().isEmpty()) {
            boolean shortDefinition = !s.definition().isEmpty() && s.length() <= mediumMinChars && !codeOrError;
            return shortDefinition ? Complexity.MEDIUM : Complexity.COMPLEX;
        }
        if (s.code().traceback()) {
            return Complexity.COMPLEX;
        }
        if (codeOrError && (debugging || !s.errorWords().isEmpty())) {
            return Complexity.COMPLEX;
        }
        if (isLong && (codeOrError || debugging)) {
            return Complexity.COMPLEX;
        }
        if (isLong && (s.questions() >= manyQuestions || !s.explanation().isEmpty())) {
            return Complexity.COMPLEX;
        }
        if (s.code().hasError() && !s.code().hasCode() && s.explanation().isEmpty() && !s.definition().isEmpty()
                && s.length() <= mediumMinChars) {
            return Complexity.SIMPLE;
        }
        if (codeOrError || debugging || !s.explanation().isEmpty() || s.length() > mediumMinChars || s.questions() >= 2) {
            return Complexity.MEDIUM;
        }
        return Complexity.SIMPLE;
    }

    private List<String> reasons(Signals s) {
        List<String> reasons = new ArrayList<>(s.code().reasons());
        addWords(reasons, debugging, s.debugging());
        addWords(reasons, errorWords, s.errorWords());
        addWords(reasons, design, s.design());
        addWords(reasons, explanation, s.explanation());
        addWords(reasons, definition, s.definition());
        if (s.length() > complexMinChars) {
            reasons.add("length " + s.length() + " > " + complexMinChars);
        } else if (s.length() > mediumMinChars) {
            reasons.add("length " + s.length() + " > " + mediumMinChars);
        }
        if (s.questions() >= 2) {
            reasons.add(s.questions() + " questions");
        }
        if (reasons.isEmpty()) {
            reasons.add("short, no code or keywords");
        }
        return reasons;
    }

    private static void addWords(List<String> reasons, KeywordGroup group, List<String> found) {
        if (!found.isEmpty()) {
            reasons.add(group.describe(found));
        }
    }

    /** Question marks that end a sentence (runs like "??" count once; "?" inside a URL does not count). */
    private static int questions(String text) {
        int count = 0;
        for (int i = text.indexOf('?'); i >= 0; i = text.indexOf('?', i + 1)) {
            int next = i + 1;
            if (next == text.length() || Character.isWhitespace(text.charAt(next))) {
                count++;
            }
        }
        return count;
    }

    private static List<String> orEmpty(List<String> words) {
        return words == null ? List.of() : words;
    }
}
