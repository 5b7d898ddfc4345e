package dev.tutorgate.course;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the lessons an answer cites, for the "context retrieval success" metric of model answers.
 *
 * <p>Two kinds of citation count:
 * <ul>
 *   <li>markers as the tutor prompt asks for them, {@code [Lesson: <title>]}, tolerant of case,
 *       punctuation and spacing, of "Lessons" and "Урок", of a lesson number ({@code [Lesson 4]},
 *       {@code [Lesson 4: HTTP and REST]}) and of several titles in one marker separated by ";";</li>
 *   <li>a plain mention of a lesson's exact title in the text (case and punctuation aside), for
 *       titles of at least two words — a one-word title such as "Testing" is too common a word to
 *       count as a citation on its own.</li>
 * </ul>
 * Thread-safe and immutable.
 */
public final class CitationDetector {
    private static final Pattern MARKER = Pattern.compile(
            "\\[\\s*(?:lessons?|уроки?|урок[аеу]?)\\s*(?:№\\s*)?(\\d+)?\\s*[:.\\-–—]?\\s*([^\\]\\n]*)\\]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final List<Lesson> lessons;
    private final Map<String, Lesson> byNormalisedTitle;
    /** " title " of each lesson whose title has two words or more, normalised once: a plain mention. */
    private final List<Mention> mentions;

    private record Mention(String needle, Lesson lesson) {
    }

    public CitationDetector(Course course) {
        this.lessons = course.lessons();
        this.byNormalisedTitle = lessons.stream()
                .collect(Collectors.toUnmodifiableMap(l -> normalise(l.title()), Function.identity(), (a, b) -> a));
        this.mentions = lessons.stream()
                .map(l -> new Mention(" " + normalise(l.title()) + " ", l))
                .filter(m -> m.needle().strip().indexOf(' ') > 0)
                .toList();
    }

    /** The lessons {@code answer} cites, in the order it first cites them; empty when none. */
    public List<Lesson> citedLessons(String answer) {
        if (answer == null || answer.isBlank()) {
            return List.of();
        }
        Set<Lesson> cited = new LinkedHashSet<>();
        if (answer.indexOf('[') >= 0) {
            Matcher marker = MARKER.matcher(answer);
            while (marker.find()) {
                cited.addAll(resolveMarker(marker.group(1), marker.group(2)));
            }
        }
        String text = " " + normalise(answer) + " ";
        for (Mention mention : mentions) {
            if (text.contains(mention.needle())) {
                cited.add(mention.lesson());
            }
        }
        return List.copyOf(cited);
    }

    /** Titles of {@link #citedLessons}. */
    public List<String> citedTitles(String answer) {
        return citedLessons(answer).stream().map(Lesson::title).toList();
    }

    /** Whether the answer cites any lesson: the retrieval-success flag of a model answer. */
    public boolean citesAny(String answer) {
        return !citedLessons(answer).isEmpty();
    }

    /** A marker's titles (one, or several separated by ";"), else its lesson number. */
    private List<Lesson> resolveMarker(String number, String titles) {
        Lesson whole = byNormalisedTitle.get(normalise(titles));
        if (whole != null) {
            return List.of(whole);
        }
        List<Lesson> found = new ArrayList<>();
        for (String part : titles.split("[;|]")) {
            Lesson lesson = byNormalisedTitle.get(normalise(part));
            if (lesson != null) {
                found.add(lesson);
            }
        }
        if (found.isEmpty() && number != null) {
            int n = Integer.parseInt(number);
            if (n >= 1 && n <= lessons.size()) {
                found.add(lessons.get(n - 1));
            }
        }
        return found;
    }

    /**
     * Lower case, letters and digits only, single spaces, "&" read as "and":
     * "FastAPI: Path & Query" → "fastapi path and query". One pass over the text (it runs on every
     * model answer; a regex replaceAll here was a tenth of the server's CPU per request).
     */
    static String normalise(String text) {
        String spelled = text.indexOf('&') < 0 ? text : text.replace("&", " and ");
        byte[] utf8 = spelled.getBytes(StandardCharsets.UTF_8); // one vectorised pass on ASCII text
        if (utf8.length == spelled.length()) {
            return normaliseAscii(utf8); // most answers: ASCII, already NFKC, lowered byte by byte
        }
        String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length() + 8);
        boolean gap = false;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '&') {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append("and");
                gap = true;
            } else if (isWordChar(cp)) {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                gap = false;
                out.appendCodePoint(cp == 'ё' ? 'е' : cp);
            } else {
                gap = true;
            }
        }
        return out.toString();
    }

    /**
     * {@link #normalise} of ASCII bytes ("&" already spelled out), without a branch per character:
     * every byte becomes its folded self or a space, and a space is kept only after something else.
     */
    private static String normaliseAscii(byte[] in) {
        byte[] out = new byte[in.length];
        int n = 0;
        byte previous = ' ';
        for (byte b : in) {
            byte folded = ASCII_FOLD[b];
            out[n] = folded;
            n += (folded != ' ' ? 1 : 0) | (previous != ' ' ? 1 : 0);
            previous = folded;
        }
        if (n > 0 && out[n - 1] == ' ') {
            n--;
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** For each ASCII character: itself lower-cased if it is a letter or a digit, else a space. */
    private static final byte[] ASCII_FOLD = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_FOLD[c] = isWordChar(c) ? (byte) Character.toLowerCase(c) : (byte) ' ';
        }
    }

    /** What {@code [\p{L}\p{N}]} matches: letters and numbers of every kind. */
    private static boolean isWordChar(int cp) {
        if (cp < 128) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }
}
