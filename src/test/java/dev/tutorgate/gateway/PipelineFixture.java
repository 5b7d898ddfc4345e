package dev.tutorgate.gateway;

import dev.tutorgate.budget.BudgetLimits;
import dev.tutorgate.budget.BudgetScope;
import dev.tutorgate.budget.BudgetStatus;
import dev.tutorgate.budget.InMemoryCounterStore;
import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.core.Usage;
import dev.tutorgate.course.CourseContext;
import dev.tutorgate.ledger.JdbcLedger;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.LedgerQueries;
import dev.tutorgate.ledger.RequestLog;
import dev.tutorgate.limits.BucketStudentRateLimiter;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ChatProviders;
import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.storage.Database;
import dev.tutorgate.tutor.JdbcConversationStore;
import dev.tutorgate.tutor.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole pipeline over tutorgate's real parts: the database (a temporary SQLite file), ledger,
 * prices, router, rate limiter, budget guard, the bundled sample course (prompt prefix, token
 * counter, offline answerer, citation detector) and real provider clients talking HTTP to the
 * built-in emulator. The pipeline's own single-attempt dispatcher is used (no retries), so each
 * test sees exactly what one call does. A JUnit extension: a test class holds one per test,
 * {@code @RegisterExtension final PipelineFixture f = new PipelineFixture();}, closed after each test.
 */
final class PipelineFixture implements AfterEachCallback, AutoCloseable {
    /** The configuration of most tests; {@code EMULATOR} stands for the emulator's base URL. */
    static final String BASE_YAML = """
            providers:
              - name: acme
                type: openai
                baseUrl: EMULATOR
                apiKeys: ["secret-one", "secret-two"]
            models:
              - name: big-model
                provider: acme
                price: { input: 3.00, cachedInput: 0.30, output: 15.00 }
                contextWindow: 200000
                maxOutputTokens: 1000
              - name: small-model
                provider: acme
                price: { input: 0.10, cachedInput: 0.01, output: 0.40 }
                contextWindow: 200000
                maxOutputTokens: 1000
            routing: { simple: small-model, medium: small-model, complex: big-model, fallbacks: [small-model, offline] }
            chat: { maxMessageChars: 200, language: en }
            course: { maxOutputTokens: 100, historyReserveTokens: 10 }
            """;
    /** Design words make a question complex (the routing rules). */
    static final String COMPLEX_QUESTION = "Help me design the architecture of my API";
    /** The bundled sample course, loaded once: it is immutable and thread-safe. */
    static final CourseContext COURSE = CourseContext.load(
            ConfigLoader.fromYaml(null, "defaults", Map.of()).config().course());
    static final String PREFIX = COURSE.prompt().text();
    static final TokenCounter COUNTER = COURSE.tokens();

    final Emulator emulator = Emulator.start(EmulatorSettings.instant());
    private final Path dir;
    final Database db;
    final JdbcLedger ledger;
    final LedgerQueries ledgerRows;
    /** The client of the provider named "acme", once built. */
    RecordingProvider acme;
    final TokenCounter counter = COUNTER;
    final long prefixTokens = COURSE.prompt().tokens();
    /** 22:30 UTC: the daily budget's period ends in exactly 90 minutes. */
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T22:30:00Z"), ZoneOffset.UTC);
    final List<String> requestIds = new ArrayList<>();
    BudgetLimits budgetLimits = limits(BudgetScope.APP_DAILY, 1_000_000 * Money.PICOS_PER_USD);
    ReservingBudgetGuard budget;
    TutorgateConfig config;
    ChatPipeline pipeline;

