package dev.tutorgate.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from SQLite's write-ahead log back into the database file on a thread
 * of its own. Left to itself, SQLite checkpoints inside a commit every 1,000 pages, and the
 * checkpoint's two fsyncs stall the writer — and every request waiting for its commit — for
 * milliseconds at a time (at full load: 4–8% fewer requests per second).
 *
 * <p>A {@code PASSIVE} checkpoint never waits for the writer or for readers. The log starts over
 * from its beginning only once all of it has been copied: under ordinary load this thread gets
 * there alone; under continuous writes new commits arrive while it copies, and the writer's own
 * automatic checkpoint at {@link #WRITER_BACKSTOP_PAGES} finishes the job — with only the last
 * few pages left to copy — which also bounds the log if this thread falls behind.
 */
final class WalCheckpointer implements Dialect.Checkpoints {
    /** The log size at which the writer checkpoints by itself: under continuous writes, or if this thread falls behind. */
    static final int WRITER_BACKSTOP_PAGES = 10_000;
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /**
     * One checkpoint's outcome, as SQLite reports it.
     *
     * @param logPages    pages in the log when it ran
     * @param copiedPages of those, pages now in the database file
     */
    record Pass(int logPages, int copiedPages) {
        boolean copiedAll() {
            return copiedPages == logPages;
        }
    }

    private final Connection connection;
    private final LongSupplier commits;
    private final long intervalNanos;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private final AtomicLong passes = new AtomicLong();
    private volatile Pass lastPass = new Pass(0, 0);
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    /**
     * @param connection a connection of its own to the database (closed by {@link #close})
     * @param commits    the writer's transaction count: a pass runs only when it has moved
     */
    WalCheckpointer(Connection connection, LongSupplier commits, Duration interval) {
        this.connection = connection;
        this.commits = commits;
        this.intervalNanos = interval.toNanos();
        this.thread = Thread.ofPlatform().name("tutorgate-db-checkpoint").daemon().unstarted(this::run);
    }

    /** Tells the writer's connection to leave routine checkpoints to this thread. */
    static void configureWriter(Connection writer) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint=" + WRITER_BACKSTOP_PAGES);
        }
    }

    WalCheckpointer start() {
        thread.start();
        return this;
    }

    /** Checkpoints run so far. */
    long passes() {
        return passes.get();
    }

    Pass lastPass() {
        return lastPass;
    }

    private void run() {
        long seen = -1;
        while (!awaitClosing()) {
            long now = commits.getAsLong();
            if (now != seen) {
                seen = now;
                checkpoint();
            }
        }
    }

    private boolean awaitClosing() {
        try {
            return closing.await(intervalNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** One pass; the thread runs it on its schedule. */
    void checkpoint() {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (rs.next()) {
                lastPass = new Pass(rs.getInt(2), rs.getInt(3));
            }
            passes.incrementAndGet();
        } catch (SQLException e) {
            // The writer's backstop still bounds the log; say so once a minute, not on every pass.
            long now = System.nanoTime();
            if (now - lastWarning >= WARN_EVERY_NANOS) {
                lastWarning = now;
                LOG.warn("Background checkpoint of the database failed ({}); the writer will checkpoint by itself",
                        e.getMessage());
            }
        }
    }

    /**
     * Stops the thread and closes its connection. The database closes this last: SQLite moves the
     * rest of the log into the file when its last connection closes.
     */
    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the checkpoint connection failed", e);
        }
    }
}
