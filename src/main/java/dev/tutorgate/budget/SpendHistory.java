package dev.tutorgate.budget;

import java.time.Instant;

/**
 * Money already spent, as the ledger recorded it: how a new guard (after a restart) learns what
 * the current periods have spent so far. Sums of {@code cost_picos} over rows whose start time is
 * in [from, to).
 */
public interface SpendHistory {
    /** Nothing spent yet: a fresh installation, or tests. */
    SpendHistory NONE = new SpendHistory() {
        @Override
        public long spentPicos(Instant from, Instant to) {
            return 0;
        }

        @Override
        public long spentPicos(String studentId, Instant from, Instant to) {
            return 0;
        }
    };

    /** Everything the application spent in [from, to). */
    long spentPicos(Instant from, Instant to);

    /** What one student's requests spent in [from, to). */
    long spentPicos(String studentId, Instant from, Instant to);
}
