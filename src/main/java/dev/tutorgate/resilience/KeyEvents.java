package dev.tutorgate.resilience;

import java.time.Instant;

/** What a {@link KeyPool} tells the outside world about its keys. */
@FunctionalInterface
public interface KeyEvents {
    KeyEvents NONE = (key, keysLeft, at) -> {
    };

    /**
     * The provider refused {@code key} and it was taken out of rotation; called once per key (again
     * only after it was put back and refused anew).
     *
     * @param keysLeft the provider's keys still in rotation
     */
    void keyRefused(KeyState key, int keysLeft, Instant at);
}
