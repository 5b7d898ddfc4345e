package dev.tutorgate.resilience;

import dev.tutorgate.alerts.Alert;
import dev.tutorgate.budget.BudgetLimits;
import dev.tutorgate.budget.InMemoryCounterStore;
import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.course.Course;
import dev.tutorgate.course.CourseContext;
import dev.tutorgate.course.CourseLoader;
import dev.tutorgate.course.CoursePrompt;
import dev.tutorgate.course.JTokkitTokenCounter;
import dev.tutorgate.gateway.ChatCommand;
import dev.tutorgate.gateway.ChatPipeline;
import dev.tutorgate.gateway.LedgerSpendHistory;
import dev.tutorgate.gateway.RecordingListener;
import dev.tutorgate.ledger.JdbcLedger;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.LedgerQueries;
import dev.tutorgate.limits.BucketStudentRateLimiter;
import dev.tutorgate.limits.ProviderThrottle;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ChatProviders;
import dev.tutorgate.provider.emulator.CallRecord;
import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.storage.Database;
import dev.tutorgate.testing.MutableClock;
import dev.tutorgate.tutor.JdbcConversationStore;
import dev.tutorgate.tutor.PromptPrefix;
import dev.tutorgate.tutor.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chat pipeline with the resilient dispatcher over tutorgate's real parts — a SQLite ledger in a
 * temporary folder, the reserving budget guard, the course and its offline answerer, the provider
 * clients — talking real HTTP to the built-in emulator (all three protocols). Time is a test clock
 * shared with the emulator; waits go to a {@link RecordingSleeper} that moves it.
 */
final class ResilienceFixture implements AutoCloseable {
    static final String QUESTION = "What is a virtual environment?";
    /** Placeholder for the emulator's base URL in configuration snippets. */
    static final String URL = "{url}";

    static final String PROVIDERS = """
            providers:
              - { name: gem, type: gemini, baseUrl: "{url}", apiKeys: [gem-key-1] }
              - { name: oa, type: openai, baseUrl: "{url}", apiKeys: [oa-key-1] }
              - { name: ant, type: anthropic, baseUrl: "{url}", apiKeys: [ant-key-1] }
            """;
    static final String MODELS = """
            models:
              - { name: gemini-2.5-flash, provider: gem }
              - { name: gpt-4.1-mini, provider: oa }
              - { name: claude-haiku-4-5, provider: ant }
            """;
    static final String ROUTING = """
            routing: { simple: gemini-2.5-flash, medium: gemini-2.5-flash, complex: gemini-2.5-flash,
                       fallbacks: [gpt-4.1-mini, offline] }
            """;
    static final String RETRY = """
            retry: { maxAttempts: 3, backoffSeconds: [1, 2, 4], jitter: 0 }
            """;
    static final String TIMEOUTS = """
            timeouts: { connectMs: 2000, firstTokenMs: 3000, idleMs: 3000, totalMs: 15000, requestMs: 30000 }
            """;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    final Emulator emulator;
    final Path dir;
    final Map<String, String> sections = new LinkedHashMap<>();
    TokenCounter counter;
    TutorgateConfig config;
    Database db;
    LedgerQueries ledger;
    Resilience resilience;
    ChatPipeline pipeline;
    ProviderThrottle throttle;
    private final List<ChatProvider> clients = new ArrayList<>();

    ResilienceFixture(Path dir) {
        this.dir = dir;
        this.emulator = Emulator.start(EmulatorSettings.instant().toBuilder().answerTokens(20).build(), 0, clock);
        sections.put("providers", PROVIDERS);
        sections.put("models", MODELS);
        sections.put("routing", ROUTING);
        sections.put("retry", RETRY);
        sections.put("timeouts", TIMEOUTS);
    }

    /** Replaces one top-level section of the configuration (its YAML, {@code {url}} = the emulator). */
    ResilienceFixture with(String section, String yaml) {
        sections.put(section, yaml);
        return this;
    }

