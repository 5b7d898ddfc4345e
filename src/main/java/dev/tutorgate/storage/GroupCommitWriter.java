package dev.tutorgate.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes. Callers queue their work and wait; the thread takes everything
 * queued so far (up to {@code maxBatch}) and runs it in ONE transaction, each work inside its own
 * savepoint, so one commit (one WAL append) serves many callers. A work that fails is rolled back
 * to its savepoint and its exception goes to its caller only; the others still commit.
 *
 * <p>A caller is released only after the commit returned, so "returned" means "durable".
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final Connection connection;
    /** Works get the connection through this: the same SQL is compiled once, not per request. */
    private final StatementCache statements;
    private final Function<SQLException, RuntimeException> translate;
    private final int maxBatch;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    /** Held shared to enqueue, exclusively to close: nothing can be queued behind the close marker. */
    private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
    private final Pending<Void> closeMarker = new Pending<>(c -> null);
    private final List<CommitHook> hooks = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private boolean closed;

    private volatile long transactions;
    private volatile long committedWorks;
    private volatile long failedWorks;

    GroupCommitWriter(Connection connection, int maxBatch, Function<SQLException, RuntimeException> translate,
                      String threadName) throws SQLException {
        this.connection = connection;
        this.maxBatch = maxBatch;
        this.translate = translate;
        connection.setAutoCommit(false);
        this.statements = new StatementCache(connection, 64);
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Runs {@code work} in the next group transaction and waits until it is committed. */
    <T> T submit(SqlWork<T> work) {
        return enqueue(work).await();
    }

    /** Queues {@code work} for the next group transaction without waiting for it. */
    <T> QueuedWrite<T> enqueue(SqlWork<T> work) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("Database.write() called from inside a write: use the connection you were given");
        }
        Pending<T> pending = new Pending<>(work);
        admission.readLock().lock();
        try {
            if (closed) {
                throw new StorageException("The database is closed");
            }
            queue.add(pending);
        } finally {
            admission.readLock().unlock();
        }
        return pending;
    }

    void addHook(CommitHook hook) {
        hooks.add(hook);
    }

    int queued() {
        return queue.size();
    }

    Database.Stats stats() {
        return new Database.Stats(transactions, committedWorks, failedWorks);
    }

    /** Stops taking work, commits everything already queued, then closes the connection. */
    @Override
    public void close() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("Database.close() called from inside a write");
        }
        admission.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(closeMarker);
        } finally {
            admission.writeLock().unlock();
        }
        joinUninterruptibly(thread);
        try {
            statements.close();
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the writer connection failed: {}", e.toString());
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        boolean closing = false;
        while (!closing) {
            batch.add(takeUninterruptibly());
            queue.drainTo(batch, maxBatch - 1);
            if (batch.getLast() == closeMarker) {
                batch.removeLast();
                closing = true;
            }
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
    }

    private void commit(List<Pending<?>> batch) {
        boolean committed = false;
        try {
            if (batch.size() == 1) {
                runAlone(batch.getFirst());
            } else {
                for (Pending<?> pending : batch) {
                    runInSavepoint(pending);
                }
            }
            if (batch.size() == 1 && batch.getFirst().failed()) {
                rollbackQuietly(); // its own transaction: nothing else to keep
                hooks.forEach(CommitHook::afterRollback);
            } else {
                for (CommitHook hook : hooks) {
                    hook.beforeCommit(statements.connection());
                }
                connection.commit();
                committed = true;
            }
        } catch (SQLException | RuntimeException | Error e) {
            // The transaction itself failed (commit, savepoint bookkeeping): nothing of it is
            // durable, so every caller not yet told of a failure of its own learns of this one.
            rollbackQuietly();
            statements.clear();
            hooks.forEach(CommitHook::afterRollback);
            RuntimeException failure = new StorageException("Could not commit the write: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            for (Pending<?> pending : batch) {
                if (!pending.failed()) {
                    pending.fail(failure);
                }
            }
        }
        long failed = batch.stream().filter(Pending::failed).count();
        if (committed) {
            transactions++;
            afterCommit();
        }
        committedWorks += batch.size() - failed;
        failedWorks += failed;
        for (Pending<?> pending : batch) {
            pending.release();
        }
    }

    private void afterCommit() {
        for (CommitHook hook : hooks) {
            try {
                hook.afterCommit();
            } catch (RuntimeException e) {
                LOG.warn("After a commit, {} failed: {}", hook.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /**
     * A work with the transaction to itself needs no savepoint (two more statements per write, most
     * of the writes when traffic is light): if it fails, the whole transaction is rolled back.
     */
    private void runAlone(Pending<?> pending) {
        Throwable failure = attempt(pending);
        if (failure != null) {
            fail(pending, failure);
        }
    }

    /**
     * A failed work is rolled back to its savepoint: it leaves no trace in the transaction. The
     * savepoint statements are compiled once (the driver's setSavepoint() compiles two per work).
     */
    private void runInSavepoint(Pending<?> pending) throws SQLException {
        savepoint("SAVEPOINT work");
        Throwable failure = attempt(pending);
        if (failure != null) {
            savepoint("ROLLBACK TO work");
            fail(pending, failure);
        }
        savepoint("RELEASE work");
    }

    /** Runs a work; returns what it threw (an SQLException translated), or null. */
    private Throwable attempt(Pending<?> pending) {
        try {
            pending.run(statements.connection());
            return null;
        } catch (SQLException e) {
            return translate.apply(e);
        } catch (RuntimeException | Error e) {
            return e;
        }
    }

    /** The work's failure goes to its caller only; its statements may be left mid-way, so all are dropped. */
    private void fail(Pending<?> pending, Throwable failure) {
        statements.clear();
        pending.fail(failure);
    }

    private void savepoint(String sql) throws SQLException {
        try (PreparedStatement statement = statements.connection().prepareStatement(sql)) {
            statement.execute();
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rolling back a failed write transaction failed too: {}", e.toString());
        }
    }

    private Pending<?> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only close() stops this thread, so that no queued caller is left waiting.
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One caller's work and, once the transaction ended, its result or failure. */
    private static final class Pending<T> implements QueuedWrite<T> {
        private final SqlWork<T> work;
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private T result;
        private Throwable failure;

        Pending(SqlWork<T> work) {
            this.work = work;
        }

        void run(Connection connection) throws SQLException {
            result = work.run(connection);
        }

        boolean failed() {
            return failure != null;
        }

        void fail(Throwable t) {
            failure = t;
        }

        void release() {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(result);
            }
        }

        /**
         * Waits without giving up on interrupt: a caller that was cancelled (the student left)
         * must still learn whether its ledger row was committed. The interrupt flag stays set.
         */
        @Override
        public T await() {
            try {
                return done.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
