package dev.tutorgate.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named set of words and phrases, compiled once into one pattern and matched at word boundaries
 * in {@linkplain #normalise normalised} text. Immutable and thread-safe.
 */
final class KeywordGroup {
    /** Letters, digits and underscore make up a word, in any script. */
    private static final String WORD_START = "(?<![\\p{L}\\p{N}_])";
    private static final String WORD_END = "(?![\\p{L}\\p{N}_])";
    /** Enough phrases to explain a decision; more only make the log line longer. */
    private static final int MAX_REPORTED = 3;

    private final String name;
    private final Pattern pattern;

    private KeywordGroup(String name, Pattern pattern) {
        this.name = name;
        this.pattern = pattern;
    }

    /**
     * @param name       how the reasons call these words ("debug words")
     * @param builtIn    regular expressions over lower-case text (stems spelt out with {@code \p{L}*})
     * @param extraWords plain words from configuration; a trailing {@code *} matches any ending
     */
    static KeywordGroup of(String name, List<String> builtIn, List<String> extraWords) {
        List<String> alternatives = new ArrayList<>(builtIn);
        for (String word : extraWords) {
            if (word != null && !word.replace("*", "").isBlank()) {
                alternatives.add(plainWord(normalise(word.strip())));
            }
        }
        if (alternatives.isEmpty()) {
            return new KeywordGroup(name, null);
        }
        return new KeywordGroup(name, Pattern.compile(WORD_START + "(?:" + String.join("|", alternatives) + ")" + WORD_END));
    }

    /** Lower case, ё as е, typographic apostrophes as plain ones: how both sides are compared. */
    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('’', '\'').replace('ʼ', '\'');
    }

    /** "не работ*" → "не\s+работ\p{L}*": literal words, any spacing, * as any ending. */
    private static String plainWord(String word) {
        StringBuilder regex = new StringBuilder();
        for (String part : word.split("\\s+")) {
            if (!regex.isEmpty()) {
                regex.append("\\s+");
            }
            boolean anyEnding = part.endsWith("*");
            String stem = anyEnding ? part.substring(0, part.length() - 1) : part;
            regex.append(Pattern.quote(stem));
            if (anyEnding) {
                regex.append("\\p{L}*");
            }
        }
        return regex.toString();
    }

    String name() {
        return name;
    }

    /** The distinct phrases of this group found in {@code normalised}, in order, at most three. */
    List<String> find(String normalised) {
        if (pattern == null) {
            return List.of();
        }
        Matcher matcher = pattern.matcher(normalised);
        if (!matcher.find()) {
            return List.of();
        }
        List<String> found = new ArrayList<>(MAX_REPORTED);
        do {
            String phrase = matcher.group().replaceAll("\\s+", " ");
            if (!found.contains(phrase)) {
                found.add(phrase);
            }
        } while (found.size() < MAX_REPORTED && matcher.find());
        return found;
    }

    /** "debug words: fix, traceback" */
    String describe(List<String> found) {
        return name + ": " + String.join(", ", found);
    }
}
