package dev.tutorgate.provider.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writes deterministic, tutor-like answers of an exact length in tokens. One token is one piece:
 * a word with its leading space. The same question always gets the same answer; when the prompt
 * names lessons, the answer cites the one whose title shares most words with the question.
 * The sentence bank is split into pieces once, so an answer costs one array copy.
 */
final class AnswerComposer {
    private static final String[] OPENINGS = {
            "Good question!",
            "Let's work through this step by step.",
            "Great, this is a common point of confusion.",
            "Here is the short version first, then the details.",
            "Happy to help with that.",
    };
    private static final String[] BODY = {
            "Start from the smallest example that works, then change one thing at a time and watch what happens.",
            "The key idea is that each piece has one clear job, which makes the whole program easier to reason about.",
            "If you run it and see an error, read the last line of the traceback first: it usually names the real problem.",
            "A good habit is to write a tiny test that shows the behaviour you expect before you change the code.",
            "Notice how the same pattern appears again when we handle requests and responses.",
            "In practice, you keep configuration outside the code, so that the same program runs in every environment.",
            "Try explaining the steps out loud; if one step feels vague, that is the part to review again.",
            "Remember that names matter: a clear function name often removes the need for a comment.",
            "When something feels slow, measure before you optimise, because the bottleneck is rarely where we guess.",
            "Compare your result with the example in the lesson and look for the first line where they differ.",
            "It is fine to be unsure here; most learners need to see this idea in two or three examples before it clicks.",
            "As an exercise, change the input slightly and predict the output before you run the code.",
    };

    private final String[][] openings = Arrays.stream(OPENINGS).map(AnswerComposer::pieces).toArray(String[][]::new);
    /** Every body sentence in order, as one cycle of pieces. */
    private final String[] body;
    /** Where each body sentence starts in {@link #body}. */
    private final int[] sentenceStarts = new int[BODY.length];

    AnswerComposer() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < BODY.length; i++) {
            sentenceStarts[i] = all.size();
            all.addAll(Arrays.asList(pieces(BODY[i])));
        }
        body = all.toArray(String[]::new);
    }

    /**
     * A composed answer: one token per piece, the whole text, and that text as a JSON string
     * literal. Shared by every call that asks the same, so never changed once made.
     */
    record Answer(String[] pieces, String text, String json) {
        static Answer of(String[] pieces) {
            String text = String.join("", pieces);
            return new Answer(pieces, text, Json.quote(text));
        }
    }

    private record Asked(String question, List<String> lessonTitles, int tokens) {
    }

    private static final int MAX_ANSWERS = 4_096;
    /**
     * Answers already composed: load runs ask the same few questions again and again, and the
     * emulator's CPU is taken from the gateway it is measuring on the same machine.
     */
    private final Map<Asked, Answer> answers = new ConcurrentHashMap<>();

    /** {@link #compose}, made once per distinct question, titles and length. */
    Answer answer(String question, List<String> lessonTitles, int tokens) {
        return remembered(answers, MAX_ANSWERS, new Asked(question, lessonTitles, tokens),
                asked -> Answer.of(compose(asked.question(), asked.lessonTitles(), asked.tokens())));
    }

    /**
     * {@code compute}'s value for {@code key}, computed once while remembered; a memo that reached
     * {@code max} entries (many questions, many courses) starts over rather than grow.
     */
    private static <K, V> V remembered(Map<K, V> memo, int max, K key, Function<K, V> compute) {
        V value = memo.get(key);
        if (value == null) {
            if (memo.size() >= max) {
                memo.clear();
            }
            value = compute.apply(key);
            memo.put(key, value);
        }
        return value;
    }

    /**
     * An answer of exactly {@code tokens} pieces to {@code question}, citing one of
     * {@code lessonTitles} (when there are any) right after the opening sentence.
     */
    String[] compose(String question, List<String> lessonTitles, int tokens) {
        int hash = question.hashCode();
        String[] opening = openings[Math.floorMod(hash, openings.length)];
        String lesson = pickLesson(question, lessonTitles, hash);
        String[] citation = lesson == null ? new String[0] : pieces("This is covered in the lesson \"" + lesson + "\".");

        String[] answer = new String[tokens];
        int n = copy(opening, answer, 0);
        n = copy(citation, answer, n);
        int start = sentenceStarts[Math.floorMod(hash >>> 7, sentenceStarts.length)];
        for (int i = 0; n < tokens; i++, n++) {
            answer[n] = body[(start + i) % body.length];
        }
        answer[0] = answer[0].stripLeading();
        return answer;
    }

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Words of the lesson titles seen: every call of a course asks about the same titles. */
    private static final Map<String, Set<String>> TITLE_WORDS = new ConcurrentHashMap<>();
    private static final int MAX_TITLES = 4_096;

    /** The title sharing most words with the question; without any overlap, one picked by the hash. */
    static String pickLesson(String question, List<String> titles, int hash) {
        if (titles.isEmpty()) {
            return null;
        }
        Set<String> asked = words(question);
        String best = null;
        int bestScore = 0;
        for (String title : titles) {
            int score = 0;
            for (String w : titleWords(title)) {
                if (asked.contains(w)) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = title;
                bestScore = score;
            }
        }
        return best != null ? best : titles.get(Math.floorMod(hash, titles.size()));
    }

    private static Set<String> titleWords(String title) {
        return remembered(TITLE_WORDS, MAX_TITLES, title, AnswerComposer::words);
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (w.length() >= 3) {
                words.add(w);
            }
        }
        return words;
    }

    /** Splits a sentence into pieces, each word with its leading space. */
    private static String[] pieces(String sentence) {
        return Arrays.stream(sentence.split(" ")).map(w -> " " + w).toArray(String[]::new);
    }

    private static int copy(String[] from, String[] to, int at) {
        int n = Math.min(from.length, to.length - at);
        System.arraycopy(from, 0, to, at, n);
        return at + n;
    }
}
