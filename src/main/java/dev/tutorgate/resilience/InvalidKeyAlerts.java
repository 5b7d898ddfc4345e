package dev.tutorgate.resilience;

import dev.tutorgate.alerts.Alert;
import dev.tutorgate.alerts.AlertSink;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the instructor when a provider refuses a key: once per key (again only after it was put
 * back and refused anew), naming the key by its alias — never the key.
 */
final class InvalidKeyAlerts implements KeyEvents {
    private final AlertSink sink;

    InvalidKeyAlerts(AlertSink sink) {
        this.sink = sink;
    }

    @Override
    public void keyRefused(KeyState key, int keysLeft, Instant at) {
        String consequence = keysLeft == 0
                ? "No key of " + key.provider() + " is left: its models count as down and requests fall back to"
                + " the next model of the chain."
                : keysLeft + (keysLeft == 1 ? " other key carries" : " other keys carry") + " on.";
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("provider", key.provider());
        facts.put("key", key.alias());
        facts.put("keys left", Integer.toString(keysLeft));
        sink.send(new Alert("provider-key-invalid:" + key.alias() + ":" + at.toEpochMilli(),
                keysLeft == 0 ? Alert.Severity.CRITICAL : Alert.Severity.WARNING,
                "API key " + key.alias() + " was refused by " + key.provider(),
                "The provider refused API key " + key.alias() + ". Check the configuration (providers[].apiKeys):"
                        + " the key may be wrong, revoked or expired — create a new one in the provider's console if"
                        + " needed. It is out of rotation until tutorgate restarts or an admin puts it back"
                        + " (POST /api/admin/providers/keys/enable). " + consequence,
                facts, at));
    }
}
