package dev.tutorgate.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JTokkitTokenCounterTest {
    private final JTokkitTokenCounter counter = JTokkitTokenCounter.o200k();

    @Test
    void usesTheO200kEncodingOfTheConfiguredOpenAiModels() {
        assertThat(counter.encodingName()).isEqualTo("o200k_base");
        // o200k_base splits these as [Hello][,][ world][!] and [Привет][ мир] around the punctuation.
        assertThat(counter.count("Hello, world!")).isEqualTo(4);
        assertThat(counter.count("Привет, мир!")).isEqualTo(5);
    }

    @Test
    void emptyAndNullCountAsZero() {
        assertThat(counter.count("")).isZero();
        assertThat(counter.count(null)).isZero();
    }

    @Test
    void specialTokenTextInALessonIsCountedAsPlainText() {
        // A lesson about tokenizers may well contain this string; it must not be rejected.
        assertThat(counter.count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void englishProseIsAboutFourCharactersPerToken() {
        String lesson = new CourseLoader(counter).loadBundled().lessons().getFirst().body();
        double charsPerToken = (double) lesson.length() / counter.count(lesson);
        assertThat(charsPerToken).isBetween(3.0, 5.0);
    }

    @Test
    void countsTheSameFromManyThreadsAtOnce() throws Exception {
        List<String> texts = new CourseLoader(counter).loadBundled().lessons().stream().map(Lesson::body).toList();
        List<Integer> sequential = texts.stream().map(counter::count).toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> futures = IntStream.range(0, texts.size() * 8)
                    .mapToObj(i -> pool.submit(() -> counter.count(texts.get(i % texts.size()))))
                    .toList();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i % texts.size()));
            }
        }
    }
}
