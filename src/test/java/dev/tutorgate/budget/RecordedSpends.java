package dev.tutorgate.budget;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The tests' ledger: every settled cost with its time and student, summed by range exactly as the
 * real ledger's queries do (rows whose start is in [from, to)).
 */
public final class RecordedSpends implements SpendHistory {
    private record Row(Instant at, String studentId, long picos) {
    }

    private final ConcurrentLinkedQueue<Row> rows = new ConcurrentLinkedQueue<>();

    public void record(Instant at, String studentId, long picos) {
        rows.add(new Row(at, studentId, picos));
    }

    public int size() {
        return rows.size();
    }

    public long total() {
        return rows.stream().mapToLong(Row::picos).sum();
    }

    public long total(String studentId) {
        return rows.stream().filter(r -> Objects.equals(r.studentId, studentId)).mapToLong(Row::picos).sum();
    }

    @Override
    public long spentPicos(Instant from, Instant to) {
        return rows.stream().filter(r -> inRange(r.at, from, to)).mapToLong(Row::picos).sum();
    }

    @Override
    public long spentPicos(String studentId, Instant from, Instant to) {
        return rows.stream().filter(r -> studentId.equals(r.studentId) && inRange(r.at, from, to))
                .mapToLong(Row::picos).sum();
    }

    private static boolean inRange(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
