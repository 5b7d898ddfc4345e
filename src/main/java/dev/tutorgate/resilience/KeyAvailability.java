package dev.tutorgate.resilience;

/** Whether a provider key may be used now, and if not, why. */
public enum KeyAvailability {
    READY,
    /** Rate limited: resting until the provider's hint. */
    COOLING,
    /** Its quota is used up until the quota resets. */
    OUT_OF_QUOTA,
    /** The provider refused it: out of rotation until an admin puts it back (or a restart). */
    INVALID;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
