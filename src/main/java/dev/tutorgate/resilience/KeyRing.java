package dev.tutorgate.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order in which one provider's keys take turns: round-robin, or weighted round-robin when
 * weights are configured (smooth, nginx-style: weights 3 and 1 give A A B A, not A A A B). The
 * schedule is computed once; taking a turn is one atomic increment.
 */
final class KeyRing<K> {
    private final List<K> keys;
    private final int[] schedule;
    private final AtomicLong turn = new AtomicLong();

    /** @param weights one per key, each ≥ 1; null or empty = all equal */
    KeyRing(List<K> keys, List<Integer> weights) {
        this.keys = List.copyOf(keys);
        if (weights != null && !weights.isEmpty() && weights.size() != keys.size()) {
            throw new IllegalArgumentException(weights.size() + " weights for " + keys.size() + " keys");
        }
        this.schedule = smoothSchedule(keys.size(), weights);
    }

    static int[] smoothSchedule(int n, List<Integer> weights) {
        int[] w = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = weights == null || weights.isEmpty() ? 1 : weights.get(i);
            if (w[i] < 1) {
                throw new IllegalArgumentException("weights must be at least 1");
            }
            total += w[i];
        }
        int[] schedule = new int[total];
        long[] current = new long[n];
        for (int slot = 0; slot < total; slot++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += w[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            schedule[slot] = best;
        }
        return schedule;
    }

    List<K> keys() {
        return keys;
    }

    /**
     * Takes the next turn: every key once, the one whose turn it is first, then the others in the
     * order their turns come. The caller uses the first that is usable.
     */
    List<K> nextTurn() {
        if (keys.isEmpty()) {
            return List.of();
        }
        int start = (int) Math.floorMod(turn.getAndIncrement(), (long) schedule.length);
        List<K> order = new ArrayList<>(keys.size());
        boolean[] seen = new boolean[keys.size()];
        for (int i = 0; i < schedule.length && order.size() < keys.size(); i++) {
            int k = schedule[(start + i) % schedule.length];
            if (!seen[k]) {
                seen[k] = true;
                order.add(keys.get(k));
            }
        }
        return order;
    }
}
