package dev.tutorgate.course;

import static dev.tutorgate.course.CourseFixtures.writeLesson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TextSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuceneOfflineAnswererTest {
    private static Course course;
    private static LuceneOfflineAnswerer answerer;

    @BeforeAll
    static void build() {
        course = new CourseLoader(JTokkitTokenCounter.o200k()).loadBundled();
        answerer = LuceneOfflineAnswerer.build(course, CourseFixtures.defaultOfflineSettings());
    }

    /** Collects what is streamed; stops accepting after {@code limit} chunks. */
    static final class RecordingSink implements TextSink {
        final List<String> chunks = new ArrayList<>();
        private final int limit;

        RecordingSink(int limit) {
            this.limit = limit;
        }

        @Override
        public boolean accept(String delta) {
            chunks.add(delta);
            return chunks.size() < limit;
        }

        String text() {
            return String.join("", chunks);
        }
    }

    @Test
    void streamsTheAnswerInSeveralChunksThatAddUpToIt() {
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE);

        OfflineAnswer answer = answerer.answer("How do I create and activate a virtual environment?", sink);

        assertThat(sink.chunks).hasSizeGreaterThan(5);
        assertThat(sink.text()).isEqualTo(answer.text());
        assertThat(sink.chunks).allSatisfy(chunk -> assertThat(chunk).isNotEmpty().hasSizeLessThanOrEqualTo(LuceneOfflineAnswerer.CHUNK_CHARS));
    }

    @Test
    void stopsStreamingWhenTheSinkSaysNoMore() {
        RecordingSink sink = new RecordingSink(2);

        OfflineAnswer answer = answerer.answer("How do I write a JOIN in SQL?", sink);

        assertThat(sink.chunks).hasSize(2);
        assertThat(answer.text()).startsWith(sink.text()).hasSizeGreaterThan(sink.text().length());
    }

    @Test
    void anEnglishQuestionGetsEnglishPassagesWithTheirLessonsAsSources() {
        OfflineAnswer answer = answerer.answer("What is a pytest fixture?", TextSink.DISCARD);

        assertThat(answer.retrievalHit()).isTrue();
        assertThat(answer.sources()).isNotEmpty().hasSizeLessThanOrEqualTo(3).contains("Testing with pytest");
        assertThat(answer.text())
                .startsWith("*This is an excerpt from the course, not a generated answer")
                .contains("From the lesson “Testing with pytest”")
                .contains("@pytest.fixture")
                .contains("Sources: [Lesson: Testing with pytest]");
        assertThat(course.lessons()).extracting(Lesson::title).containsAll(answer.sources());
    }

    @Test
    void aRussianQuestionFindsTheEnglishLessonAndIsAnsweredInRussian() {
        OfflineAnswer answer = answerer.answer("Как создать виртуальное окружение?", TextSink.DISCARD);

        assertThat(answer.retrievalHit()).isTrue();
        assertThat(answer.sources()).contains("Virtual environments and packages");
        assertThat(answer.text())
                .startsWith("*Это выдержка из курса, а не сгенерированный ответ")
                .contains("Из урока «Virtual environments and packages»")
                .contains("python3 -m venv .venv")
                .contains("Источники: [Lesson: Virtual environments and packages]");
    }

    @Test
    void codeIdentifiersInARussianQuestionAreSearchedAsTheyAre() {
        OfflineAnswer answer = answerer.answer("Зачем нужен selectinload?", TextSink.DISCARD);
        assertThat(answer.sources()).contains("SQLAlchemy with FastAPI");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "What is the capital of Australia?",
            "Recommend a good movie for tonight",
            "How to learn guitar fast?",
            "How do I fix my car engine?",
            "Как приготовить борщ?",
            "Кто выиграл чемпионат мира по футболу?"})
    void saysPolitelyWhenTheCourseDoesNotCoverTheQuestion(String question) {
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE);

        OfflineAnswer answer = answerer.answer(question, sink);

        assertThat(answer.retrievalHit()).isFalse();
        assertThat(answer.sources()).isEmpty();
        assertThat(answer.text()).containsAnyOf("does not seem to cover", "в курсе нет ответа")
                .containsAnyOf("not a generated answer", "не сгенерированный ответ");
        assertThat(sink.text()).isEqualTo(answer.text());
    }

    @Test
    void theNothingFoundAnswerIsInTheQuestionsLanguage() {
        assertThat(answerer.answer("Как похудеть к лету?", TextSink.DISCARD).text()).startsWith("Похоже, в курсе нет ответа");
        assertThat(answerer.answer("Explain quantum entanglement", TextSink.DISCARD).text()).startsWith("The course does not seem to cover this");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "?!", "the and of", "что такое"})
    void emptyOrStopWordOnlyQuestionsAreNotRetrievalHits(String question) {
        assertThat(answerer.answer(question, TextSink.DISCARD).retrievalHit()).isFalse();
    }

    @Test
    void aNullQuestionIsAnsweredAsNotCovered() {
        OfflineAnswer answer = answerer.answer(null, TextSink.DISCARD);
        assertThat(answer.retrievalHit()).isFalse();
        assertThat(answer.sources()).isEmpty();
    }

    @Test
    void aVeryLongQuestionWithPastedCodeStillAnswers() {
        String code = "@app.get('/slow')\nasync def slow():\n    time.sleep(2)\n    return requests.get(URL).json()\n".repeat(60);
        OfflineAnswer answer = answerer.answer("Why is this async endpoint so slow?\n" + code, TextSink.DISCARD);
        assertThat(answer.retrievalHit()).isTrue();
        assertThat(answer.sources()).containsAnyOf("Async/await and the event loop", "Your first FastAPI application");
    }

    @Test
    void quotesAtMostMaxPassagesAndRespectsTheScoreFloor() {
        LuceneOfflineAnswerer one = LuceneOfflineAnswerer.build(course, new TutorgateConfig.OfflineAnswers(1.0, 0.5, 1));
        assertThat(one.search("How do I write a Dockerfile for a FastAPI app?")).hasSize(1);

        LuceneOfflineAnswerer strict = LuceneOfflineAnswerer.build(course, new TutorgateConfig.OfflineAnswers(1_000.0, 0.0, 3));
        OfflineAnswer answer = strict.answer("How do I write a Dockerfile for a FastAPI app?", TextSink.DISCARD);
        assertThat(answer.retrievalHit()).isFalse();
    }

    @Test
    void passagesAreBestFirstAndEachScoresAtLeastHalfTheBest() {
        List<LuceneOfflineAnswerer.ScoredPassage> passages = answerer.search("How do I retry failed API calls with exponential backoff?");
        assertThat(passages).isNotEmpty();
        double best = passages.getFirst().score();
        assertThat(passages).allSatisfy(p -> {
            assertThat(p.score()).isLessThanOrEqualTo(best).isGreaterThanOrEqualTo(best / 2);
            assertThat(p.coverage()).isBetween(0.5, 1.0);
        });
    }

    @Test
    void neverSplitsACharacterOutsideTheBasicPlaneBetweenChunks(@TempDir Path dir) {
        String emoji = "\uD83D\uDE80"; // a rocket: two Java chars
        writeLesson(dir, "01.md", "# Rockets\n\n" + ("rocket" + emoji.repeat(30) + " launch ").repeat(20));
        LuceneOfflineAnswerer small = LuceneOfflineAnswerer.build(
                new CourseLoader(JTokkitTokenCounter.o200k()).load(dir), CourseFixtures.defaultOfflineSettings());
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE);

        small.answer("rocket launch", sink);

        assertThat(sink.chunks).allSatisfy(chunk -> {
            assertThat(Character.isLowSurrogate(chunk.charAt(0))).as("chunk starts mid-character: %s", chunk).isFalse();
            assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
        });
    }

    @Test
    void aWhatIsQuestionPrefersTheSectionThatDefinesTheTerm(@TempDir Path dir) {
        String filler = "Some more words about this part of the lesson, so that the section is not tiny. ".repeat(3);
        writeLesson(dir, "01.md", "# Widgets in practice\n\n## Wiring widgets into the app\n\nConnect the widget to the app: "
                + "widget.attach(app), widget.start(), widget routes, widget config, widget logs. " + filler + "\n");
        writeLesson(dir, "02.md", "# Widget basics\n\n## What is a widget?\n\nA widget is a small reusable component. " + filler + "\n");
        writeLesson(dir, "03.md", "# Gadgets\n\n## Gadget setup\n\nGadgets are configured once. " + filler + "\n");
        LuceneOfflineAnswerer widgets = LuceneOfflineAnswerer.build(
                new CourseLoader(JTokkitTokenCounter.o200k()).load(dir), CourseFixtures.defaultOfflineSettings());

        assertThat(widgets.search("What is a widget?").getFirst().passage().heading()).isEqualTo("What is a widget?");
        assertThat(widgets.search("Что такое widget?").getFirst().passage().heading()).isEqualTo("What is a widget?");
        assertThat(widgets.search("How do I attach a widget to the app?").getFirst().passage().heading())
                .isEqualTo("Wiring widgets into the app");
    }

    @Test
    void findsPassagesOfLessonsWrittenInRussian(@TempDir Path dir) {
        writeLesson(dir, "01.md", "# Основы HTTP\n\nМетод GET читает ресурс, метод DELETE удаляет его. Коды состояния показывают результат.\n");
        writeLesson(dir, "02.md", "# Виртуальные окружения\n\nКаждый проект получает своё окружение: python -m venv .venv, затем активируйте его.\n");
        writeLesson(dir, "03.md", "# Тестирование\n\nТесты на pytest — это функции с assert. Фикстуры готовят данные для тестов.\n");
        writeLesson(dir, "04.md", "# Базы данных\n\nТаблицы хранят строки, первичный ключ определяет строку, индекс ускоряет поиск.\n");
        writeLesson(dir, "05.md", "# Docker basics\n\nA container runs an image built from a Dockerfile.\n");
        writeLesson(dir, "06.md", "# Logging\n\nUse the logging module and never log secrets.\n");
        LuceneOfflineAnswerer mixed = LuceneOfflineAnswerer.build(
                new CourseLoader(JTokkitTokenCounter.o200k()).load(dir), CourseFixtures.defaultOfflineSettings());

        assertThat(mixed.answer("Что делает метод DELETE?", TextSink.DISCARD).sources()).containsExactly("Основы HTTP");
        assertThat(mixed.answer("Зачем нужны фикстуры?", TextSink.DISCARD).sources()).containsExactly("Тестирование");
        assertThat(mixed.answer("Как ускорить поиск в таблице?", TextSink.DISCARD).sources()).containsExactly("Базы данных");
        assertThat(mixed.answer("How do I build a Docker image?", TextSink.DISCARD).sources()).containsExactly("Docker basics");
    }

    @Test
    void answersTheSameFromManyThreadsAtOnce() throws Exception {
        List<String> questions = List.of("What is FastAPI?", "Что такое цикл событий?", "How should I store user passwords?",
                "Как упаковать приложение в Docker?");
        List<OfflineAnswer> expected = questions.stream().map(q -> answerer.answer(q, TextSink.DISCARD)).toList();
        AtomicInteger checked = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i % questions.size();
                futures.add(pool.submit(() -> {
                    assertThat(answerer.answer(questions.get(n), TextSink.DISCARD)).isEqualTo(expected.get(n));
                    checked.incrementAndGet();
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(checked).hasValue(200);
    }
}
