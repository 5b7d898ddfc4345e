package dev.tutorgate.routing;

import dev.tutorgate.core.Complexity;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labelled question set: {@code label<TAB>question} per line, {@code #} comments and blank
 * lines ignored; inside a question {@code \n} is a line break, {@code \t} a tab, {@code \\} a
 * backslash (so pasted code fits on one line).
 */
public final class LabelledQuestions {
    /** One question and the complexity a person gave it. */
    public record Labelled(Complexity label, String question) {
    }

    private LabelledQuestions() {
    }

    /** @throws IllegalArgumentException naming the line of the first malformed row */
    public static List<Labelled> parse(String tsv) {
        List<Labelled> rows = new ArrayList<>();
        String[] lines = tsv.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected label<TAB>question");
            }
            Complexity label;
            try {
                label = Complexity.parse(line.substring(0, tab));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": '" + line.substring(0, tab)
                        + "' is not simple, medium or complex");
            }
            String question = unescape(line.substring(tab + 1));
            if (question.isBlank()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": empty question");
            }
            rows.add(new Labelled(label, question));
        }
        return rows;
    }

    /** {@code \n} → line break, {@code \t} → tab, {@code \\} → backslash; any other backslash stays. */
    public static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '\\' -> out.append('\\');
                    default -> out.append(c).append(next);
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
