package dev.tutorgate.monitoring;

/**
 * One provider key (or model on it) as the parts that watch providers see it right now: its circuit,
 * its tier and how much of the tier's limits it uses. Null fields are unknown or unlimited.
 *
 * @param state     ok, degraded, open (circuit open: calls are not sent), half_open, unknown
 * @param rpmUsed   requests in the last minute
 * @param rpmLimit  the tier's requests per minute for this key
 * @param detail    a short sentence for people ("429 from the provider 3 times in a minute"); may be null
 */
public record ProviderStatus(
        String provider,
        String model,
        String keyAlias,
        String tier,
        String state,
        Long rpmUsed,
        Long rpmLimit,
        Long tpmUsed,
        Long tpmLimit,
        String detail) {

    /** The largest share of a limit in use, 0–100 (one decimal), or null when no limit is known. */
    @com.fasterxml.jackson.annotation.JsonProperty("usedPercent")
    public Double usedPercent() {
        Double rpm = share(rpmUsed, rpmLimit);
        Double tpm = share(tpmUsed, tpmLimit);
        if (rpm == null) {
            return tpm;
        }
        return tpm == null ? rpm : Math.max(rpm, tpm);
    }

    /** The share of the tightest known limit still free, 0–1; null when no limit is known. */
    @com.fasterxml.jackson.annotation.JsonProperty("headroom")
    public Double headroom() {
        Double rpm = free(rpmUsed, rpmLimit);
        Double tpm = free(tpmUsed, tpmLimit);
        if (rpm == null) {
            return tpm;
        }
        return tpm == null ? rpm : Math.min(rpm, tpm);
    }

    private static Double free(Long used, Long limit) {
        if (used == null || limit == null || limit <= 0) {
            return null;
        }
        return Math.max(0, limit - used) / (double) limit;
    }

    private static Double share(Long used, Long limit) {
        if (used == null || limit == null || limit <= 0) {
            return null;
        }
        return Math.round(used * 1000.0 / limit) / 10.0;
    }
}
