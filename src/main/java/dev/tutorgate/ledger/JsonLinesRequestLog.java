package dev.tutorgate.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.tutorgate.core.JsonFactories;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import dev.tutorgate.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one JSON object per line, with every ledger column under a readable name, costs in USD
 * as decimal strings and the time in ISO-8601 UTC. The lines of one commit go out in one locked
 * write to a file opened for appending, so lines never interleave and a killed process loses
 * nothing that was appended (no buffer of ours holds it).
 */
final class JsonLinesRequestLog implements RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesRequestLog.class);
    private static final JsonFactory JSON = JsonFactories.plain();

    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean failing; // guarded by lock: warn once per run of failures, not once per line

    private JsonLinesRequestLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static JsonLinesRequestLog open(Path path) {
        Path file = path.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
            return new JsonLinesRequestLog(file, FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException | SecurityException e) {
            throw new StorageException("Cannot open the request log " + file + " for appending: " + e
                    + " (check storage.requestLog, or set it to null to turn the log off)", e);
        }
    }

    @Override
    public byte[] line(LedgerEntry entry) {
        return format(entry);
    }

    @Override
    public void append(List<byte[]> lines) {
        ByteBuffer[] buffers = new ByteBuffer[lines.size()];
        long remaining = 0;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(lines.get(i));
            remaining += buffers[i].remaining();
        }
        lock.lock();
        try {
            while (remaining > 0) {
                remaining -= channel.write(buffers); // one writev for the lines of a whole commit
            }
            if (failing) {
                failing = false;
                LOG.info("The request log {} is written again", file);
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot append to the request log {} (the ledger database still has every row): {}", file, e.toString());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the request log {} failed: {}", file, e.toString());
        }
    }

    static byte[] format(LedgerEntry e) {
        Usage u = e.usage();
        ByteArrayBuilder bytes = new ByteArrayBuilder(768);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("startedAt", e.startedAt().truncatedTo(ChronoUnit.MILLIS).toString()); // as stored
            json.writeStringField("requestId", e.requestId());
            json.writeNumberField("attempt", e.attempt());
            json.writeBooleanField("final", e.isFinal());
            json.writeStringField("studentId", e.studentId());
            json.writeStringField("conversationId", e.conversationId());
            json.writeStringField("complexity", e.complexity());
            json.writeStringField("model", e.model());
            json.writeStringField("provider", e.provider());
            json.writeStringField("keyAlias", e.keyAlias());
            json.writeStringField("outcome", e.outcome().label());
            json.writeStringField("errorKind", e.errorKind());
            json.writeStringField("fallbackReason", e.fallbackReason());
            json.writeNumberField("inputTokens", u.inputTokens());
            json.writeNumberField("cachedTokens", u.cachedInputTokens());
            json.writeNumberField("cacheWrite5mTokens", u.cacheWrite5mTokens());
            json.writeNumberField("cacheWrite1hTokens", u.cacheWrite1hTokens());
            json.writeNumberField("outputTokens", u.outputTokens());
            json.writeNumberField("reasoningTokens", u.reasoningTokens());
            json.writeBooleanField("usageEstimated", u.estimated());
            json.writeStringField("costUsd", Money.usd(e.costPicos()).toPlainString());
            json.writeStringField("costWithoutCacheUsd", Money.usd(e.costWithoutCachePicos()).toPlainString());
            writeNullable(json, "ttftMs", e.ttftMs());
            writeNullable(json, "latencyMs", e.latencyMs());
            json.writeBooleanField("streamed", e.streamed());
            json.writeBooleanField("clientDisconnected", e.clientDisconnected());
            if (e.retrievalHit() == null) {
                json.writeNullField("retrievalHit");
            } else {
                json.writeBooleanField("retrievalHit", e.retrievalHit());
            }
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // writing to memory
        }
        bytes.append('\n');
        return bytes.toByteArray();
    }

    private static void writeNullable(JsonGenerator json, String name, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }
}
