package dev.tutorgate.stress;

import java.util.concurrent.atomic.LongAdder;

/** Running totals while the load runs, for the progress bar; the report is computed from the outcomes. */
public final class LiveCounts {
    private final int total;
    private final long startNanos = System.nanoTime();
    private final LongAdder finished = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder tooMany = new LongAdder();
    private final LongAdder unavailable = new LongAdder();

    public LiveCounts(int total) {
        this.total = total;
    }

    void record(Outcome outcome) {
        if (outcome.answered()) {
            answered.increment();
        } else if (outcome.status() == 429) {
            tooMany.increment();
        } else if (outcome.status() == 503) {
            unavailable.increment();
        }
        finished.increment();
    }

    /** A consistent-enough view: each figure is read once; errors are what the others leave. */
    public Snapshot snapshot() {
        long done = finished.sum();
        long ok = answered.sum();
        long limited = tooMany.sum();
        long down = unavailable.sum();
        return new Snapshot(total, done, ok, limited, down, Math.max(0, done - ok - limited - down),
                System.nanoTime() - startNanos);
    }

    public record Snapshot(int total, long finished, long answered, long tooMany, long unavailable, long errors,
                           long elapsedNanos) {
    }
}
