package dev.tutorgate.budget;

import dev.tutorgate.alerts.BudgetAlertWatcher;
import dev.tutorgate.alerts.InMemorySentAlerts;
import dev.tutorgate.limits.BucketStudentRateLimiter;
import dev.tutorgate.limits.ProviderLimits;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.RateDecision;
import dev.tutorgate.limits.ThrottlePermit;
import dev.tutorgate.limits.ThrottledException;
import dev.tutorgate.limits.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The protection checks on a request's hot path: the student's rate limit, the budget's
 * reserve + settle, the provider-tier throttle. Run single-threaded and contended with
 * {@code bench/protection-jmh.sh} (it passes -t 1 and -t 2); results in bench/results/protection.md.
 * Limits are set so high that every call is admitted: this measures the bookkeeping, not refusals
 * (except {@link #rateLimitRefused}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProtectionBenchmark {
    private static final long WORST_CASE = 20_000_000_000L; // $0.02
    private static final long ACTUAL = 6_000_000_000L;      // $0.006

    private BucketStudentRateLimiter limiter;
    private BucketStudentRateLimiter exhausted;
    private ReservingBudgetGuard appBudget;
    private ReservingBudgetGuard allBudgetsWithAlerts;
    private QueueingProviderThrottle throttle;
    private String[] students;
    private final AtomicInteger next = new AtomicInteger();

    @Setup
    public void setUp() throws Exception {
        limiter = new BucketStudentRateLimiter(Integer.MAX_VALUE, Ticker.SYSTEM);
        exhausted = new BucketStudentRateLimiter(1, Ticker.SYSTEM);
        exhausted.tryAcquire("ann");
        appBudget = new ReservingBudgetGuard(
                BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "1000000").build(),
                new InMemoryCounterStore(), SpendHistory.NONE, Clock.systemUTC());
        BudgetLimits all = BudgetLimits.builder()
                .limitUsd(BudgetScope.APP_DAILY, "1000000")
                .limitUsd(BudgetScope.APP_WEEKLY, "2000000")
                .limitUsd(BudgetScope.APP_MONTHLY, "4000000")
                .limitUsd(BudgetScope.STUDENT_DAILY, "1000000")
                .limitUsd(BudgetScope.STUDENT_MONTHLY, "2000000")
                .build();
        BudgetAlertWatcher watcher = new BudgetAlertWatcher(0.8, ZoneId.of("UTC"),
                DegradationPlan.of(List.of("cheaper-model", "offline", "refuse")), new InMemorySentAlerts(),
                alert -> { }, Runnable::run, Clock.systemUTC());
        allBudgetsWithAlerts = new ReservingBudgetGuard(all, new InMemoryCounterStore(), SpendHistory.NONE,
                Clock.systemUTC(), watcher);
        throttle = new QueueingProviderThrottle(Duration.ofSeconds(2), 50, Ticker.SYSTEM);
        throttle.register("gemini-main#1", new ProviderLimits(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, null,
                Long.MAX_VALUE / 4, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        students = new String[1_000];
        for (int i = 0; i < students.length; i++) {
            students[i] = "student-" + i;
        }
    }

    private String someStudent() {
        return students[(next.getAndIncrement() & Integer.MAX_VALUE) % students.length];
    }

    @Benchmark
    public RateDecision rateLimitAllowed() {
        return limiter.tryAcquire(someStudent());
    }

    @Benchmark
    public RateDecision rateLimitRefused() {
        return exhausted.tryAcquire("ann");
    }

    @Benchmark
    public Reservation budgetReserveSettleAppDaily() throws BudgetExceededException {
        Reservation r = appBudget.reserve(someStudent(), WORST_CASE);
        r.settle(ACTUAL);
        return r;
    }

    @Benchmark
    public Reservation budgetReserveSettleFiveBudgetsWithAlerts() throws BudgetExceededException {
        Reservation r = allBudgetsWithAlerts.reserve(someStudent(), WORST_CASE);
        r.settle(ACTUAL);
        return r;
    }

    @Benchmark
    public ThrottlePermit throttleAcquireComplete() throws ThrottledException {
        ThrottlePermit permit = throttle.acquire("gemini-main#1", 1_500, 1_024);
        permit.complete(1_500, 300);
        return permit;
    }

    /** The whole protection path of one request: rate limit, budget reserve, throttle, settle. */
    @Benchmark
    public Reservation wholeHotPath() throws Exception {
        String student = someStudent();
        limiter.tryAcquire(student);
        Reservation r = appBudget.reserve(student, WORST_CASE);
        ThrottlePermit permit = throttle.acquire("gemini-main#1", 1_500, 1_024);
        permit.complete(1_500, 300);
        r.settle(ACTUAL);
        return r;
    }
}
