package dev.tutorgate.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene index of the course's passages, searched with BM25. Every passage is
 * indexed twice: with the English analyzer (stemmed, English stop words) and with the Russian one
 * (Russian stems), so a course written in either language can be searched; questions are
 * translated into both (see {@link BilingualQuery}). Thread-safe once built.
 */
final class CourseIndex {
    /** Lesson title and section heading, English analysis: a match here says "this is the topic". */
    static final String EN_TITLE = "en_title";
    /** The passage text, English analysis. */
    static final String EN_BODY = "en_body";
    /** Title, heading and text, Russian analysis: matches lessons written in Russian. */
    static final String RU = "ru";
    private static final String ID = "id";

    private final List<Passage> passages;
    private final IndexSearcher searcher;

    private CourseIndex(List<Passage> passages, IndexSearcher searcher) {
        this.passages = passages;
        this.searcher = searcher;
    }

    record Hit(Passage passage, float score) {
    }

    static CourseIndex build(List<Passage> passages, Analyzer english, Analyzer russian) {
        Analyzer perField = new PerFieldAnalyzerWrapper(english, Map.of(RU, russian));
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(perField)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64))) {
            for (Passage passage : passages) {
                writer.addDocument(document(passage));
            }
            writer.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException("indexing the course in memory failed", e);
        }
        try {
            return new CourseIndex(passages, new IndexSearcher(DirectoryReader.open(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException("opening the in-memory course index failed", e);
        }
    }

    private static Document document(Passage passage) {
        String titles = passage.lesson().title() + "\n" + passage.heading();
        Document doc = new Document();
        doc.add(new StoredField(ID, passage.id()));
        doc.add(new TextField(EN_TITLE, titles, Field.Store.NO));
        doc.add(new TextField(EN_BODY, passage.text(), Field.Store.NO));
        doc.add(new TextField(RU, titles + "\n" + passage.text(), Field.Store.NO));
        return doc;
    }

    /** The best {@code n} passages for {@code query}, best first. */
    List<Hit> search(Query query, int n) {
        try {
            ScoreDoc[] top = searcher.search(query, n).scoreDocs;
            StoredFields stored = searcher.storedFields();
            List<Hit> hits = new ArrayList<>(top.length);
            for (ScoreDoc doc : top) {
                int id = stored.document(doc.doc).getField(ID).numericValue().intValue();
                hits.add(new Hit(passages.get(id), doc.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory course index failed", e);
        }
    }

    int size() {
        return passages.size();
    }
}
