package dev.tutorgate.provider.anthropic;

/** The lifetime asked for in {@code cache_control}; 5 minutes is Anthropic's default. */
enum CacheTtl {
    FIVE_MINUTES(null), ONE_HOUR("1h");

    private final String wire;

    CacheTtl(String wire) {
        this.wire = wire;
    }

    /** The {@code ttl} value to send, or null to send none (Anthropic's default of 5m). */
    String wire() {
        return wire;
    }
}
