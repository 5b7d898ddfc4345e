package dev.tutorgate.storage;

import static org.awaitility.Awaitility.await;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps the database's single writer busy inside one work until {@link #release()}, so that a
 * test can queue several writes behind it and know the writer will take them as one batch.
 */
final class WriterGate implements AutoCloseable {
    private final Database db;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread holder;

    private WriterGate(Database db) {
        this.db = db;
        holder = Thread.ofVirtual().start(() -> db.write(connection -> {
            entered.countDown();
            awaitUninterruptibly(released);
            return null;
        }));
    }

    /** Returns once the writer is inside the gate's work. */
    static WriterGate hold(Database db) throws InterruptedException {
        WriterGate gate = new WriterGate(db);
        gate.entered.await();
        return gate;
    }

    void awaitQueued(int writes) {
        await().until(() -> db.queuedWrites() == writes);
    }

    void release() throws InterruptedException {
        released.countDown();
        holder.join();
    }

    @Override
    public void close() throws InterruptedException {
        release();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep holding: the test decides when the writer goes on
            }
        }
    }
}
