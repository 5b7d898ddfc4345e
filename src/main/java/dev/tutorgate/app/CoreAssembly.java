package dev.tutorgate.app;

import dev.tutorgate.alerts.AlertSinks;
import dev.tutorgate.alerts.BudgetAlertWatcher;
import dev.tutorgate.alerts.FanOutAlertSink;
import dev.tutorgate.alerts.InMemorySentAlerts;
import dev.tutorgate.alerts.JdbcSentAlerts;
import dev.tutorgate.alerts.SentAlerts;
import dev.tutorgate.budget.BudgetLimits;
import dev.tutorgate.budget.InMemoryCounterStore;
import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.budget.SpendHistory;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.course.Course;
import dev.tutorgate.course.CourseContext;
import dev.tutorgate.course.Lesson;
import dev.tutorgate.gateway.ChatPipeline;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.ledger.JdbcLedger;
import dev.tutorgate.ledger.LedgerQueries;
import dev.tutorgate.limits.BucketStudentRateLimiter;
import dev.tutorgate.monitoring.Monitoring;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ChatProviders;
import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.storage.Database;
import dev.tutorgate.tutor.JdbcConversationStore;
import dev.tutorgate.web.health.DatabaseWriteProbe;
import dev.tutorgate.web.health.ReadinessCheck;
import dev.tutorgate.web.page.CourseInfo;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Builds the {@link Core} from the configuration: opens the database (migrations run), loads and
 * counts the course, and assembles the chat pipeline from the real parts — ledger, prices, rate
 * limiter, budget guard, classifier and router, offline answerer, provider clients.
 */
public final class CoreAssembly {
    private CoreAssembly() {
    }

    /** Opens everything; on failure closes what was opened and rethrows. */
    public static Core open(TutorgateConfig config, Clock clock) {
        Database db = Database.open(config.storage().ledger());
        try {
            return assemble(config, db, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Core assemble(TutorgateConfig config, Database db, Clock clock) {
        CourseContext courseContext = CourseContext.load(config.course());
        Course course = courseContext.course();
        JdbcLedger ledger = JdbcLedger.create(db, config.storage());
        LedgerQueries spent = new LedgerQueries(db);
        BudgetLimits limits = BudgetLimits.from(config);
        FanOutAlertSink alerts = AlertSinks.fromConfig(config.alerts());
        ExecutorService alertThread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("budget-alerts").factory());
        BudgetAlertWatcher watcher = new BudgetAlertWatcher(config.budget().alertAtFraction(), limits.zone(),
                sentAlerts(config), alerts, alertThread, clock);
        CostCalculator costs = new CostCalculator(PriceTable.from(config));
        Monitoring monitoring = Monitoring.create(config, db, costs, clock);
        ReservingBudgetGuard budget = new ReservingBudgetGuard(limits, new InMemoryCounterStore(), spendHistory(spent),
                clock, watcher);
        monitoring.watchBudget(budget);
        ChatPipeline pipeline = ChatPipeline.builder(config)
                .clock(clock)
                .course(courseContext)
                .conversations(new JdbcConversationStore(db, clock))
                .ledger(monitoring.meter(ledger))
                .pricing(costs)
                .rateLimiter(BucketStudentRateLimiter.fromConfig(config.limits()))
                .budgetGuard(budget)
                .router(ModelRouter.fromConfig(config))
                .providers(providers(config, clock))
                .build();

        List<String> lines = new ArrayList<>();
        lines.add("Course: " + course.source() + " — " + course.lessons().size() + " lessons, "
                + NumberFormat.getIntegerInstance(Locale.US).format(course.totalTokens()) + " tokens");
        lines.addAll(pipeline.report().lines());
        lines.add("Ledger: " + db.location());
        List<ReadinessCheck> readiness = List.of(courseLoaded(course), new DatabaseWriteProbe(db, clock));
        AutoCloseable closeLast = () -> {
            alertThread.shutdown();
            alerts.close();
            ledger.close();
        };
        return new AssembledCore(pipeline.service(), db, closeLast, courseInfo(course), readiness, lines,
                Optional.of(monitoring));
    }

    private static SpendHistory spendHistory(LedgerQueries ledger) {
        return new SpendHistory() {
            @Override
            public long spentPicos(Instant from, Instant to) {
                return ledger.spentPicos(from, to);
            }

            @Override
            public long spentPicos(String studentId, Instant from, Instant to) {
                return ledger.spentPicos(studentId, from, to);
            }
        };
    }

    private static Map<String, ChatProvider> providers(TutorgateConfig config, Clock clock) {
        Map<String, ChatProvider> out = new LinkedHashMap<>();
        config.providers().forEach(p -> out.put(p.name(), ChatProviders.create(p, clock)));
        return out;
    }

    private static ReadinessCheck courseLoaded(Course course) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "course";
            }

            @Override
            public String problem() {
                return course.lessons().isEmpty() ? "no lessons loaded" : null;
            }
        };
    }

    /** The page's header and hint: the course's name and lessons (the page asks about a few of them). */
    static CourseInfo courseInfo(Course course) {
        return new CourseInfo(courseTitle(course.source()), course.lessons().stream().map(Lesson::title).toList(), List.of());
    }

    private static String courseTitle(String source) {
        int open = source.indexOf('(');
        int close = source.lastIndexOf(')');
        if (open >= 0 && close > open) {
            return source.substring(open + 1, close);
        }
        String name = source.replaceAll("[/\\\\]+$", "");
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    /**
     * Which budget alerts were sent, so each fires once per period also across restarts. The store
     * takes a DataSource: for SQLite, its own connections to the ledger's file; otherwise in memory.
     */
    private static SentAlerts sentAlerts(TutorgateConfig config) {
        String url = config.storage().ledger();
        if (!url.startsWith("jdbc:sqlite:")) {
            return new InMemorySentAlerts();
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setBusyTimeout(5_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(url);
        return new JdbcSentAlerts(dataSource);
    }

    /** @param parts closed before the database: alert delivery, the ledger's request log */
    private record AssembledCore(ChatService chat, Database db, AutoCloseable parts, CourseInfo course,
                                 List<ReadinessCheck> readiness, List<String> startupLines,
                                 Optional<Monitoring> monitoring) implements Core {
        @Override
        public void close() {
            try {
                parts.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(CoreAssembly.class).warn("closing: {}", e.toString());
            } finally {
                db.close();
            }
        }
    }
}
