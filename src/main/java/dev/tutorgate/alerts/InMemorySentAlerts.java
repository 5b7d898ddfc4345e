package dev.tutorgate.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sent alerts kept for this process only (tests, or running without a database). */
public final class InMemorySentAlerts implements SentAlerts {
    private final Map<String, Instant> sent = new ConcurrentHashMap<>();

    @Override
    public boolean markSent(String key, Instant at) {
        return sent.putIfAbsent(key, at) == null;
    }
}
