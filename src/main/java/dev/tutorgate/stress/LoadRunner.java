package dev.tutorgate.stress;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the requests: {@code concurrency} workers on virtual threads take the next request number
 * until all are sent; request {@code i} is asked by student {@code i mod students} with question
 * {@code i} of the mix, so every student gets its share in turn from the first moment.
 */
final class LoadRunner {
    private final HttpClient http;
    private final ScheduledExecutorService watchdogs;

    LoadRunner(HttpClient http, ScheduledExecutorService watchdogs) {
        this.http = http;
        this.watchdogs = watchdogs;
    }

    /** The outcomes in request order, and how long the whole run took. */
    record Result(List<Outcome> outcomes, long durationNanos) {
    }

    Result run(URI baseUrl, List<StudentToken> students, int requests, int concurrency, QuestionMix questions,
               boolean stream, Duration timeout, LiveCounts live) {
        Outcome[] outcomes = new Outcome[requests];
        AtomicInteger next = new AtomicInteger();
        long epoch = System.nanoTime();
        ChatCaller caller = new ChatCaller(http, baseUrl, stream, timeout, watchdogs, epoch);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < Math.min(concurrency, requests); w++) {
                workers.execute(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        int student = i % students.size();
                        outcomes[i] = caller.ask(i, student, students.get(student).token(), questions.question(i));
                        live.record(outcomes[i]);
                    }
                });
            }
        }
        return new Result(Arrays.asList(outcomes), System.nanoTime() - epoch);
    }
}
