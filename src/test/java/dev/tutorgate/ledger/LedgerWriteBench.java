package dev.tutorgate.ledger;

import dev.tutorgate.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Throughput of the ledger's write path (run by bench/ledger.sh, not by the test suite): N virtual
 * threads each call {@link JdbcLedger#record} in a loop for a fixed time, with group commit
 * (batches of up to 256) and, alternating with it, one transaction per write (maxBatch = 1).
 * Prints a Markdown table. Arguments: working folder, seconds per run, rounds.
 */
public final class LedgerWriteBench {
    /** -Dbench.writers=1,64 runs only those. */
    private static final int[] WRITERS = Arrays.stream(System.getProperty("bench.writers", "1,4,16,64,256").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int GROUP = 256;
    private static final int SINGLE = 1;

    record Result(long rows, double seconds, double meanBatch, long p50Micros, long p99Micros) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private LedgerWriteBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-ledger").toAbsolutePath();
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        run(dir, GROUP, 16, 1, true); // warm-up: JIT, SQLite library load
        run(dir, SINGLE, 16, 1, true);

        System.out.printf(Locale.ROOT, "Each cell: median of %d runs of %.0f s; request log on (as by default).%n%n", rounds, seconds);
        System.out.println("| writers | group commit rows/s | one transaction per write rows/s | ratio | mean batch | "
                + "group p50 / p99 record() | single p50 / p99 record() |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int writers : WRITERS) {
            List<Result> group = new ArrayList<>();
            List<Result> single = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // alternate which goes first, so that drift of the shared machine hits both alike
                if (round % 2 == 0) {
                    group.add(run(dir, GROUP, writers, seconds, true));
                    single.add(run(dir, SINGLE, writers, seconds, true));
                } else {
                    single.add(run(dir, SINGLE, writers, seconds, true));
                    group.add(run(dir, GROUP, writers, seconds, true));
                }
            }
            Result g = median(group);
            Result s = median(single);
            System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.1f× | %.1f | %d / %d µs | %d / %d µs |%n",
                    writers, g.rowsPerSecond(), s.rowsPerSecond(), g.rowsPerSecond() / s.rowsPerSecond(),
                    g.meanBatch(), g.p50Micros(), g.p99Micros(), s.p50Micros(), s.p99Micros());
        }
        List<Result> noLog = new ArrayList<>();
        List<Result> withLog = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            noLog.add(run(dir, GROUP, 64, seconds, false));
            withLog.add(run(dir, GROUP, 64, seconds, true));
        }
        System.out.printf(Locale.ROOT, "%nRequest log cost, group commit, 64 writers: %,.0f rows/s without the log, "
                + "%,.0f rows/s with it.%n", median(noLog).rowsPerSecond(), median(withLog).rowsPerSecond());
    }

    static Result run(Path dir, int maxBatch, int writers, double seconds, boolean requestLog) throws Exception {
        clean(dir);
        Files.createDirectories(dir);
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("bench.db"), Database.Options.defaults().withMaxBatch(maxBatch));
             JdbcLedger ledger = new JdbcLedger(db, requestLog ? RequestLog.open(dir.resolve("chat.log").toString()) : RequestLog.NONE)) {
            CountDownLatch start = new CountDownLatch(1);
            long[][] latencies = new long[writers][];
            int[] counts = new int[writers];
            List<Thread> threads = new ArrayList<>();
            long[] window = new long[2];
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(Thread.ofVirtual().start(() -> {
                    long[] mine = new long[1 << 12];
                    int n = 0;
                    awaitQuietly(start);
                    long deadline = window[1];
                    String prefix = "w" + writer + "-";
                    while (System.nanoTime() < deadline) {
                        long began = System.nanoTime();
                        ledger.record(Entries.costing(prefix + n, "student-" + writer, Instant.now(), 1_000));
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - began;
                    }
                    latencies[writer] = mine;
                    counts[writer] = n;
                }));
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + (long) (seconds * 1e9);
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - window[0]) / 1e9;
            long rows = Arrays.stream(counts).asLongStream().sum();
            long[] all = new long[(int) rows];
            int at = 0;
            for (int w = 0; w < writers; w++) {
                System.arraycopy(latencies[w], 0, all, at, counts[w]);
                at += counts[w];
            }
            Arrays.sort(all);
            Database.Stats stats = db.stats();
            return new Result(rows, elapsed, (double) stats.committedWorks() / stats.transactions(),
                    percentileMicros(all, 0.50), percentileMicros(all, 0.99));
        }
    }

    private static long percentileMicros(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1_000;
    }

    private static Result median(List<Result> results) {
        List<Result> sorted = results.stream().sorted(Comparator.comparingDouble(Result::rowsPerSecond)).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void clean(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
