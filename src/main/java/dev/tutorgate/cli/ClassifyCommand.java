package dev.tutorgate.cli;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.routing.Classification;
import dev.tutorgate.routing.ComplexityClassifier;
import dev.tutorgate.routing.Evaluation;
import dev.tutorgate.routing.LabelledQuestions;
import dev.tutorgate.routing.RuleBasedClassifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tutorgate classify}: one question per line on stdin, {@code label<TAB>question} per line on
 * stdout. Both are UTF-8 whatever the platform's charset, so Russian questions survive any terminal.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Label questions from stdin simple, medium or complex.",
                "Reads one question per line (UTF-8); prints the label, a tab and the question. Empty lines are skipped."})
public final class ClassifyCommand implements Callable<Integer> {
    @Option(names = "--explain", description = "Add a tab and the reasons for each label.")
    boolean explain;

    @Option(names = "--escaped", description = "Read \\n, \\t and \\\\ in a line as a line break, a tab and a backslash (pasted code on one line).")
    boolean escaped;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (routing.classifier settings).")
    Path config;

    @Option(names = "--evaluate", paramLabel = "FILE",
            description = {"Instead of stdin, score a labelled file (label<TAB>question per line, # comments):",
                    "prints accuracy, the confusion matrix and every miss; exit code 1 below 85%% accuracy",
                    "or above 3%% of complex questions labelled simple."})
    Path evaluate;

    @Override
    public Integer call() throws IOException {
        ComplexityClassifier classifier = RuleBasedClassifier.fromConfig(ConfigLoader.load(config).config());
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try {
            return evaluate == null ? classifyStdin(classifier, out) : evaluate(classifier, out);
        } finally {
            out.flush();
        }
    }

    private int classifyStdin(ComplexityClassifier classifier, PrintWriter out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean first = true;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            if (line.isBlank()) {
                continue;
            }
            Classification c = classifier.classify(escaped ? LabelledQuestions.unescape(line) : line);
            out.print(c.complexity().label());
            out.print('\t');
            out.print(line);
            if (explain) {
                out.print('\t');
                out.print(String.join("; ", c.reasons()));
            }
            out.print('\n');
            out.flush();  // one answer per question as it arrives, for interactive use and pipes
        }
        return ExitCodes.OK;
    }

    private int evaluate(ComplexityClassifier classifier, PrintWriter out) {
        Evaluation evaluation;
        try {
            evaluation = Evaluation.of(classifier, LabelledQuestions.parse(readUtf8(evaluate)));
        } catch (IllegalArgumentException e) {
            throw new UserError(evaluate + ": " + e.getMessage());
        }
        if (evaluation.total() == 0) {
            throw new UserError(evaluate + ": no labelled questions (expected label<TAB>question per line)");
        }
        out.print(evaluation.report());
        for (Evaluation.Miss miss : evaluation.misses()) {
            out.printf("miss: %s -> %s\t%s\t%s%n", miss.expected().label(), miss.actual().complexity().label(),
                    miss.question().replace("\n", "\\n"), String.join("; ", miss.actual().reasons()));
        }
        boolean ok = evaluation.meetsFloors();
        out.println(ok ? "floors met" : "below the floors (accuracy >= 85%, complex -> simple <= 3%)");
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String readUtf8(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": not found");
        } catch (MalformedInputException e) {
            throw new UserError(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
