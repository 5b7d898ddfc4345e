import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.course.Course;
import dev.tutorgate.course.CourseContext;
import dev.tutorgate.course.CourseGenerator;
import dev.tutorgate.course.CourseLoader;
import dev.tutorgate.course.CoursePrompt;
import dev.tutorgate.course.JTokkitTokenCounter;
import dev.tutorgate.course.LuceneOfflineAnswerer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Course benchmark (not part of the test suite): load + count + index a 350K-token course, and the
 * latency of an offline answer. Run with bench/course/run.sh. Prints a Markdown table.
 */
public final class CourseBench {
    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 350_000;
        int loadRounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int answers = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path questionsFile = Path.of(args.length > 3 ? args[3] : "src/test/resources/course/offline-eval.tsv");

        TutorgateConfig.Course settings = ConfigLoader.fromYaml(null, "defaults", Map.of()).config().course();
        Path folder = Files.createTempDirectory("tutorgate-bench-course");
        long g0 = System.nanoTime();
        CourseGenerator.Result generated = new CourseGenerator(JTokkitTokenCounter.o200k())
                .generate(new CourseLoader(JTokkitTokenCounter.o200k()).loadBundled(), tokens, folder);
        double generateMs = ms(System.nanoTime() - g0);

        // Each round: what start-up does (load + count, then prompt and index side by side in
        // CourseContext.of), then the prompt and the index alone, to show where the time goes.
        List<double[]> rounds = new ArrayList<>(); // load+count, context, total, prompt alone, index alone, CPU of start-up
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        LuceneOfflineAnswerer answerer = null;
        Course course = null;
        CoursePrompt prompt = null;
        for (int round = 0; round < loadRounds; round++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            course = new CourseLoader(JTokkitTokenCounter.o200k()).load(folder);
            long t1 = System.nanoTime();
            CourseContext context = CourseContext.of(course, settings, JTokkitTokenCounter.o200k());
            long t2 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            prompt = CoursePrompt.build(course, settings.systemPrompt(), JTokkitTokenCounter.o200k());
            long t3 = System.nanoTime();
            answerer = LuceneOfflineAnswerer.build(course, settings.offline());
            long t4 = System.nanoTime();
            rounds.add(new double[] {ms(t1 - t0), ms(t2 - t1), ms(t2 - t0), ms(t3 - t2), ms(t4 - t3), ms(cpu1 - cpu0)});
        }

        List<String> questions = Files.readAllLines(questionsFile).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t")[0])
                .toList();
        for (int i = 0; i < 5_000; i++) { // warm-up: JIT
            answerer.answer(questions.get(i % questions.size()), TextSink.DISCARD);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long gcBefore = gcCount();
        long[] nanos = new long[answers];
        long[] cpu = new long[answers];
        int hits = 0;
        for (int i = 0; i < answers; i++) {
            String q = questions.get(i % questions.size());
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            hits += answerer.answer(q, TextSink.DISCARD).retrievalHit() ? 1 : 0;
            nanos[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        long gcs = gcCount() - gcBefore;
        Arrays.sort(nanos);
        Arrays.sort(cpu);

        System.out.printf(Locale.ROOT, "course: %d lessons, %,d tokens (prompt prefix %,d tokens), %,d passages; generated in %.0f ms%n",
                course.lessons().size(), course.totalTokens(), prompt.tokens(), answerer.passageCount(), generateMs);
        System.out.println();
        System.out.println("| round | load + count (ms) | prompt ∥ index (ms) | **start-up total** (ms) | CPU of start-up, all threads (ms) | prompt alone (ms) | index alone (ms) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int i = 0; i < rounds.size(); i++) {
            double[] r = rounds.get(i);
            System.out.printf(Locale.ROOT, "| %d%s | %.0f | %.0f | **%.0f** | %.0f | %.0f | %.0f |%n",
                    i + 1, i == 0 ? " (cold JVM)" : "", r[0], r[1], r[2], r[5], r[3], r[4]);
        }
        double[] warm = rounds.stream().skip(1).mapToDouble(r -> r[2]).sorted().toArray();
        if (warm.length > 0) {
            System.out.printf(Locale.ROOT, "%nstart-up total: cold %.0f ms, warm median %.0f ms (of %d rounds)%n",
                    rounds.getFirst()[2], warm[warm.length / 2], warm.length);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "offline answers: %,d over %d questions (%d%% retrieval hits), %d GCs%n",
                answers, questions.size(), hits * 100 / answers, gcs);
        System.out.println();
        System.out.println("| per answer | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| wall clock | %.3f | %.3f | %.3f | %.3f |%n", ms(nanos[answers / 2]),
                ms(nanos[answers * 9 / 10]), ms(nanos[answers * 99 / 100]), ms(nanos[answers - 1]));
        System.out.printf(Locale.ROOT, "| CPU of the answering thread | %.3f | %.3f | %.3f | %.3f |%n", ms(cpu[answers / 2]),
                ms(cpu[answers * 9 / 10]), ms(cpu[answers * 99 / 100]), ms(cpu[answers - 1]));
        try (var files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(folder);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
