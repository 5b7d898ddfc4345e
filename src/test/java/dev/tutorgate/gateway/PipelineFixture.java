package dev.tutorgate.gateway;

import dev.tutorgate.budget.BudgetScope;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Complexity;
import dev.tutorgate.course.OfflineAnswer;
import dev.tutorgate.course.OfflineAnswerer;
import dev.tutorgate.limits.RateDecision;
import dev.tutorgate.limits.StudentRateLimiter;
import dev.tutorgate.routing.Classification;
import dev.tutorgate.routing.ComplexityClassifier;
import dev.tutorgate.tutor.ContextRules;
import dev.tutorgate.tutor.JdbcConversationStore;
import dev.tutorgate.tutor.PromptPrefix;
import dev.tutorgate.tutor.TestSqlite;
import dev.tutorgate.tutor.WordTokenCounter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A whole pipeline over a real SQLite file, with small stand-ins for the parts that have not
 * landed yet (provider, budget guard, ledger, pricing, classifier, router, offline answerer).
 */
final class PipelineFixture {
    static final String BASE_YAML = """
            providers:
              - name: acme
                type: openai
                baseUrl: http://127.0.0.1:9
                apiKeys: ["secret-one", "secret-two"]
            models:
              - name: big-model
                provider: acme
                price: { input: 3.00, cachedInput: 0.30, output: 15.00 }
                contextWindow: 100000
                maxOutputTokens: 1000
              - name: small-model
                provider: acme
                price: { input: 0.10, cachedInput: 0.01, output: 0.40 }
                contextWindow: 100000
                maxOutputTokens: 1000
            routing: { simple: small-model, medium: small-model, complex: big-model, fallbacks: [small-model, offline] }
            chat: { maxMessageChars: 200, language: en }
            course: { maxOutputTokens: 100 }
            """;
    static final String COURSE = "You are the course tutor. Cite lessons as [Lesson: title].\n"
            + "Lesson Virtual environments: python -m venv creates an isolated environment. ".repeat(20);

    final Path dir;
    final DataSource db;
    final ListLedger ledger = new ListLedger();
    final ScriptedProvider acme = new ScriptedProvider("acme");
    final WordTokenCounter counter = new WordTokenCounter();
    final PromptPrefix prefix;
    final Map<String, AtomicInteger> requestsByStudent = new ConcurrentHashMap<>();
    int requestsPerStudent = 1000;
    TestBudgetGuard budget = new TestBudgetGuard(Long.MAX_VALUE / 4, BudgetScope.APP_DAILY);
    ContextRules rules = new ContextRules(0.10, 4, 10);
    TutorgateConfig config;
    ChatPipeline pipeline;

    PipelineFixture(Path dir) {
        this.dir = dir;
        this.db = TestSqlite.migrated(dir);
        TestSqlite.addStudent(db, "alice");
        TestSqlite.addStudent(db, "bob");
        this.prefix = PromptPrefix.of(COURSE, counter);
        config(BASE_YAML);
    }

    PipelineFixture config(String yaml) {
        this.config = ConfigLoader.fromYaml(yaml, "test", Map.of()).config();
        return this;
    }

    PipelineFixture build() {
        pipeline = ChatPipeline.builder(config)
                .clock(Clock.systemUTC())
                .contextRules(rules)
                .prompt(prefix, counter)
                .conversations(new JdbcConversationStore(db, Clock.systemUTC()))
                .ledger(ledger)
                .pricing(new RatePricing(config))
                .rateLimiter(limiter())
                .budgetGuard(budget)
                .classifier(CLASSIFIER)
                .router(router(config))
                .offlineAnswerer(OFFLINE)
                .citations(PipelineFixture::citedTitles)
                .providers(Map.of("acme", acme))
                .build();
        return this;
    }

    RecordingListener ask(String student, String conversationId, String message, boolean streamed) {
        return ask(student, conversationId, message, streamed, new RecordingListener());
    }

    RecordingListener ask(String student, String conversationId, String message, boolean streamed,
                          RecordingListener listener) {
        ChatCommand command = new ChatCommand("req-" + UUID.randomUUID(), student, conversationId, message,
                Locale.ENGLISH, streamed, null);
        pipeline.service().answer(command, listener);
        return listener;
    }

    private StudentRateLimiter limiter() {
        return student -> requestsByStudent.computeIfAbsent(student, s -> new AtomicInteger()).incrementAndGet()
                <= requestsPerStudent ? RateDecision.ALLOWED : new RateDecision(false, 42);
    }

    /** "debug" makes a question complex; everything else is simple. */
    static final ComplexityClassifier CLASSIFIER = question -> question.contains("debug")
            ? new Classification(Complexity.COMPLEX, List.of("debugging words"))
            : new Classification(Complexity.SIMPLE, List.of("short question"));

    static CandidateRouter router(TutorgateConfig config) {
        return (complexity, requested) -> {
            List<String> names = new ArrayList<>();
            names.add(requested != null ? requested : switch (complexity) {
                case SIMPLE -> config.routing().simple();
                case MEDIUM -> config.routing().medium();
                case COMPLEX -> config.routing().complex();
            });
            names.addAll(config.routing().fallbacks());
            names.add(Candidate.OFFLINE_NAME);
            return names;
        };
    }

    static final String OFFLINE_TEXT = "This is an excerpt from the course, not a generated answer: python -m venv .venv";

    /** Quotes one passage in three pieces; a hit when the question mentions venv. */
    static final OfflineAnswerer OFFLINE = (question, sink) -> {
        String[] pieces = {OFFLINE_TEXT.substring(0, 20), OFFLINE_TEXT.substring(20, 50), OFFLINE_TEXT.substring(50)};
        StringBuilder sent = new StringBuilder();
        for (String piece : pieces) {
            if (!sink.accept(piece)) {
                break;
            }
            sent.append(piece);
        }
        boolean hit = question.toLowerCase(Locale.ROOT).contains("venv");
        return new OfflineAnswer(OFFLINE_TEXT, hit ? List.of("Virtual environments") : List.of(), hit);
    };

    private static final Pattern CITATION = Pattern.compile("\\[Lesson: ([^\\]]+)]");

    static List<String> citedTitles(String answer) {
        List<String> titles = new ArrayList<>();
        Matcher m = CITATION.matcher(answer);
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }
}
