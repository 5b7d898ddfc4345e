package dev.tutorgate.ledger;

import java.nio.file.Path;
import java.util.List;

/**
 * The request log (the brief's {@code chat.log}): the same record as the ledger row, one JSON
 * line per row, appended and handed to the operating system before {@link Ledger#record}
 * returns. The database stays the authority: a failed append is logged, never thrown, because the
 * row is already committed.
 */
public interface RequestLog extends AutoCloseable {
    /** No request log ({@code storage.requestLog: null}). */
    RequestLog NONE = new RequestLog() {
        @Override
        public byte[] line(LedgerEntry entry) {
            return null;
        }

        @Override
        public void append(List<byte[]> lines) {
        }

        @Override
        public void close() {
        }
    };

    /** The entry's line, newline included, made on the caller's thread; null when there is no log. */
    byte[] line(LedgerEntry entry);

    /** Appends lines made by {@link #line}, in order, in one write. */
    void append(List<byte[]> lines);

    @Override
    void close();

    /**
     * Opens (creating it and its folder if needed) the log at {@code path} for appending; null
     * means no log.
     *
     * @throws dev.tutorgate.storage.StorageException when the file cannot be opened for appending
     */
    static RequestLog open(String path) {
        return path == null ? NONE : JsonLinesRequestLog.open(Path.of(path));
    }
}
