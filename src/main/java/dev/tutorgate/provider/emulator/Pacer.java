package dev.tutorgate.provider.emulator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's only way to wait: every delay, pacing step and hang ends early when the emulator
 * stops, so that {@link Emulator#close()} never waits for a hang to run out.
 */
final class Pacer {
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Waits {@code ms}; false when the emulator stopped meanwhile. {@code Long.MAX_VALUE} = until it stops. */
    boolean sleep(long ms) {
        if (ms <= 0) {
            return !isStopped();
        }
        try {
            return !stopped.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until {@code deadlineNanos} ({@link System#nanoTime()} scale); false when the emulator stopped. */
    boolean sleepUntil(long deadlineNanos) {
        long wait = deadlineNanos - System.nanoTime();
        if (wait <= 0) {
            return !isStopped();
        }
        try {
            return !stopped.await(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    void stop() {
        stopped.countDown();
    }
}
