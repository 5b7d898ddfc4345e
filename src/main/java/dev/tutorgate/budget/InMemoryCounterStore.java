package dev.tutorgate.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counters in this process's memory, for a single instance. One lock guards everything: each
 * operation touches at most five counters and takes well under a microsecond, so a single lock
 * costs less than the bookkeeping finer locks would need to stay all-or-nothing across counters
 * (see bench/results/protection.md). Nothing here blocks on I/O.
 */
public final class InMemoryCounterStore implements CounterStore {
    /** How often {@link #expireHolds} also forgets counters whose period is over. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Cell> cells = new HashMap<>();
    private final Map<Long, ActiveHold> holds = new HashMap<>();
    private long lastHoldId;
    private Instant nextPurge = Instant.MIN;

    private static final class Cell {
        long spent;
        long reserved;
        final Instant keepUntil;

        Cell(long spent, Instant keepUntil) {
            this.spent = spent;
            this.keepUntil = keepUntil;
        }

        Value value() {
            return new Value(spent, reserved);
        }
    }

    private record ActiveHold(Cell[] cells, long amount, Instant expiresAt) {
    }

    @Override
    public HoldResult hold(List<Counter> counters, long amountPicos, Instant expiresAt) {
        requireNonNegative(amountPicos);
        Cell[] found = new Cell[counters.size()];
        lock.lock();
        try {
            for (int i = 0; i < found.length; i++) {
                Counter counter = counters.get(i);
                Cell cell = cells.get(counter.key());
                if (cell == null) {
                    return HoldResult.unknownCounter(i);
                }
                // Subtraction, not addition: spent may exceed the limit after an over-estimate settle.
                if (amountPicos > counter.limitPicos() - cell.spent - cell.reserved) {
                    return HoldResult.doesNotFit(i);
                }
                found[i] = cell;
            }
            for (Cell cell : found) {
                cell.reserved += amountPicos;
            }
            long id = ++lastHoldId;
            holds.put(id, new ActiveHold(found, amountPicos, expiresAt));
            return HoldResult.held(id);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Value[] settle(long holdId, long actualPicos) {
        requireNonNegative(actualPicos);
        lock.lock();
        try {
            ActiveHold hold = holds.remove(holdId);
            if (hold == null) {
                return null;
            }
            Value[] after = new Value[hold.cells.length];
            for (int i = 0; i < after.length; i++) {
                Cell cell = hold.cells[i];
                cell.reserved -= hold.amount;
                cell.spent += actualPicos;
                after[i] = cell.value();
            }
            return after;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void addSpent(List<Counter> counters, long picos) {
        requireNonNegative(picos);
        lock.lock();
        try {
            for (Counter counter : counters) {
                Cell cell = cells.get(counter.key());
                if (cell != null) {
                    cell.spent += picos;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int expireHolds(Instant now) {
        lock.lock();
        try {
            int expired = 0;
            // Holds in flight are few (one per call being answered), so a scan is cheaper than an index.
            for (Iterator<ActiveHold> it = holds.values().iterator(); it.hasNext(); ) {
                ActiveHold hold = it.next();
                if (!hold.expiresAt.isAfter(now)) {
                    it.remove();
                    for (Cell cell : hold.cells) {
                        cell.reserved -= hold.amount;
                    }
                    expired++;
                }
            }
            if (!now.isBefore(nextPurge)) {
                cells.values().removeIf(cell -> cell.reserved == 0 && !cell.keepUntil.isAfter(now));
                nextPurge = now.plus(PURGE_EVERY);
            }
            return expired;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void seedIfAbsent(Counter counter, long spentPicos) {
        requireNonNegative(spentPicos);
        lock.lock();
        try {
            cells.putIfAbsent(counter.key(), new Cell(spentPicos, counter.keepUntil()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Value read(String key) {
        lock.lock();
        try {
            Cell cell = cells.get(key);
            return cell == null ? null : cell.value();
        } finally {
            lock.unlock();
        }
    }

    /** How many counters are kept (memory stays bounded: finished periods are forgotten). */
    public int counterCount() {
        lock.lock();
        try {
            return cells.size();
        } finally {
            lock.unlock();
        }
    }

    private static void requireNonNegative(long picos) {
        if (picos < 0) {
            throw new IllegalArgumentException("amounts must not be negative: " + picos);
        }
    }
}
