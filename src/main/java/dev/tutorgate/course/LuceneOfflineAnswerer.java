package dev.tutorgate.course;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TextSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The offline answerer: BM25 over the course's passages, English and Russian questions alike. It
 * quotes the best passages (up to {@code maxPassages}), names their lessons as sources, and says
 * plainly that this is an excerpt, not a generated answer. A passage is quoted when it scores at least {@code minScore},
 * contains at least {@code minCoverage} of the question (see {@link CourseIndex#coverage}) and
 * scores at least half as much as the best quoted one. Built once per course; thread-safe.
 */
public final class LuceneOfflineAnswerer implements OfflineAnswerer {
    /** Passages of about this many characters: a few paragraphs, or one code example with its prose. */
    static final int PASSAGE_CHARS = 900;
    private static final int MIN_SECTION_CHARS = 200;
    /** A later passage is quoted only if it scores at least this share of the best: no padding with noise. */
    private static final double RUNNER_UP_SHARE = 0.5;
    private static final int CANDIDATES_PER_PASSAGE = 3;
    /** Streamed pieces of about this size, cut at white space, like a model's deltas. */
    static final int CHUNK_CHARS = 80;

    private final CourseIndex index;
    private final BilingualQuery queries;
    private final TutorgateConfig.OfflineAnswers settings;

    private LuceneOfflineAnswerer(CourseIndex index, BilingualQuery queries, TutorgateConfig.OfflineAnswers settings) {
        this.index = index;
        this.queries = queries;
        this.settings = settings;
    }

    public static LuceneOfflineAnswerer build(Course course, TutorgateConfig.OfflineAnswers settings) {
        Objects.requireNonNull(settings, "settings");
        CourseAnalyzers analyzers = CourseAnalyzers.create();
        List<Passage> passages = new PassageSplitter(PASSAGE_CHARS, MIN_SECTION_CHARS).split(course.lessons());
        CourseIndex index = CourseIndex.build(passages, analyzers);
        RussianEnglishTerms dictionary = RussianEnglishTerms.bundled(analyzers);
        return new LuceneOfflineAnswerer(index, new BilingualQuery(analyzers, dictionary), settings);
    }

    /**
     * A passage chosen for an answer.
     *
     * @param score    its BM25 score
     * @param coverage the share of the question's words it contains, weighted by rarity (0–1)
     */
    public record ScoredPassage(Passage passage, double score, double coverage) {
    }

    /** The passages an answer to {@code question} would quote, best first; empty when none scores enough. */
    public List<ScoredPassage> search(String question) {
        if (question == null || question.isBlank()) {
            return List.of();
        }
        BilingualQuery.Question parsed = queries.parse(question);
        // Look a little deeper than we quote: a high-scoring passage may still miss half the question.
        List<CourseIndex.Hit> hits = index.search(parsed, settings.maxPassages() * CANDIDATES_PER_PASSAGE);
        double[] coverage = index.coverage(hits, parsed.concepts());
        List<ScoredPassage> chosen = new ArrayList<>();
        for (int i = 0; i < hits.size() && chosen.size() < settings.maxPassages(); i++) {
            CourseIndex.Hit hit = hits.get(i);
            double best = chosen.isEmpty() ? hit.score() : chosen.getFirst().score();
            if (hit.score() >= settings.minScore() && hit.score() >= best * RUNNER_UP_SHARE
                    && coverage[i] >= settings.minCoverage()) {
                chosen.add(new ScoredPassage(hit.passage(), hit.score(), coverage[i]));
            }
        }
        return chosen;
    }

    /**
     * Streams the answer to {@code sink} in chunks of about {@value #CHUNK_CHARS} characters and
     * stops as soon as the sink returns false. Returns the whole answer either way.
     */
    @Override
    public OfflineAnswer answer(String question, TextSink sink) {
        AnswerLanguage language = AnswerLanguage.of(question == null ? "" : question);
        List<ScoredPassage> passages = search(question);
        List<String> sources = passages.stream().map(p -> p.passage().lesson().title()).distinct().toList();
        String text = passages.isEmpty() ? OfflineTexts.notCovered(language) : compose(language, passages, sources);
        stream(text, sink);
        return new OfflineAnswer(text, sources, !passages.isEmpty());
    }

    private static String compose(AnswerLanguage language, List<ScoredPassage> passages, List<String> sources) {
        StringBuilder out = new StringBuilder(4096);
        out.append(OfflineTexts.disclaimer(language)).append("\n\n");
        for (ScoredPassage scored : passages) {
            out.append(OfflineTexts.passageHeader(language, scored.passage())).append("\n\n")
                    .append(scored.passage().text()).append("\n\n");
        }
        out.append(OfflineTexts.sourcesLine(language, sources)).append('\n');
        return out.toString();
    }

    /** Sends {@code text} in pieces cut after white space; never splits a surrogate pair. */
    static void stream(String text, TextSink sink) {
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + CHUNK_CHARS);
            if (end < text.length()) {
                int cut = lastWhitespace(text, start, end);
                if (cut > start) {
                    end = cut;
                } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
            }
            if (!sink.accept(text.substring(start, end))) {
                return;
            }
            start = end;
        }
    }

    /** The position just after the last space or newline in [from, to), or -1. */
    private static int lastWhitespace(String text, int from, int to) {
        for (int i = to - 1; i > from; i--) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Passages in the index (for stats and the course benchmark). */
    public int passageCount() {
        return index.size();
    }
}
