package dev.tutorgate.provider.emulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The scripted faults, consumed call by call: each call takes the first fault whose matchers fit
 * it, which uses up one of that fault's repeats. Calls that no fault matches pass untouched.
 */
final class FaultScript {
    private final List<Fault> faults = new ArrayList<>();
    /** Lets the hot path skip the lock when the script is empty (the benchmark case). */
    private volatile int size;

    synchronized void append(Collection<Fault> more) {
        faults.addAll(more);
        size = faults.size();
    }

    /** The fault to apply to this call, or null; its use is consumed. */
    Fault take(Protocol protocol, String model, String key, boolean streamed) {
        if (size == 0) {
            return null;
        }
        synchronized (this) {
            for (int i = 0; i < faults.size(); i++) {
                Fault f = faults.get(i);
                if (f.matches(protocol, model, key, streamed)) {
                    Fault rest = f.consumedOnce();
                    if (rest == null) {
                        faults.remove(i);
                    } else {
                        faults.set(i, rest);
                    }
                    size = faults.size();
                    return f;
                }
            }
            return null;
        }
    }

    synchronized List<Fault> pending() {
        return List.copyOf(faults);
    }

    synchronized void clear() {
        faults.clear();
        size = 0;
    }
}
