package dev.tutorgate.stress;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The brief's stress test against a running server: create the students through the admin API,
 * send the requests, and judge the outcome. The students are new, so each starts with a full
 * allowance and the run sees the limit exactly as a fresh class would.
 */
public final class StressTest {
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Setting up is not what is measured: a short --timeout-seconds must not fail the admin calls of a busy server. */
    private static final Duration MIN_SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final char[] RUN_ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private StressTest() {
    }

    /**
     * Runs the plan and reports. Throws {@link StressSetupException} when the run cannot start
     * (server unreachable, admin token refused); once it has started, every failure is counted.
     */
    public static StressReport run(StressPlan plan, String adminToken, ProgressDisplay progress) {
        String runId = newRunId();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(plan.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? plan.timeout() : MAX_CONNECT_TIMEOUT)
                .build();
        ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("stress-deadlines").unstarted(r));
        try {
            Duration setupTimeout = plan.timeout().compareTo(MIN_SETUP_TIMEOUT) > 0 ? plan.timeout() : MIN_SETUP_TIMEOUT;
            AdminApi admin = new AdminApi(http, plan.baseUrl(), adminToken, setupTimeout);
            progress.setup("creating " + plan.students() + (plan.students() == 1 ? " student..." : " students..."));
            List<StudentToken> students = new ArrayList<>(plan.students());
            for (int i = 1; i <= plan.students(); i++) {
                students.add(admin.createStudent("stress-" + runId + "-" + i));
            }
            OptionalInt fromServer = plan.limitPerMinute().isPresent() ? OptionalInt.empty() : admin.studentRequestsPerMinute();
            LimitSource source = plan.limitPerMinute().isPresent() ? LimitSource.OPTION
                    : fromServer.isPresent() ? LimitSource.SERVER : LimitSource.DEFAULT;
            int limit = plan.limitPerMinute().orElse(fromServer.orElse(StressPlan.DEFAULT_LIMIT_PER_MINUTE));

            LiveCounts live = new LiveCounts(plan.requests());
            progress.start(live);
            LoadRunner.Result result = new LoadRunner(http, watchdogs).run(plan.baseUrl(), students, plan.requests(),
                    plan.concurrency(), plan.questions(), plan.stream(), plan.timeout(), live);
            LimitVerdict verdict = RateLimitCheck.check(result.outcomes(),
                    students.stream().map(StudentToken::name).toList(), limit, source, plan.rule());
            return StressReport.of(plan, runId, students, result, verdict);
        } finally {
            progress.stop();
            watchdogs.shutdownNow();
            http.shutdownNow();
        }
    }

    /** Six characters, unambiguous to read: names this run's students ({@code stress-<run>-<i>}). */
    static String newRunId() {
        SecureRandom random = new SecureRandom();
        char[] id = new char[6];
        for (int i = 0; i < id.length; i++) {
            id[i] = RUN_ID_CHARS[random.nextInt(RUN_ID_CHARS.length)];
        }
        return new String(id);
    }
}
