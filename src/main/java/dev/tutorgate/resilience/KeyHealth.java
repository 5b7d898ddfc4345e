package dev.tutorgate.resilience;

import java.time.Instant;

/**
 * One key as one model sees it. Never the key itself: only its alias.
 *
 * @param availability ready, cooling, out_of_quota or invalid
 * @param circuit      closed, open or half_open: the circuit of this model on this key
 * @param coolingUntil rate limited until then (null when not)
 * @param quotaUntil   out of quota until then (null when not)
 * @param outSince     refused by the provider since then, out of rotation (null when not)
 * @param lastError    the last failure's kind (an ErrorKind label), or null
 */
public record KeyHealth(
        String keyAlias,
        Health health,
        boolean inRotation,
        String availability,
        String circuit,
        Instant coolingUntil,
        Instant quotaUntil,
        Instant outSince,
        String lastError,
        Instant lastErrorAt,
        Instant lastSuccessAt) {

    /**
     * One word for dashboards and state gauges: {@code open} (no call goes to it: circuit open, key
     * refused or out of quota), {@code half_open} (a probe may go), {@code degraded} or {@code ok}.
     */
    public String state() {
        if (health == Health.DOWN) {
            return "open";
        }
        return circuit.equals("half_open") ? "half_open" : health.label();
    }
}
