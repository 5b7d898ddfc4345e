package dev.tutorgate.course;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;

/**
 * The two analyzers the course is indexed and searched with, and the intent words of questions. English uses Snowball's longer stop
 * list instead of Lucene's default 33 words: questions are full of "what", "how", "do", "my",
 * "should", which would otherwise match every heading that starts with "What is…".
 */
record CourseAnalyzers(Analyzer english, Analyzer russian, Set<String> intentTerms) {
    /** Words of a question that say nothing about its topic, beyond Snowball's list. */
    private static final List<String> QUESTION_WORDS = List.of(
            "explain", "tell", "please", "show", "mean", "means", "meaning",
            "want", "need", "know", "hi", "hello", "thanks", "thank");

    /**
     * Words that say what the student wants to do rather than what about ("how do I <b>prevent</b>
     * SQL injection", "how to <b>fix</b> my engine"). They still rank passages, but a passage is not
     * judged off-topic for lacking them.
     */
    private static final List<String> INTENT_WORDS = List.of(
            "prevent", "avoid", "fix", "solve", "make", "create", "write", "use", "using", "get", "learn",
            "understand", "find", "build", "implement", "improve", "work", "happen", "better", "best",
            "good", "way", "right", "correct", "correctly", "properly", "possible");

    static CourseAnalyzers create() {
        Analyzer english = new EnglishCodeAnalyzer(englishStopWords());
        Set<String> intent = Set.copyOf(Analysis.terms(english, String.join(" ", INTENT_WORDS)));
        return new CourseAnalyzers(english, new RussianWordsAnalyzer(), intent);
    }

    private static CharArraySet englishStopWords() {
        try (InputStream in = SnowballFilter.class.getResourceAsStream("english_stop.txt")) {
            if (in == null) {
                throw new IllegalStateException("Lucene's English stop word list is missing from the class path");
            }
            CharArraySet words = WordlistLoader.getSnowballWordSet(in, StandardCharsets.UTF_8);
            CharArraySet all = new CharArraySet(words.size() + QUESTION_WORDS.size(), true);
            all.addAll(words);
            all.addAll(QUESTION_WORDS);
            return CharArraySet.unmodifiableSet(all);
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene's English stop word list is unreadable", e);
        }
    }
}
