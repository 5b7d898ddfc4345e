package dev.tutorgate.app;

import dev.tutorgate.budget.BudgetLimits;
import dev.tutorgate.budget.InMemoryCounterStore;
import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.budget.SpendHistory;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.core.Usage;
import dev.tutorgate.course.CitationDetector;
import dev.tutorgate.course.Course;
import dev.tutorgate.course.CourseLoader;
import dev.tutorgate.course.CoursePrompt;
import dev.tutorgate.course.JTokkitTokenCounter;
import dev.tutorgate.course.Lesson;
import dev.tutorgate.course.LuceneOfflineAnswerer;
import dev.tutorgate.gateway.CallPricing;
import dev.tutorgate.gateway.ChatPipeline;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.ledger.JdbcLedger;
import dev.tutorgate.ledger.LedgerQueries;
import dev.tutorgate.limits.BucketStudentRateLimiter;
import dev.tutorgate.monitoring.Monitoring;
import dev.tutorgate.pricing.Cost;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ChatProviders;
import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.routing.RuleBasedClassifier;
import dev.tutorgate.storage.Database;
import dev.tutorgate.tutor.JdbcConversationStore;
import dev.tutorgate.tutor.PromptPrefix;
import dev.tutorgate.web.health.DatabaseWriteProbe;
import dev.tutorgate.web.health.ReadinessCheck;
import dev.tutorgate.web.page.CourseInfo;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
        TokenCounter counter = JTokkitTokenCounter.o200k();
        Course course = new CourseLoader(counter).load(config.course());
        CoursePrompt prompt = CoursePrompt.build(course, config.course().systemPrompt(), counter);
        JdbcLedger ledger = JdbcLedger.create(db, config.storage());
        LedgerQueries spent = new LedgerQueries(db);
        CostCalculator costs = new CostCalculator(PriceTable.from(config));
        Monitoring monitoring = Monitoring.create(config, db, costs, clock);
        ReservingBudgetGuard budget = new ReservingBudgetGuard(BudgetLimits.from(config), new InMemoryCounterStore(),
                spendHistory(spent), clock);
        monitoring.watchBudget(budget);
        ChatPipeline pipeline = ChatPipeline.builder(config)
                .clock(clock)
                .prompt(PromptPrefix.of(prompt.text(), counter), counter)
                .conversations(new JdbcConversationStore(conversationDataSource(config), clock))
                .ledger(monitoring.meter(ledger))
                .pricing(pricing(costs))
                .rateLimiter(BucketStudentRateLimiter.fromConfig(config.limits()))
                .budgetGuard(budget)
                .classifier(RuleBasedClassifier.fromConfig(config))
                .router(router(ModelRouter.fromConfig(config), config))
                .offlineAnswerer(LuceneOfflineAnswerer.build(course, config.course().offline()))
                .citations(new CitationDetector(course)::citedTitles)
                .providers(providers(config, clock))
                .build();

        List<String> lines = new ArrayList<>();
        lines.add("Course: " + course.source() + " — " + course.lessons().size() + " lessons, "
                + NumberFormat.getIntegerInstance(Locale.US).format(course.totalTokens()) + " tokens");
        lines.addAll(pipeline.report().lines());
        lines.add("Ledger: " + db.location());
        List<ReadinessCheck> readiness = List.of(courseLoaded(course), new DatabaseWriteProbe(db, clock));
        return new AssembledCore(pipeline.service(), db, ledger, courseInfo(course), readiness, lines,
                Optional.of(monitoring));
    }

    /** The pipeline's conversation store still takes a DataSource: same SQLite file, its own connections. */
    private static SQLiteDataSource conversationDataSource(TutorgateConfig config) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setBusyTimeout(5_000);
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(config.storage().ledger());
        return dataSource;
    }

    private static CallPricing pricing(CostCalculator calculator) {
        return new CallPricing() {
            @Override
            public Cost cost(String model, Usage usage, Instant at) {
                return calculator.cost(model, usage, LocalDate.ofInstant(at, ZoneOffset.UTC));
            }

            @Override
            public long worstCasePicos(String model, long inputTokens, int maxOutputTokens, Instant at) {
                return calculator.worstCasePicos(model, inputTokens, maxOutputTokens, LocalDate.ofInstant(at, ZoneOffset.UTC));
            }
        };
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

    /** The routed candidates, or — when an application asked for a model — that model, then the fallbacks. */
    private static dev.tutorgate.gateway.CandidateRouter router(ModelRouter router, TutorgateConfig config) {
        return (complexity, requested) -> {
            if (requested == null) {
                return router.candidates(complexity);
            }
            LinkedHashSet<String> chain = new LinkedHashSet<>();
            chain.add(requested);
            chain.addAll(config.routing().fallbacks());
            chain.add(ModelRouter.OFFLINE);
            return List.copyOf(chain);
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

    /** The page's header and hint: the course's name and a few of its lessons as example questions. */
    static CourseInfo courseInfo(Course course) {
        List<String> titles = course.lessons().stream().map(Lesson::title).toList();
        List<String> examples = new ArrayList<>();
        for (int i = Math.min(4, titles.size() - 1); i < titles.size() && examples.size() < 3; i += 5) {
            examples.add("Explain “" + titles.get(i) + "” in simple words");
        }
        return new CourseInfo(courseTitle(course.source()), titles, examples);
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

    private record AssembledCore(ChatService chat, Database db, JdbcLedger ledger, CourseInfo course,
                                 List<ReadinessCheck> readiness, List<String> startupLines,
                                 Optional<Monitoring> monitoring) implements Core {
        @Override
        public void close() {
            try {
                ledger.close();
            } finally {
                db.close();
            }
        }
    }
}
