package dev.tutorgate.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

final class AlertFixtures {
    private AlertFixtures() {
    }

    static Alert warning(String key) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Spent", "$16.02 (80%)");
        facts.put("Limit", "$20.00");
        facts.put("Resets at", "2026-11-29 00:00 UTC");
        return new Alert(key, Alert.Severity.WARNING, "Daily budget 80% used",
                "tutorgate has spent $16.02 of its $20.00 daily budget <b>&</b>.", facts,
                Instant.parse("2026-11-28T17:03:00Z"));
    }
}
