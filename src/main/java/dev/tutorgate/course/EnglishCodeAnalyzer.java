package dev.tutorgate.course;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.StopwordAnalyzerBase;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Lucene's English analysis (possessives, lower case, stop words, Porter stems) that also splits
 * code identifiers at dots and underscores: {@code widget.attach(app)}, {@code response_model} and
 * {@code asyncio.gather} become "widget attach app", "response model", "asyncio gather", so a
 * question in words finds the code that spells them. Camel case is kept whole ("FastAPI" stays one
 * word, not "fast" + "api").
 */
final class EnglishCodeAnalyzer extends StopwordAnalyzerBase {
    private static final int SPLIT_AT_PUNCTUATION =
            WordDelimiterGraphFilter.GENERATE_WORD_PARTS | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS;

    EnglishCodeAnalyzer(CharArraySet stopWords) {
        super(stopWords);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new WordDelimiterGraphFilter(source, SPLIT_AT_PUNCTUATION, null);
        result = new FlattenGraphFilter(result);
        result = new EnglishPossessiveFilter(result);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, stopwords);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
