package dev.tutorgate.course;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.StopwordAnalyzerBase;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Lucene's Russian analysis (stop words, Snowball stems) of the Cyrillic words only. Latin words
 * are the English analyzer's business: dropping them here keeps the Russian field of an English
 * course almost empty, which makes indexing a 350K-token course noticeably faster.
 */
final class RussianWordsAnalyzer extends StopwordAnalyzerBase {
    RussianWordsAnalyzer() {
        super(RussianAnalyzer.getDefaultStopSet());
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new CyrillicOnly(source);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, stopwords);
        result = new SnowballFilter(result, new RussianStemmer());
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /** Keeps tokens with at least one Cyrillic letter. */
    private static final class CyrillicOnly extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        CyrillicOnly(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            char[] chars = term.buffer();
            for (int i = 0; i < term.length(); i++) {
                if (Character.UnicodeScript.of(chars[i]) == Character.UnicodeScript.CYRILLIC) {
                    return true;
                }
            }
            return false;
        }
    }
}
