package dev.tutorgate.storage;

/**
 * A write handed to the database's writer and not waited for yet (see {@link Database#queue}).
 *
 * @param <T> what the work returns
 */
public interface QueuedWrite<T> {
    /**
     * Waits until the write is committed and returns what the work returned, or throws what
     * {@link Database#write} would have thrown. Waits through interrupts, as {@code write} does.
     */
    T await();
}
