package dev.tutorgate.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/**
 * The ledger rows of one time range, summed: per combination of low-cardinality columns, per
 * student, latency histograms, and the same per time bucket for the charts. Built by
 * {@link LedgerAggregates} from roll-ups and raw rows alike. Mutable while it is built.
 */
final class Aggregate {
    final Map<CubeKey, Measures> cube = new HashMap<>();
    final Map<String, StudentSums> students = new HashMap<>();
    final Histogram ttft = new Histogram();
    final Histogram latency = new Histogram();
    final TreeMap<Long, SeriesPoint> series = new TreeMap<>();
    /** Every TTFT and latency value, kept only when the whole range was read row by row. */
    final List<Long> rawTtft;
    final List<Long> rawLatency;
    private final LongUnaryOperator timeBucket;

    Aggregate(LongUnaryOperator timeBucket, boolean keepRawValues) {
        this.timeBucket = timeBucket;
        this.rawTtft = keepRawValues ? new ArrayList<>() : null;
        this.rawLatency = keepRawValues ? new ArrayList<>() : null;
    }

    boolean hasRawValues() {
        return rawTtft != null;
    }

    /** Sums of one student's rows. */
    static final class StudentSums {
        long rows;
        long requests;
        long answered;
        long costPicos;
    }

    /** One point of the charts. */
    static final class SeriesPoint {
        final Measures all = new Measures();
        /** Requests (final rows) by the model that answered; refusals under "". */
        final Map<String, Long> requestsByModel = new TreeMap<>();
        final Histogram ttft = new Histogram();
        final Histogram latency = new Histogram();
    }

    Measures cubeAt(CubeKey key) {
        return cube.computeIfAbsent(key, k -> new Measures());
    }

    SeriesPoint pointAt(long epochMs) {
        return series.computeIfAbsent(timeBucket.applyAsLong(epochMs), t -> new SeriesPoint());
    }

    StudentSums student(String id) {
        return students.computeIfAbsent(id, s -> new StudentSums());
    }

    void addRow(RawRow r) {
        cubeAt(r.key()).addRow(r);
        SeriesPoint point = pointAt(r.startedAt());
        point.all.addRow(r);
        if (r.key().isFinal()) {
            point.requestsByModel.merge(r.key().model(), 1L, Long::sum);
        }
        if (r.studentId() != null) {
            StudentSums s = student(r.studentId());
            s.rows++;
            s.costPicos += r.costPicos();
            if (r.key().isFinal()) {
                s.requests++;
                if (r.key().ok()) {
                    s.answered++;
                }
            }
        }
        if (r.inLatencyPopulation()) {
            if (r.ttftMs() != null) {
                ttft.addValue(r.ttftMs());
                point.ttft.addValue(r.ttftMs());
                if (rawTtft != null) {
                    rawTtft.add(r.ttftMs());
                }
            }
            if (r.latencyMs() != null) {
                latency.addValue(r.latencyMs());
                point.latency.addValue(r.latencyMs());
                if (rawLatency != null) {
                    rawLatency.add(r.latencyMs());
                }
            }
        }
    }

    /** Cube measures summed over the keys that pass {@code filter}. */
    Measures sum(java.util.function.Predicate<CubeKey> filter) {
        Measures out = new Measures();
        cube.forEach((k, m) -> {
            if (filter.test(k)) {
                out.add(m);
            }
        });
        return out;
    }

    /** Rows (not sums) over the keys that pass {@code filter}. */
    long rows(java.util.function.Predicate<CubeKey> filter) {
        long n = 0;
        for (Map.Entry<CubeKey, Measures> e : cube.entrySet()) {
            if (filter.test(e.getKey())) {
                n += e.getValue().rows;
            }
        }
        return n;
    }

    /** Cube measures grouped by {@code by} over the keys that pass {@code filter}. */
    Map<String, Measures> groupBy(java.util.function.Function<CubeKey, String> by,
                                  java.util.function.Predicate<CubeKey> filter) {
        Map<String, Measures> out = new HashMap<>();
        cube.forEach((k, m) -> {
            if (filter.test(k)) {
                out.computeIfAbsent(by.apply(k), x -> new Measures()).add(m);
            }
        });
        return out;
    }
}
