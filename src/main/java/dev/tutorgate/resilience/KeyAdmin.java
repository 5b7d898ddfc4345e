package dev.tutorgate.resilience;

/** What an admin may do about provider keys. */
@FunctionalInterface
public interface KeyAdmin {
    /**
     * Puts a key back in rotation: forgets that it was refused, out of quota or cooling down, and
     * closes its circuits. False when no key has that alias.
     */
    boolean enableKey(String keyAlias);
}
