package dev.tutorgate.routing;

import dev.tutorgate.core.Complexity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a classifier did on a labelled set: accuracy, the confusion matrix and the costly error
 * (a complex question labelled simple, answered by the cheapest model).
 */
public final class Evaluation {
    /** The floors agreed for the evaluation set (issue 7). */
    public static final double ACCURACY_FLOOR = 0.85;
    public static final double COMPLEX_AS_SIMPLE_CEILING = 0.03;
    private static final Complexity[] LEVELS = Complexity.values();

    /** A question the classifier got wrong, with its reasons. */
    public record Miss(Complexity expected, Classification actual, String question) {
    }

    private final long[][] matrix = new long[LEVELS.length][LEVELS.length];
    private final List<Miss> misses = new ArrayList<>();
    private long total;

    public static Evaluation of(ComplexityClassifier classifier, List<LabelledQuestions.Labelled> questions) {
        Evaluation evaluation = new Evaluation();
        for (LabelledQuestions.Labelled q : questions) {
            Classification actual = classifier.classify(q.question());
            evaluation.matrix[q.label().ordinal()][actual.complexity().ordinal()]++;
            evaluation.total++;
            if (actual.complexity() != q.label()) {
                evaluation.misses.add(new Miss(q.label(), actual, q.question()));
            }
        }
        return evaluation;
    }

    public long total() {
        return total;
    }

    /** Questions labelled {@code expected} that the classifier called {@code actual}. */
    public long count(Complexity expected, Complexity actual) {
        return matrix[expected.ordinal()][actual.ordinal()];
    }

    public long labelled(Complexity expected) {
        long sum = 0;
        for (long n : matrix[expected.ordinal()]) {
            sum += n;
        }
        return sum;
    }

    public long correct() {
        long sum = 0;
        for (Complexity level : LEVELS) {
            sum += count(level, level);
        }
        return sum;
    }

    public double accuracy() {
        return total == 0 ? 0 : (double) correct() / total;
    }

    /** Complex questions called simple, as a share of all complex questions (0 when there are none). */
    public double complexAsSimpleOfComplex() {
        long complex = labelled(Complexity.COMPLEX);
        return complex == 0 ? 0 : (double) count(Complexity.COMPLEX, Complexity.SIMPLE) / complex;
    }

    /** Complex questions called simple, as a share of all questions. */
    public double complexAsSimpleOfAll() {
        return total == 0 ? 0 : (double) count(Complexity.COMPLEX, Complexity.SIMPLE) / total;
    }

    /** Accuracy at least 85% and at most 3% of complex questions labelled simple. */
    public boolean meetsFloors() {
        return accuracy() >= ACCURACY_FLOOR && complexAsSimpleOfComplex() <= COMPLEX_AS_SIMPLE_CEILING;
    }

    public List<Miss> misses() {
        return List.copyOf(misses);
    }

    /** The figures as a small text report (also what `tutorgate classify --evaluate` prints). */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "questions: %d (simple %d, medium %d, complex %d)%n", total,
                labelled(Complexity.SIMPLE), labelled(Complexity.MEDIUM), labelled(Complexity.COMPLEX)));
        out.append(String.format(Locale.ROOT, "accuracy: %d/%d = %.1f%%%n", correct(), total, 100 * accuracy()));
        out.append(String.format(Locale.ROOT, "complex labelled simple: %d = %.1f%% of complex, %.1f%% of all%n",
                count(Complexity.COMPLEX, Complexity.SIMPLE), 100 * complexAsSimpleOfComplex(), 100 * complexAsSimpleOfAll()));
        out.append("confusion matrix (rows: label, columns: classifier):\n");
        out.append(String.format(Locale.ROOT, "%-10s%8s%8s%8s%n", "", "simple", "medium", "complex"));
        for (Complexity expected : LEVELS) {
            out.append(String.format(Locale.ROOT, "%-10s", expected.label()));
            for (Complexity actual : LEVELS) {
                out.append(String.format(Locale.ROOT, "%8d", count(expected, actual)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
