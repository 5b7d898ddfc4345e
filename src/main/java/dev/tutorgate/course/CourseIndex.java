package dev.tutorgate.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * An in-memory Lucene index of the course's passages, ranked with BM25. Every passage is indexed
 * with the English analyzer (stemmed) and with the Russian one, so lessons in either language can be
 * found; questions are translated into both by {@link BilingualQuery}. Term vectors are kept so an
 * answer can check which words of the question a passage actually contains ({@link #coverage}).
 * Thread-safe once built.
 */
final class CourseIndex {
    /** The lesson's title, English analysis. */
    static final String EN_LESSON = "en_lesson";
    /** The section heading, English analysis: a match here says "this section is about it". */
    static final String EN_HEADING = "en_heading";
    /** The passage text, English analysis. */
    static final String EN_BODY = "en_body";
    /** Title, heading and text, Russian analysis: matches lessons written in Russian. */
    static final String RU = "ru";
    private static final String ID = "id";
    private static final FieldType TEXT_WITH_VECTORS = textWithVectors();

    private final List<Passage> passages;
    private final IndexSearcher searcher;
    private final IndexReader reader;

    private CourseIndex(List<Passage> passages, IndexReader reader) {
        this.passages = passages;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    /** A passage found by a query: its BM25 score and the index document it lives in. */
    record Hit(Passage passage, float score, int doc) {
    }

    static CourseIndex build(List<Passage> passages, CourseAnalyzers analyzers) {
        Analyzer perField = new PerFieldAnalyzerWrapper(analyzers.english(), Map.of(RU, analyzers.russian()));
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
            return new CourseIndex(passages, DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("opening the in-memory course index failed", e);
        }
    }

    private static FieldType textWithVectors() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setStoreTermVectors(true);
        type.freeze();
        return type;
    }

    private static Document document(Passage passage) {
        String titles = passage.lesson().title() + "\n" + passage.heading();
        Document doc = new Document();
        doc.add(new StoredField(ID, passage.id()));
        doc.add(new Field(EN_LESSON, passage.lesson().title(), TEXT_WITH_VECTORS));
        doc.add(new Field(EN_HEADING, passage.heading(), TEXT_WITH_VECTORS));
        doc.add(new Field(EN_BODY, passage.text(), TEXT_WITH_VECTORS));
        doc.add(new Field(RU, titles + "\n" + passage.text(), TEXT_WITH_VECTORS));
        return doc;
    }

    /** The best {@code n} passages for the question, best first. */
    List<Hit> search(BilingualQuery.Question question, int n) {
        if (question.isEmpty()) {
            return List.of();
        }
        try {
            ScoreDoc[] top = searcher.search(question.query(), n).scoreDocs;
            StoredFields stored = searcher.storedFields();
            List<Hit> hits = new ArrayList<>(top.length);
            for (ScoreDoc doc : top) {
                int id = stored.document(doc.doc).getField(ID).numericValue().intValue();
                hits.add(new Hit(passages.get(id), doc.score, doc.doc));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory course index failed", e);
        }
    }

    /**
     * The share of the question a passage covers: the concepts it mentions, each weighted by its
     * rarity in the course (BM25's idf; a word the course never uses weighs most), over all
     * concepts. Intent words ("fix", "prevent") are left out, and so are Russian words without a
     * translation unless the course itself uses them. "What is FastAPI?" → 1.0 for any passage
     * about FastAPI; "How do I fix my car engine?" → under a half for the SQLAlchemy engine, since
     * "car" is nowhere in the course.
     */
    double coverage(Hit hit, List<BilingualQuery.Concept> concepts) {
        try {
            Fields vectors = reader.termVectors().get(hit.doc());
            double covered = 0;
            double total = 0;
            for (BilingualQuery.Concept concept : concepts) {
                if (concept.role() == BilingualQuery.Role.INTENT) {
                    continue;
                }
                int docFreq = 0;
                for (Term term : concept.alternatives()) {
                    docFreq = Math.max(docFreq, reader.docFreq(term));
                }
                if (docFreq == 0 && concept.role() == BilingualQuery.Role.UNTRANSLATED) {
                    continue;
                }
                double weight = idf(docFreq);
                total += weight;
                if (mentions(vectors, concept)) {
                    covered += weight;
                }
            }
            return total == 0 ? 0 : covered / total;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the in-memory course index failed", e);
        }
    }

    private static boolean mentions(Fields vectors, BilingualQuery.Concept concept) throws IOException {
        if (vectors == null) {
            return false;
        }
        for (Term term : concept.alternatives()) {
            Terms terms = vectors.terms(term.field());
            if (terms != null) {
                TermsEnum iterator = terms.iterator();
                if (iterator.seekExact(new BytesRef(term.text()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** BM25's inverse document frequency: rare words weigh more; an unknown word weighs most. */
    private double idf(int docFreq) {
        int docs = reader.numDocs();
        return Math.log(1 + (docs - docFreq + 0.5) / (docFreq + 0.5));
    }

    int size() {
        return passages.size();
    }
}
