package dev.tutorgate.monitoring;

import dev.tutorgate.budget.BudgetPeriod;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.ledger.LedgerRollups;
import dev.tutorgate.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The 1,000,000-row month (run by bench/monitoring/summary.sh, not by the test suite).
 *
 * <pre>
 *   generate FILE ROWS STUDENTS ONLINE_PER_HOUR   fills a fresh SQLite file, then builds its roll-ups
 *   summary FILE RUNS [raw]                        opens it, times the month's summary: the first call, then RUNS more
 *   counts FILE                                    rows of the ledger and of each roll-up
 * </pre>
 *
 * The month: 30 days of November 2026 in Moscow, busier by day than by night; 60% simple questions
 * on Gemini Flash, 30% medium on GPT-4.1 mini, 10% complex on Claude; 3% of requests retried, 1%
 * answered by a fallback, 2% refused (rate limit, budget), 1% offline answers; TTFT log-normal around
 * 600 ms, 50 tokens a second; each hour a random ONLINE_PER_HOUR of the STUDENTS ask.
 */
public final class MonitoringSummaryBench {
    static final Instant MONTH_START = Instant.parse("2026-10-31T21:00:00Z");
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String INSERT = "INSERT INTO ledger (request_id, attempt, is_final, started_at, student_id, "
            + "conversation_id, complexity, model, provider, key_alias, outcome, error_kind, fallback_reason, input_tokens, "
            + "cached_tokens, output_tokens, cost_picos, cost_without_cache_picos, ttft_ms, latency_ms, streamed, retrieval_hit) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private MonitoringSummaryBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "summary" -> summary(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 && args[3].equals("raw"));
            case "counts" -> counts(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void generate(Path file, int rows, int students, int onlinePerHour) throws Exception {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + "-wal"));
        Files.deleteIfExists(Path.of(file + "-shm"));
        Database.open("jdbc:sqlite:" + file).close(); // migrations: the ledger and its roll-up tables
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            }
            c.setAutoCommit(false);
            int written = fill(c, new Random(42), rows, students, onlinePerHour);
            LedgerRollups.rebuild(c); // rows written here bypass the ledger, which sums them as it writes
            c.commit();
            System.out.printf(Locale.ROOT, "generated %,d ledger rows in %.1f s%n", written, (System.nanoTime() - started) / 1e9);
        }
        counts(file);
    }

    /** Rows in the ledger and each roll-up, and the file's size. */
    static void counts(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String table : List.of("ledger", "ledger_hourly", "ledger_student_hourly", "ledger_latency_hist")) {
                try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "%s: %,d rows%n", table, rs.getLong(1));
                }
            }
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        System.out.printf(Locale.ROOT, "file: %,d MB%n", Files.size(file) / 1_000_000);
    }

    /** Writes about {@code rows} ledger rows; returns how many. */
    static int fill(Connection c, Random random, int rows, int students, int onlinePerHour) throws Exception {
        double[] hourWeight = new double[24];
        double weightSum = 0;
        for (int h = 0; h < 24; h++) { // Moscow local hours: quiet at night, busy 10–22
            hourWeight[h] = h < 7 ? 0.15 : h < 10 ? 0.8 : h < 22 ? 1.5 : 0.6;
            weightSum += hourWeight[h];
        }
        int hours = 30 * 24;
        double perLocalHour = rows / 0.985 / 30.0 / weightSum; // ~1.5% of requests write a second row
        int written = 0;
        int request = 0;
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (int hour = 0; hour < hours; hour++) {
                long hourStart = MONTH_START.toEpochMilli() + hour * 3_600_000L;
                int localHour = hour % 24; // the month starts at local midnight
                int requests = (int) Math.round(perLocalHour * hourWeight[localHour]);
                int[] online = random.ints(0, students).distinct().limit(Math.min(onlinePerHour, students)).toArray();
                for (int i = 0; i < requests; i++) {
                    long at = hourStart + random.nextInt(3_600_000);
                    String student = "student-" + online[random.nextInt(online.length)];
                    written += request(s, random, "r" + request++, at, student);
                    if (written % 5_000 < 2) {
                        s.executeBatch();
                    }
                }
            }
            s.executeBatch();
        }
        return written;
    }

    private static int request(PreparedStatement s, Random random, String id, long at, String student) throws Exception {
        double roll = random.nextDouble();
        String complexity = roll < 0.6 ? "simple" : roll < 0.9 ? "medium" : "complex";
        String model = roll < 0.6 ? "gemini-2.5-flash" : roll < 0.9 ? "gpt-4.1-mini" : "claude-sonnet-4-5";
        double shape = random.nextDouble();
        if (shape < 0.02) {
            add(s, id, 0, true, at, student, complexity, null, "rejected", shape < 0.015 ? "rate_limited" : "budget_exceeded",
                    null, 0, 0, 0, null, null, null);
            return 1;
        }
        if (shape < 0.03) {
            add(s, id, 1, true, at, student, complexity, "offline", "ok", null, "budget", 0, 0, 0, 3L, 15L, true);
            return 1;
        }
        int rows = 1;
        String fallback = null;
        if (shape < 0.075) { // 3% retried, 1.5% of those fall back
            boolean fallsBack = shape < 0.045;
            add(s, id, 1, false, at, student, complexity, model, "error", fallsBack ? "rate_limited" : "unavailable",
                    null, 0, 0, 0, null, 150L + random.nextInt(400), null);
            at += 1_000 + random.nextInt(1_000);
            if (fallsBack) {
                model = "gpt-4.1-mini";
                fallback = "rate_limited";
            }
            rows = 2;
        }
        long input = 40_000 + random.nextInt(4_000);
        long cached = random.nextDouble() < 0.8 ? 38_000 : 0;
        long output = 100 + random.nextInt(700);
        long ttft = Math.round(Math.exp(Math.log(600) + 0.45 * random.nextGaussian()));
        long latency = ttft + output * 20 + random.nextInt(200);
        add(s, id, rows, true, at, student, complexity, model, "ok", null, fallback, input, cached, output, ttft, latency,
                random.nextDouble() < 0.97);
        return rows;
    }

    private static void add(PreparedStatement s, String id, int attempt, boolean isFinal, long at, String student,
                            String complexity, String model, String outcome, String errorKind, String fallback,
                            long input, long cached, long output, Long ttft, Long latency, Boolean retrieval) throws Exception {
        long cost = 0;
        long withoutCache = 0;
        if (model != null && !model.equals("offline") && input > 0) {
            long in = model.startsWith("gemini") ? 300_000 : model.startsWith("gpt") ? 400_000 : 3_000_000;
            long cachedRate = in / 10;
            long out = model.startsWith("gemini") ? 2_500_000 : model.startsWith("gpt") ? 1_600_000 : 15_000_000;
            cost = (input - cached) * in + cached * cachedRate + output * out;
            withoutCache = input * in + output * out;
        }
        s.setString(1, id);
        s.setInt(2, attempt);
        s.setInt(3, isFinal ? 1 : 0);
        s.setLong(4, at);
        s.setString(5, student);
        s.setString(6, "c-" + student);
        s.setString(7, complexity);
        s.setString(8, model);
        s.setString(9, model == null ? null : model.equals("offline") ? "offline" : model + "-provider");
        s.setString(10, model == null || model.equals("offline") ? null : model + "-provider#1");
        s.setString(11, outcome);
        s.setString(12, errorKind);
        s.setString(13, fallback);
        s.setLong(14, input);
        s.setLong(15, cached);
        s.setLong(16, output);
        s.setLong(17, cost);
        s.setLong(18, withoutCache);
        s.setObject(19, ttft);
        s.setObject(20, latency);
        s.setInt(21, ttft == null ? 0 : 1);
        s.setObject(22, retrieval == null ? null : retrieval ? 1 : 0);
        s.addBatch();
    }

    static TutorgateConfig config() {
        return ConfigLoader.fromYaml(MonitoringDb.CONFIG, "bench", Map.of()).config();
    }

    /** Times the month's summary: the first call after opening the database, then {@code runs} more. */
    static void summary(Path file, int runs, boolean raw) {
        TutorgateConfig config = config();
        Instant now = MONTH_START.plusSeconds(30L * 86_400 - 3_600); // the last hour of the month
        Range month = Range.current(BudgetPeriod.MONTH, now, MOSCOW);
        Range today = Range.current(BudgetPeriod.DAY, now, MOSCOW);
        LedgerAggregates.Mode mode = raw ? LedgerAggregates.Mode.RAW : LedgerAggregates.Mode.ROLLUPS;
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            SummaryService service = new SummaryService(db, config, new CostCalculator(PriceTable.from(config)),
                    Clock.fixed(now, ZoneOffset.UTC));
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            Summary first = service.summary(month, mode);
            double cold = (System.nanoTime() - t0) / 1e6;
            double coldCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            List<Double> warm = new ArrayList<>();
            List<Double> warmCpu = new ArrayList<>();
            List<Double> warmToday = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                service.summary(month, mode);
                warm.add((System.nanoTime() - t) / 1e6);
                warmCpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
                t = System.nanoTime();
                service.summary(today, mode);
                warmToday.add((System.nanoTime() - t) / 1e6);
            }
            // one machine-readable line for bench/monitoring/summary.sh
            System.out.printf(Locale.ROOT, "RESULT mode=%s coldWall=%.1f coldCpu=%.1f warmWall=%.1f warmCpu=%.1f "
                            + "warmMinWall=%.1f todayWall=%.1f requests=%d rows=%s cost=%s ttftP95=%s latencyP95=%s active=%d%n",
                    mode, cold, coldCpu, median(warm), median(warmCpu), warm.stream().mapToDouble(d -> d).min().orElse(0),
                    median(warmToday), first.requests().total(), first.calls().total() + first.requests().rejected(),
                    first.spend().total().text(), first.latency().ttft().p95(), first.latency().total().p95(),
                    first.students().active());
        }
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    /** Insert cost with and without the roll-up triggers: {@code rows} rows, alternating, three rounds each. */
}
