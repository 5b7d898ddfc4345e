package dev.tutorgate.limits;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Time that moves only when the test says so; waiters are told at once. */
public final class ManualTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
        listeners.forEach(Runnable::run);
    }
}
