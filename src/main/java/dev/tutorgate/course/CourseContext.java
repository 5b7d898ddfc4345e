package dev.tutorgate.course;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TokenCounter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything the tutor needs from the course, built once at start-up: the lessons, the cacheable
 * prompt prefix, the offline answerer and the citation detector. Immutable and thread-safe.
 *
 * <pre>
 * CourseContext course = CourseContext.load(config.course());      // throws CourseException
 * course.prompt().text();                                          // send first, on every model call
 * course.offline().answer(question, sink);                         // model "offline"
 * course.citations().citesAny(modelAnswer);                        // retrieval success of a model answer
 * </pre>
 */
public record CourseContext(
        Course course,
        CoursePrompt prompt,
        LuceneOfflineAnswerer offline,
        CitationDetector citations,
        TokenCounter tokens,
        TutorgateConfig.Course settings) {

    /** Loads {@code settings.path()} (null = the bundled sample course) and builds the rest. */
    public static CourseContext load(TutorgateConfig.Course settings) {
        TokenCounter tokens = JTokkitTokenCounter.o200k();
        return of(new CourseLoader(tokens).load(settings), settings, tokens);
    }

    public static CourseContext of(Course course, TutorgateConfig.Course settings, TokenCounter tokens) {
        // Counting the prompt and indexing the passages are independent: do them side by side.
        CompletableFuture<LuceneOfflineAnswerer> offline =
                CompletableFuture.supplyAsync(() -> LuceneOfflineAnswerer.build(course, settings.offline()));
        CoursePrompt prompt = CoursePrompt.build(course, settings.systemPrompt(), tokens);
        return new CourseContext(course, prompt, join(offline), new CitationDetector(course), tokens, settings);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