    PipelineFixture() {
        try {
            this.dir = Files.createTempDirectory("tutorgate-pipeline");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.db = TestDatabase.open(dir);
        TestDatabase.addStudent(db, "alice");
        TestDatabase.addStudent(db, "bob");
        this.ledger = new JdbcLedger(db, RequestLog.NONE);
        this.ledgerRows = new LedgerQueries(db);
        config(BASE_YAML);
    }

    PipelineFixture config(String yaml) {
        this.config = ConfigLoader.fromYaml(yaml.replace("EMULATOR", emulator.baseUrl()), "test", Map.of()).config();
        return this;
    }

    static BudgetLimits limits(BudgetScope scope, long picos) {
        return BudgetLimits.builder().limitPicos(scope, picos).zone(ZoneOffset.UTC).build();
    }

    /** The pipeline's builder with every part of this fixture; a test may replace some. */
    ChatPipeline.Builder builder() {
        budget = new ReservingBudgetGuard(budgetLimits, new InMemoryCounterStore(), new LedgerSpendHistory(ledgerRows),
                clock);
        Map<String, ChatProvider> clients = new HashMap<>();
        for (TutorgateConfig.Provider provider : config.providers()) {
            clients.put(provider.name(), new RecordingProvider(ChatProviders.create(provider)));
        }
        acme = (RecordingProvider) clients.get("acme");
        return ChatPipeline.builder(config)
                .clock(clock)
                .course(COURSE)
                .conversations(conversations())
                .ledger(ledger)
                .pricing(pricing())
                .rateLimiter(BucketStudentRateLimiter.fromConfig(config.limits()))
                .budgetGuard(budget)
                .router(ModelRouter.fromConfig(config))
                .providers(clients);
    }

    PipelineFixture build() {
        pipeline = builder().build();
        return this;
    }

    JdbcConversationStore conversations() {
        return new JdbcConversationStore(db, clock);
    }

    /** Money held by calls in flight, over every budget of the guard. */
    long held() {
        return statuses().stream().mapToLong(BudgetStatus::reservedPicos).sum();
    }

    /** Money the guard counts as spent (the application's daily budget, or the student cap). */
    long spent() {
        return statuses().stream().mapToLong(BudgetStatus::spentPicos).max().orElse(0);
    }

    private List<BudgetStatus> statuses() {
        List<BudgetStatus> all = new ArrayList<>(budget.appStatus());
        all.addAll(budget.studentStatus("alice"));
        return all;
    }

    CostCalculator pricing() {
        return new CostCalculator(PriceTable.from(config));
    }

    long price(String model, Usage usage) {
        return pricing().cost(model, usage, LocalDate.now(clock)).picos();
    }

    /** The worst case the budget reserves for a fresh conversation's question on {@code model}. */
    long worstCase(String model, String question) {
        long estimate = prefixTokens + counter.count(question) + 4;
        long input = (long) Math.ceil(estimate * 1.10);
        return pricing().worstCasePicos(model, input, 100, LocalDate.now(clock));
    }

    RecordingListener ask(String student, String conversationId, String message, boolean streamed) {
        return ask(student, conversationId, message, streamed, new RecordingListener());
    }

    RecordingListener ask(String student, String conversationId, String message, boolean streamed,
                          RecordingListener listener) {
        String requestId = "req-" + UUID.randomUUID();
        synchronized (requestIds) {
            requestIds.add(requestId);
        }
        pipeline.service().answer(new ChatCommand(requestId, student, conversationId, message, Locale.ENGLISH,
                streamed, null), listener);
        return listener;
    }

    /** The ledger rows of one request, from the database. */
    List<LedgerEntry> rows(String requestId) {
        return ledgerRows.byRequest(requestId);
    }

    LedgerEntry row(String requestId) {
        List<LedgerEntry> rows = rows(requestId);
        if (rows.size() != 1) {
            throw new AssertionError("expected one ledger row for " + requestId + ", found " + rows.size());
        }
        return rows.getFirst();
    }

    /** Every ledger row of the requests asked through {@link #ask}, in asking order. */
    List<LedgerEntry> allRows() {
        synchronized (requestIds) {
            return requestIds.stream().flatMap(id -> rows(id).stream()).toList();
        }
    }

    long totalCost() {
        return ledgerRows.spentPicos(Instant.EPOCH, clock.instant().plusSeconds(86_400));
    }

    /** The usage the emulator reported on its {@code n}-th call (0-based). */
    Usage emulatorUsage(int n) {
        return emulator.calls().get(n).usage();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            db.close();
            emulator.close();
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
