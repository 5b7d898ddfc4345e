package dev.tutorgate.course;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a student's question, English or Russian or both mixed, into one BM25 query and the list
 * of its {@link Concept}s:
 * <ul>
 *   <li>Latin words (English, and code identifiers such as {@code Depends} or {@code asyncio})
 *       go through the English analyzer and search the English fields;</li>
 *   <li>Cyrillic words are stemmed by the Russian analyzer; the stems search the Russian field
 *       (lessons written in Russian) and, translated by {@link RussianEnglishTerms}, the English
 *       fields (lessons written in English).</li>
 * </ul>
 * Stop words of both languages disappear on the way, so "what is" or "что такое" weigh nothing as
 * words; as a form they do: a "What is …?" question prefers a section headed "What is …?".
 */
final class BilingualQuery {
    /** Longer questions (pasted code) keep their first words: enough to find the topic, bounded cost. */
    static final int MAX_CONCEPTS = 48;
    /** Well under Lucene's limit of 1024 clauses per query, whatever the dictionary holds. */
    private static final int MAX_CLAUSES = 512;
    private static final float LESSON_TITLE_BOOST = 1.0f;
    private static final float HEADING_BOOST = 2.0f;
    /** Added to a matching section titled "What is …?" when the question asks "What is …?". */
    private static final float DEFINITION_BONUS = 2.0f;
    private static final Pattern DEFINITION_QUESTION = Pattern.compile(
            "^\\W*(what\\s+is|what\\s+are|what's|что\\s+так(ое|ие)|что\\s+это)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private final CourseAnalyzers analyzers;
    private final RussianEnglishTerms dictionary;

    BilingualQuery(CourseAnalyzers analyzers, RussianEnglishTerms dictionary) {
        this.analyzers = analyzers;
        this.dictionary = dictionary;
    }

    /** How a word of the question counts when judging whether a passage covers the question. */
    enum Role {
        /** What the question is about: a passage should mention it. */
        TOPIC,
        /** What the student wants to do ("fix", "prevent", "use"): ranks, but is not required. */
        INTENT,
        /** A Russian word the dictionary does not know: counts only if the course itself uses it. */
        UNTRANSLATED
    }

    /**
     * One word of the question, as the index terms any of which means "this passage mentions it":
     * an English word in a title, heading or text, or a Russian word as its stem or translations.
     */
    record Concept(String word, List<Term> alternatives, Role role) {
    }

    /** The query to rank passages with, and the concepts to measure how much of the question a passage covers. */
    record Question(Query query, List<Concept> concepts) {
        boolean isEmpty() {
            return concepts.isEmpty();
        }
    }

    Question parse(String question) {
        Map<String, Concept> concepts = new LinkedHashMap<>();
        for (String term : Analysis.terms(analyzers.english(), question)) {
            if (!hasCyrillic(term)) {
                Role role = analyzers.intentTerms().contains(term) ? Role.INTENT : Role.TOPIC;
                add(concepts, "en:" + term, new Concept(term, englishTerms(List.of(term)), role));
            }
        }
        for (String stem : Analysis.terms(analyzers.russian(), question)) {
            if (hasCyrillic(stem)) {
                List<String> translations = dictionary.translate(stem);
                List<Term> alternatives = new ArrayList<>(englishTerms(translations));
                alternatives.add(new Term(CourseIndex.RU, stem));
                Role role = translations.isEmpty() ? Role.UNTRANSLATED : Role.TOPIC;
                add(concepts, "ru:" + stem, new Concept(stem, alternatives, role));
            }
        }
        List<Concept> list = List.copyOf(concepts.values());
        Query query = query(list);
        if (!list.isEmpty() && DEFINITION_QUESTION.matcher(question).find()) {
            // Only passages that match the question get the bonus: MUST the question, SHOULD the kind.
            query = new BooleanQuery.Builder()
                    .add(query, BooleanClause.Occur.MUST)
                    .add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(CourseIndex.KIND, CourseIndex.DEFINITION))),
                            DEFINITION_BONUS), BooleanClause.Occur.SHOULD)
                    .build();
        }
        return new Question(query, list);
    }

    private static void add(Map<String, Concept> concepts, String key, Concept concept) {
        int clauses = concepts.values().stream().mapToInt(c -> c.alternatives().size()).sum();
        if (concepts.size() < MAX_CONCEPTS && clauses + concept.alternatives().size() <= MAX_CLAUSES) {
            concepts.putIfAbsent(key, concept);
        }
    }

    private static List<Term> englishTerms(List<String> words) {
        List<Term> terms = new ArrayList<>(words.size() * 3);
        for (String word : words) {
            terms.add(new Term(CourseIndex.EN_LESSON, word));
            terms.add(new Term(CourseIndex.EN_HEADING, word));
            terms.add(new Term(CourseIndex.EN_BODY, word));
        }
        return terms;
    }

    /** Every alternative of every concept as a SHOULD clause; a section heading weighs more. */
    private static Query query(List<Concept> concepts) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (Concept concept : concepts) {
            for (Term term : concept.alternatives()) {
                float boost = switch (term.field()) {
                    case CourseIndex.EN_LESSON -> LESSON_TITLE_BOOST;
                    case CourseIndex.EN_HEADING -> HEADING_BOOST;
                    default -> 1.0f;
                };
                Query clause = new TermQuery(term);
                query.add(boost == 1.0f ? clause : new BoostQuery(clause, boost), BooleanClause.Occur.SHOULD);
            }
        }
        return query.build();
    }

    static boolean hasCyrillic(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.CYRILLIC) {
                return true;
            }
        }
        return false;
    }
}
