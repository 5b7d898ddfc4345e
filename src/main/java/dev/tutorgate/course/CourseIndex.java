package dev.tutorgate.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.NumericDocValues;
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
 * found; questions are translated into both by {@link BilingualQuery}. Besides ranking, it says how
 * much of a question a passage actually contains ({@link #coverage}). Thread-safe once built.
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
    /** "definition" on a section whose heading asks "What is …?": where a course defines a term. */
    static final String KIND = "kind";
    static final String DEFINITION = "definition";
    private static final Pattern DEFINITION_HEADING = Pattern.compile(
            "^(what\\s+is|what\\s+are|what's|что\\s+такое)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final String ID = "id";
    /**
     * Lucene warns on every start that the JDK's incubating Vector API is not enabled. It only
     * speeds up vector search, which we do not use: kept quiet (a strong reference, or the JDK may
     * drop the logger and its level with it).
     */
    private static final Logger LUCENE_VECTORIZATION = quiet("org.apache.lucene.internal.vectorization");

    private final List<Passage> passages;
    private final IndexSearcher searcher;
    private final IndexReader reader;
    /** The one segment left by forceMerge(1): its document numbers are the searcher's. */
    private final LeafReader segment;
    /** Passage of each document, read once so that a search never decodes stored fields. */
    private final int[] passageOfDoc;

    private CourseIndex(List<Passage> passages, IndexReader reader) throws IOException {
        this.passages = passages;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        if (reader.leaves().size() != 1) {
            throw new IllegalStateException("the course index must be one segment, has " + reader.leaves().size());
        }
        this.segment = reader.leaves().getFirst().reader();
        this.passageOfDoc = new int[segment.maxDoc()];
        NumericDocValues ids = segment.getNumericDocValues(ID);
        for (int doc = 0; doc < passageOfDoc.length; doc++) {
            if (ids == null || !ids.advanceExact(doc)) {
                throw new IllegalStateException("course index document " + doc + " has no passage id");
            }
            passageOfDoc[doc] = (int) ids.longValue();
        }
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

    private static Document document(Passage passage) {
        String titles = passage.lesson().title() + "\n" + passage.heading();
        Document doc = new Document();
        doc.add(new NumericDocValuesField(ID, passage.id()));
        if (DEFINITION_HEADING.matcher(passage.heading()).find()) {
            doc.add(new StringField(KIND, DEFINITION, Field.Store.NO));
        }
        doc.add(new TextField(EN_LESSON, passage.lesson().title(), Field.Store.NO));
        doc.add(new TextField(EN_HEADING, passage.heading(), Field.Store.NO));
        doc.add(new TextField(EN_BODY, passage.text(), Field.Store.NO));
        doc.add(new TextField(RU, titles + "\n" + passage.text(), Field.Store.NO));
        return doc;
    }

    /** The best {@code n} passages for the question, best first. */
    List<Hit> search(BilingualQuery.Question question, int n) {
        if (question.isEmpty()) {
            return List.of();
        }
        try {
            ScoreDoc[] top = searcher.search(question.query(), n).scoreDocs;
            List<Hit> hits = new ArrayList<>(top.length);
            for (ScoreDoc doc : top) {
                hits.add(new Hit(passages.get(passageOfDoc[doc.doc]), doc.score, doc.doc));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory course index failed", e);
        }
    }

    /**
     * The share of the question each hit covers: the concepts its passage mentions, each weighted by
     * its rarity in the course (BM25's idf; a word the course never uses weighs most), over all
     * concepts. Intent words ("fix", "prevent") are left out, and so are Russian words without a
     * translation unless the course itself uses them. "What is FastAPI?" → 1.0 for any passage
     * about FastAPI; "How do I fix my car engine?" → under a half for the SQLAlchemy engine, since
     * "car" is nowhere in the course.
     *
     * @return one share (0–1) per hit, in the order of {@code hits}
     */
    double[] coverage(List<Hit> hits, List<BilingualQuery.Concept> concepts) {
        int[] docs = hits.stream().mapToInt(Hit::doc).sorted().distinct().toArray();
        double[] coveredByDoc = new double[docs.length];
        double total = 0;
        try {
            for (BilingualQuery.Concept concept : concepts) {
                if (concept.role() == BilingualQuery.Role.INTENT) {
                    continue;
                }
                boolean[] mentioned = new boolean[docs.length];
                int docFreq = 0;
                for (Term term : concept.alternatives()) {
                    docFreq = Math.max(docFreq, markDocsWith(term, docs, mentioned));
                }
                if (docFreq == 0 && concept.role() == BilingualQuery.Role.UNTRANSLATED) {
                    continue;
                }
                double weight = idf(docFreq);
                total += weight;
                for (int i = 0; i < docs.length; i++) {
                    coveredByDoc[i] += mentioned[i] ? weight : 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the in-memory course index failed", e);
        }
        double[] shares = new double[hits.size()];
        for (int i = 0; i < hits.size(); i++) {
            int at = Arrays.binarySearch(docs, hits.get(i).doc());
            shares[i] = total == 0 ? 0 : coveredByDoc[at] / total;
        }
        return shares;
    }

    /**
     * Marks which of {@code docs} (ascending) contain {@code term}, walking its postings once.
     *
     * @return the term's document frequency (0 when the course never uses it)
     */
    private int markDocsWith(Term term, int[] docs, boolean[] mentioned) throws IOException {
        Terms terms = segment.terms(term.field());
        if (terms == null) {
            return 0;
        }
        TermsEnum iterator = terms.iterator();
        if (!iterator.seekExact(new BytesRef(term.text()))) {
            return 0;
        }
        PostingsEnum postings = iterator.postings(null, PostingsEnum.NONE);
        for (int i = 0; i < docs.length; i++) {
            int at = postings.docID() < docs[i] ? postings.advance(docs[i]) : postings.docID();
            if (at == PostingsEnum.NO_MORE_DOCS) {
                break;
            }
            mentioned[i] |= at == docs[i];
        }
        return iterator.docFreq();
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
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