    ResilienceFixture throttle(ProviderThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    ResilienceFixture start() {
        Path courseDir = writeCourse(dir.resolve("course"));
        StringBuilder yaml = new StringBuilder();
        sections.values().forEach(yaml::append);
        yaml.append("course: { path: \"").append(courseDir).append("\", maxOutputTokens: 64, historyReserveTokens: 100 }\n");
        yaml.append("limits: { studentRequestsPerMinute: 10000 }\n");
        yaml.append("storage: { ledger: \"jdbc:sqlite:").append(dir.resolve("tutorgate.db")).append("\", requestLog: null }\n");
        config = ConfigLoader.fromYaml(yaml.toString().replace(URL, emulator.baseUrl()), "test", Map.of()).config();

        CourseContext course = CourseContext.load(config.course());
        counter = course.tokens();
        db = TestDatabase.open(dir);
        TestDatabase.addStudent(db, "alice");
        ledger = new LedgerQueries(db);
        CostCalculator pricing = new CostCalculator(PriceTable.from(config));
        Map<String, ChatProvider> providers = new LinkedHashMap<>();
        for (TutorgateConfig.Provider p : config.providers()) {
            ChatProvider client = ChatProviders.create(p, clock);
            clients.add(client);
            providers.put(p.name(), client);
        }
        resilience = Resilience.builder(config).sleeper(sleeper).alerts(alerts::add).throttle(throttle)
                .summaries(new JdbcSummaryStore(db)).build();
        pipeline = ChatPipeline.builder(config)
                .clock(clock)
                .course(course)
                .conversations(new JdbcConversationStore(db, clock))
                .ledger(JdbcLedger.create(db, config.storage()))
                .pricing(pricing)
                .rateLimiter(BucketStudentRateLimiter.fromConfig(config.limits()))
                .budgetGuard(new ReservingBudgetGuard(BudgetLimits.from(config), new InMemoryCounterStore(),
                        new LedgerSpendHistory(ledger), clock))
                .router(ModelRouter.fromConfig(config))
                .providers(providers)
                .dispatcher(resilience.dispatcher())
                .build();
        return this;
    }

    static Path writeCourse(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("01-venv.md"), """
                    # Virtual environments

                    A virtual environment keeps a project's packages apart from the system's. Create one with
                    `python -m venv .venv`, activate it with `source .venv/bin/activate`, and install packages
                    with pip inside it. Each project gets its own environment and its own requirements.txt.
                    """);
            Files.writeString(folder.resolve("02-fastapi.md"), """
                    # FastAPI basics

                    FastAPI is a web framework for building APIs with Python type hints. A path operation is a
                    function decorated with `@app.get("/items/{item_id}")`; FastAPI validates the parameters and
                    writes the OpenAPI schema. Run the app with `uvicorn main:app --reload`.
                    """);
            Files.writeString(folder.resolve("03-async.md"), """
                    # Async and await

                    An `async def` function returns a coroutine; `await` suspends it until the awaited work is
                    done, letting the event loop run other tasks. Never call blocking code inside a coroutine.
                    """);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tokens of the prompt prefix (built-in instructions + this fixture's course), to size context windows. */
    static long prefixTokens(Path dir) {
        TokenCounter tokens = JTokkitTokenCounter.o200k();
        Course course = new CourseLoader(tokens).load(writeCourse(dir.resolve("course-probe")));
        return PromptPrefix.of(CoursePrompt.build(course, null, tokens).text(), tokens).tokens();
    }

    /** One question as the page asks it (streamed unless {@code streamed} is false). */
    record Asked(String requestId, String conversationId, RecordingListener listener) {
    }

    Asked ask(String conversationId, String message, boolean streamed, RecordingListener listener) {
        String requestId = "req-" + UUID.randomUUID();
        pipeline.service().answer(new ChatCommand(requestId, "alice", conversationId, message, Locale.ENGLISH,
                streamed, null), listener);
        String conversation = ledger.byRequest(requestId).stream().map(LedgerEntry::conversationId)
                .filter(java.util.Objects::nonNull).findFirst().orElse(conversationId);
        return new Asked(requestId, conversation, listener);
    }

    Asked ask() {
        return ask(null, QUESTION, true, new RecordingListener());
    }

    /** The model calls the emulator saw since the last {@link #forget()}: "model@key outcome". */
    List<String> calls() {
        return modelCalls().stream().map(c -> modelOf(c) + "@" + c.key() + " " + c.outcome()).toList();
    }

    /** The calls' model: a refused key is refused before the body is read, but Gemini names it in the path. */
    static String modelOf(CallRecord call) {
        if (call.model() != null) {
            return call.model();
        }
        int at = call.path().indexOf("/models/");
        int colon = call.path().indexOf(':', Math.max(at, 0));
        return at >= 0 && colon > at ? call.path().substring(at + "/models/".length(), colon) : "?";
    }

    /** Chat calls only (not the emulator's control API or model listings). */
    List<CallRecord> modelCalls() {
        return emulator.calls().stream().filter(c -> c.method().equals("POST") && !c.path().startsWith("/_emulator"))
                .toList();
    }

    /** The time between consecutive calls the emulator saw (its clock is the test clock). */
    List<Duration> spacing() {
        List<CallRecord> calls = modelCalls();
        List<Duration> out = new ArrayList<>();
        for (int i = 1; i < calls.size(); i++) {
            out.add(Duration.ofMillis(calls.get(i).timeMs() - calls.get(i - 1).timeMs()));
        }
        return out;
    }

    List<Duration> waits() {
        return sleeper.waits();
    }

    /** Forgets the calls and waits seen so far (between the requests of one scenario). */
    void forget() {
        emulator.clearCalls();
        sleeper.clear();
    }

    /** A request's ledger rows: "attempt:model@key outcome[/error][ fallback=reason][ final]". */
    List<String> rows(String requestId) {
        return ledger.byRequest(requestId).stream().map(ResilienceFixture::describe).toList();
    }

    List<LedgerEntry> entries(String requestId) {
        return ledger.byRequest(requestId);
    }

    static String describe(LedgerEntry e) {
        return e.attempt() + ":" + e.model() + (e.keyAlias() == null ? "" : "@" + e.keyAlias()) + " "
                + e.outcome().label() + (e.errorKind() == null ? "" : "/" + e.errorKind())
                + (e.fallbackReason() == null ? "" : " fallback=" + e.fallbackReason()) + (e.isFinal() ? " final" : "");
    }

    ModelHealth health(String model) {
        return resilience.models().stream().filter(m -> m.model().equals(model)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        try {
            clients.forEach(ChatProvider::close);
            emulator.close();
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }
}
