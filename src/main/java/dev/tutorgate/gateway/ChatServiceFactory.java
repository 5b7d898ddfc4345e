package dev.tutorgate.gateway;

import dev.tutorgate.alerts.AlertSinks;
import dev.tutorgate.alerts.BudgetAlertWatcher;
import dev.tutorgate.alerts.FanOutAlertSink;
import dev.tutorgate.alerts.JdbcSentAlerts;
import dev.tutorgate.budget.BudgetLimits;
import dev.tutorgate.budget.DegradationPlan;
import dev.tutorgate.budget.InMemoryCounterStore;
import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.course.CourseContext;
import dev.tutorgate.ledger.JdbcLedger;
import dev.tutorgate.ledger.LedgerQueries;
import dev.tutorgate.limits.BucketStudentRateLimiter;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.monitoring.Monitoring;
import dev.tutorgate.monitoring.ResilienceStatusSource;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.resilience.JdbcSummaryStore;
import dev.tutorgate.resilience.Resilience;
import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.scaling.ThrottleTierMonitor;
import dev.tutorgate.storage.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Assembles the chat pipeline from the configuration and the shared parts, the way {@code serve}
 * runs it: the SQLite ledger (with the request log), the dated prices, the router, the Bucket4j
 * rate limiter, the reserving budget guard rebuilt from the ledger (with the 80%/100% alerts),
 * one provider client per configured provider, and the resilient dispatcher (retries, key
 * balancing, circuit breakers, fallbacks, the provider tier throttle, history summaries; refused
 * keys alert through the same sinks), and the tier monitor fed by every provider reply (its 90%
 * warnings through the same sinks).
 */
public final class ChatServiceFactory {
    /** How often holds of crashed calls are looked for, even when nobody reserves. */
    private static final long EXPIRE_EVERY_SECONDS = 30;

    private ChatServiceFactory() {
    }

    /**
     * @param db        the opened database (migrated); stays the caller's to close, after the system
     * @param course    the loaded course
     * @param providers makes the client of one configured provider
     */
    public static ChatSystem create(TutorgateConfig config, Database db, CourseContext course,
                                    Function<TutorgateConfig.Provider, ChatProvider> providers, Clock clock) {
        return create(config, db, course, providers, clock, null);
    }

    /**
     * The same, watched by {@code monitoring} (null = not watched): every ledger row also counts in
     * its metrics, and the budget guard, the circuits and the tier throttle report to its dashboard
     * and gauges.
     */
    public static ChatSystem create(TutorgateConfig config, Database db, CourseContext course,
                                    Function<TutorgateConfig.Provider, ChatProvider> providers, Clock clock,
                                    Monitoring monitoring) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            JdbcLedger ledger = JdbcLedger.create(db, config.storage());
            resources.add(ledger);
            FanOutAlertSink alerts = AlertSinks.fromConfig(config.alerts());
            resources.add(alerts);
            ReservingBudgetGuard budget = budgetGuard(config, db, clock, alerts, resources);
            QueueingProviderThrottle throttle = QueueingProviderThrottle.fromConfig(config, TierCatalog.bundled());
            ThrottleTierMonitor tiers = ThrottleTierMonitor.fromConfig(config, TierCatalog.bundled(), throttle, alerts, clock);
            Resilience resilience = Resilience.builder(config)
                    .alerts(alerts)
                    .throttle(throttle)
                    .summaries(new JdbcSummaryStore(db))
                    .build();
            BucketStudentRateLimiter rateLimiter = BucketStudentRateLimiter.fromConfig(config.limits());
            Map<String, ChatProvider> clients = new LinkedHashMap<>();
            config.providers().forEach(p -> clients.put(p.name(), providers.apply(p)));
            ChatPipeline pipeline = ChatPipeline.builder(config)
                    .clock(clock)
                    .course(course)
                    .conversations(new dev.tutorgate.tutor.JdbcConversationStore(db, clock))
                    .ledger(monitoring == null ? ledger : monitoring.meter(ledger))
                    .pricing(new CostCalculator(PriceTable.from(config)))
                    .rateLimiter(rateLimiter)
                    .budgetGuard(budget)
                    .router(ModelRouter.fromConfig(config))
                    .providers(clients)
                    .tierMonitor(tiers)
                    .dispatcher(resilience.dispatcher())
                    .build();
            if (monitoring != null) {
                monitoring.watchBudget(budget);
                monitoring.watchProviders(new ResilienceStatusSource(resilience, config));
                monitoring.watchTiers(tiers);
            }
            return new ChatSystem(pipeline, budget, rateLimiter, resilience, tiers, resources);
        } catch (RuntimeException e) {
            ChatSystem.closeAll(resources);
            throw e;
        }
    }

    private static ReservingBudgetGuard budgetGuard(TutorgateConfig config, Database db, Clock clock,
                                                    FanOutAlertSink alerts, List<AutoCloseable> resources) {
        BudgetLimits limits = BudgetLimits.from(config);
        // One thread, so that alerts keep their order (the 80% warning before "used up").
        ExecutorService alertThread = Executors.newSingleThreadExecutor(Thread.ofPlatform()
                .name("tutorgate-budget-alerts").daemon(true).factory());
        resources.add(alertThread::shutdown);
        BudgetAlertWatcher watcher = new BudgetAlertWatcher(config.budget().alertAtFraction(), limits.zone(),
                DegradationPlan.of(config.budget().degrade()), new JdbcSentAlerts(db), alerts, alertThread, clock);
        ReservingBudgetGuard guard = new ReservingBudgetGuard(limits, new InMemoryCounterStore(),
                new LedgerSpendHistory(new LedgerQueries(db)), clock, watcher);
        ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("tutorgate-budget-expiry").daemon(true).factory());
        expiry.scheduleWithFixedDelay(guard::expireStale, EXPIRE_EVERY_SECONDS, EXPIRE_EVERY_SECONDS, TimeUnit.SECONDS);
        resources.add(expiry::shutdownNow);
        return guard;
    }
}
