package dev.tutorgate.storage;

/** The database could not be opened, or a piece of work could not be done or committed. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
