package dev.tutorgate.storage;

/** A write broke a UNIQUE or PRIMARY KEY constraint: the row exists already. */
public class DuplicateKeyException extends StorageException {
    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
