package dev.tutorgate.provider.emulator;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** The recorded calls, newest last, bounded so that a long stress run cannot exhaust memory. */
final class CallLog {
    private final ConcurrentLinkedDeque<CallRecord> calls = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();
    private final IntSupplier capacity;

    CallLog(IntSupplier capacity) {
        this.capacity = capacity;
    }

    void add(CallRecord call) {
        int max = capacity.getAsInt();
        if (max == 0) {
            return;
        }
        calls.addLast(call);
        if (count.incrementAndGet() > max && calls.pollFirst() != null) {
            count.decrementAndGet();
        }
    }

    List<CallRecord> snapshot() {
        return List.copyOf(calls);
    }

    int size() {
        return count.get();
    }

    void clear() {
        calls.clear();
        count.set(0);
    }
}
