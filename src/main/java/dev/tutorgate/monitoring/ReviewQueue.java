package dev.tutorgate.monitoring;

import dev.tutorgate.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Answer accuracy, checked by hand (the brief: "manual check on a sample"): a random sample of
 * answered requests nobody has reviewed yet, and the admin's verdict on one, kept in {@code reviews}
 * (a second verdict replaces the first).
 */
public final class ReviewQueue {
    public static final int MAX_SAMPLE = 50;
    public static final int MAX_NOTE_CHARS = 2000;
    /** Below this many candidate rows the sample is drawn exactly; above, by random probes into the id range. */
    private static final long EXACT_BELOW = 20_000;
    private static final String UNREVIEWED = "f.is_final = 1 AND f.outcome = 'ok' AND f.started_at >= ? AND f.started_at < ? "
            + "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.request_id = f.request_id)";
    /** The same for a probe that walks ids upwards: "+" keeps SQLite on the rowid, off the started_at index. */
    private static final String UNREVIEWED_FROM_ID = "f.id >= ? AND " + UNREVIEWED.replace("f.started_at", "+f.started_at");

    public enum Verdict {
        CORRECT, INCORRECT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Database db;
    private final RequestLogQueries log;
    private final RandomGenerator random;

    public ReviewQueue(Database db, RequestLogQueries log, RandomGenerator random) {
        this.db = db;
        this.log = log;
        this.random = random;
    }

    /** Up to {@code n} (1–50) answered, unreviewed requests of the range, at random, with question and answer. */
    public List<RequestDetail> sample(int n, Range range) {
        if (n < 1 || n > MAX_SAMPLE) {
            throw new IllegalArgumentException("n must be 1.." + MAX_SAMPLE);
        }
        List<String> ids = db.read(c -> pick(c, n, range.from().toEpochMilli(), range.to().toEpochMilli()));
        List<RequestDetail> out = new ArrayList<>();
        for (String id : ids) {
            log.detail(id).ifPresent(out::add);
        }
        return out;
    }

    private List<String> pick(Connection c, int n, long from, long to) throws SQLException {
        long[] bounds = idBounds(c, from, to);
        if (bounds == null) {
            return List.of();
        }
        if (bounds[1] - bounds[0] < EXACT_BELOW) {
            try (PreparedStatement s = c.prepareStatement("SELECT f.request_id FROM ledger f WHERE " + UNREVIEWED
                    + " ORDER BY random() LIMIT ?")) {
                s.setLong(1, from);
                s.setLong(2, to);
                s.setInt(3, n);
                return strings(s);
            }
        }
        Set<String> picked = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT f.request_id FROM ledger f WHERE " + UNREVIEWED_FROM_ID
                + " ORDER BY f.id LIMIT 1")) {
            for (int probe = 0; probe < n * 10 && picked.size() < n; probe++) {
                s.setLong(1, random.nextLong(bounds[0], bounds[1] + 1));
                s.setLong(2, from);
                s.setLong(3, to);
                picked.addAll(strings(s));
            }
        }
        return List.copyOf(picked);
    }

    /** The ids of the first and last rows of the range (through the started_at index), or null if it is empty. */
    private static long[] idBounds(Connection c, long from, long to) throws SQLException {
        Long first = oneId(c, "SELECT id FROM ledger WHERE started_at >= ? AND started_at < ? ORDER BY started_at LIMIT 1", from, to);
        Long last = oneId(c, "SELECT id FROM ledger WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC LIMIT 1", from, to);
        return first == null || last == null ? null : new long[] {Math.min(first, last), Math.max(first, last)};
    }

    private static Long oneId(Connection c, String sql, long from, long to) throws SQLException {
        try (PreparedStatement s = LedgerAggregates.range(c, sql, from, to); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private static List<String> strings(PreparedStatement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Records the admin's verdict on an answered request.
     *
     * @return the review as stored, or empty when no answered request has this id
     */
    public Optional<RequestDetail.Review> review(String requestId, Verdict verdict, String note, Instant at) {
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            throw new IllegalArgumentException("note longer than " + MAX_NOTE_CHARS);
        }
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM ledger WHERE request_id = ? AND is_final = 1 AND outcome = 'ok'")) {
                s.setString(1, requestId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<RequestDetail.Review>empty();
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO reviews (request_id, verdict, note, created_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO UPDATE SET verdict = excluded.verdict, "
                    + "note = excluded.note, created_at = excluded.created_at")) {
                s.setString(1, requestId);
                s.setString(2, verdict.label());
                s.setString(3, note);
                s.setLong(4, at.toEpochMilli());
                s.executeUpdate();
            }
            return Optional.of(new RequestDetail.Review(verdict.label(), note, at));
        });
    }
}
