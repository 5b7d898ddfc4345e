package dev.tutorgate.course;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a student's question, English or Russian or both mixed, into one BM25 query:
 * <ul>
 *   <li>Latin words (English, and code identifiers such as {@code Depends} or {@code asyncio})
 *       go through the English analyzer and search the English fields;</li>
 *   <li>Cyrillic words are stemmed by the Russian analyzer; the stems search the Russian field
 *       (a course written in Russian) and, translated by {@link RussianEnglishTerms}, the English
 *       fields (a course written in English).</li>
 * </ul>
 * Stop words of both languages disappear on the way, so "what is" or "что такое" weigh nothing.
 */
final class BilingualQuery {
    /** Longer questions (pasted code) keep their first terms: enough to find the topic, bounded cost. */
    static final int MAX_TERMS = 48;
    private static final float TITLE_BOOST = 1.5f;

    private final Analyzer english;
    private final Analyzer russian;
    private final RussianEnglishTerms dictionary;

    BilingualQuery(Analyzer english, Analyzer russian, RussianEnglishTerms dictionary) {
        this.english = english;
        this.russian = russian;
        this.dictionary = dictionary;
    }

    Query build(String question) {
        Set<String> englishTerms = new LinkedHashSet<>();
        Set<String> russianTerms = new LinkedHashSet<>();
        for (String term : Analysis.terms(english, question)) {
            if (!hasCyrillic(term) && englishTerms.size() < MAX_TERMS) {
                englishTerms.add(term);
            }
        }
        for (String stem : Analysis.terms(russian, question)) {
            if (hasCyrillic(stem) && russianTerms.size() < MAX_TERMS) {
                russianTerms.add(stem);
                for (String translated : dictionary.translate(stem)) {
                    if (englishTerms.size() < MAX_TERMS * 2) {
                        englishTerms.add(translated);
                    }
                }
            }
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : englishTerms) {
            query.add(new BoostQuery(new TermQuery(new Term(CourseIndex.EN_TITLE, term)), TITLE_BOOST), BooleanClause.Occur.SHOULD);
            query.add(new TermQuery(new Term(CourseIndex.EN_BODY, term)), BooleanClause.Occur.SHOULD);
        }
        for (String stem : russianTerms) {
            query.add(new TermQuery(new Term(CourseIndex.RU, stem)), BooleanClause.Occur.SHOULD);
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
