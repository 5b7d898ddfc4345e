package dev.tutorgate.monitoring;

import dev.tutorgate.budget.BudgetStatus;
import dev.tutorgate.budget.BudgetStatusSource;
import dev.tutorgate.core.Money;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.storage.Database;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every metric tutorgate exports at {@code GET /metrics}, in one place: names, labels and units
 * are defined here and documented in docs/readme/monitoring.md. The pipeline's ledger rows feed
 * the request, call, token, cost, latency, error and rejection metrics through
 * {@link MeteredLedger}; the budget and the provider watchers register sources that are read at
 * each scrape. Thread-safe; recording never throws into the caller's path.
 *
 * <p>Money: counters in US dollars, accumulated exactly in pico-dollars and divided only when
 * scraped, so a month of tiny costs does not drift the way a sum of doubles would.
 */
public final class Metrics {
    public static final String REQUESTS = "tutorgate.requests";
    public static final String CALLS = "tutorgate.calls";
    public static final String TOKENS = "tutorgate.tokens";
    public static final String COST = "tutorgate.cost.usd";
    public static final String COST_WITHOUT_CACHE = "tutorgate.cost.without.cache.usd";
    public static final String TTFT = "tutorgate.ttft";
    public static final String LATENCY = "tutorgate.latency";
    public static final String ERRORS = "tutorgate.errors";
    public static final String REJECTIONS = "tutorgate.rejections";
    public static final String RETRIES = "tutorgate.retries";
    public static final String FALLBACKS = "tutorgate.fallbacks";
    public static final String BUDGET_LIMIT = "tutorgate.budget.limit.usd";
    public static final String BUDGET_SPENT = "tutorgate.budget.spent.usd";
    public static final String BUDGET_RESERVED = "tutorgate.budget.reserved.usd";
    public static final String BUDGET_REMAINING = "tutorgate.budget.remaining.usd";
    public static final String PROVIDER_RPM_USED = "tutorgate.provider.rpm.used";
    public static final String PROVIDER_RPM_LIMIT = "tutorgate.provider.rpm.limit";
    public static final String PROVIDER_TPM_USED = "tutorgate.provider.tpm.used";
    public static final String PROVIDER_TPM_LIMIT = "tutorgate.provider.tpm.limit";
    public static final String PROVIDER_HEADROOM = "tutorgate.provider.headroom.ratio";
    public static final String PROVIDER_STATE = "tutorgate.provider.state";
    public static final String DB_TRANSACTIONS = "tutorgate.db.transactions";
    public static final String DB_WRITES = "tutorgate.db.writes";
    public static final String DB_QUEUED = "tutorgate.db.queued.writes";
    /** The states a provider key may report; one gauge per state is 1, the others 0. */
    public static final List<String> PROVIDER_STATES = List.of("ok", "degraded", "open", "half_open", "unknown");

    private static final Duration[] TTFT_BUCKETS = seconds(0.1, 0.25, 0.5, 0.8, 1, 1.5, 2, 3, 5, 10, 30);
    private static final Duration[] LATENCY_BUCKETS = seconds(0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Tags, AtomicLong> costPicos = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> costWithoutCachePicos = new ConcurrentHashMap<>();
    private final List<ProviderStatusSource> providerSources = new CopyOnWriteArrayList<>();
    private final Map<Tags, AtomicReference<ProviderStatus>> providerGauges = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicReference<String>> providerStates = new ConcurrentHashMap<>();

    /** The registry, for parts that add meters of their own (prefer the methods below). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition format 0.0.4, after reading the registered sources. */
    public String scrape() {
        refreshProviders();
        return registry.scrape();
    }

    /**
     * One ledger row: a request's final row counts the request; a row with attempt ≥ 1 is a call
     * (its tokens, cost, TTFT and latency, its error); attempt 0 is a refusal.
     */
    public void recorded(LedgerEntry e) {
        String model = label(e.model(), "none");
        if (e.isFinal()) {
            registry.counter(REQUESTS, "outcome", e.outcome().label(), "model", model,
                    "complexity", label(e.complexity(), "unknown")).increment();
        }
        if (e.attempt() == 0) {
            registry.counter(REJECTIONS, "reason", label(e.errorKind(), "unknown")).increment();
            return;
        }
        registry.counter(CALLS, "model", model, "provider", label(e.provider(), "none"), "outcome",
                e.outcome().label()).increment();
        var u = e.usage();
        token(model, "input", u.uncachedInputTokens());
        token(model, "cached", u.cachedInputTokens());
        token(model, "cache_write", u.cacheWriteTokens());
        token(model, "output", u.outputTokens());
        Tags byModel = Tags.of("model", model);
        add(costPicos, COST, "What the calls cost, US dollars", byModel, e.costPicos());
        add(costWithoutCachePicos, COST_WITHOUT_CACHE, "What the calls would have cost without the prompt cache",
                byModel, e.costWithoutCachePicos());
        if (e.outcome() == Outcome.ERROR) {
            registry.counter(ERRORS, "kind", label(e.errorKind(), "unknown"), "model", model).increment();
        }
        if (e.attempt() > 1) {
            registry.counter(RETRIES, "model", model).increment();
        }
        if (e.fallbackReason() != null) {
            registry.counter(FALLBACKS, "reason", e.fallbackReason(), "model", model).increment();
        }
        if (e.outcome() == Outcome.OK && !"offline".equals(e.model())) {
            if (e.ttftMs() != null) {
                timer(TTFT, "Time to first token of answered model calls", TTFT_BUCKETS, model)
                        .record(e.ttftMs(), TimeUnit.MILLISECONDS);
            }
            if (e.latencyMs() != null) {
                timer(LATENCY, "Duration of answered model calls", LATENCY_BUCKETS, model)
                        .record(e.latencyMs(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Gauges of the application's budgets (daily, weekly, monthly), read at each scrape. */
    public void budget(BudgetStatusSource source) {
        for (BudgetStatus status : source.appStatus()) {
            String scope = status.scope().name().toLowerCase(Locale.ROOT);
            budgetGauge(BUDGET_LIMIT, "The budget's limit", scope, source, BudgetStatus::limitPicos);
            budgetGauge(BUDGET_SPENT, "Spent in the budget's current period", scope, source, BudgetStatus::spentPicos);
            budgetGauge(BUDGET_RESERVED, "Held for calls in flight", scope, source, BudgetStatus::reservedPicos);
            budgetGauge(BUDGET_REMAINING, "What new calls may still spend", scope, source, BudgetStatus::remainingPicos);
        }
    }

    /**
     * The database writer: committed transactions and writes (their ratio is how many writes one
     * commit serves) and the writes waiting now (a queue that keeps growing means the disk cannot
     * keep up), read at each scrape.
     */
    public void database(Database db) {
        FunctionCounter.builder(DB_TRANSACTIONS, db, d -> d.stats().transactions())
                .description("Write transactions committed").register(registry);
        FunctionCounter.builder(DB_WRITES, db, d -> d.stats().committedWorks())
                .description("Writes committed or failed").tag("outcome", "committed").register(registry);
        FunctionCounter.builder(DB_WRITES, db, d -> d.stats().failedWorks())
                .description("Writes committed or failed").tag("outcome", "failed").register(registry);
        Gauge.builder(DB_QUEUED, db, Database::queuedWrites).description("Writes waiting for the writer")
                .register(registry);
    }

    /** A part that knows how provider keys are doing (the throttle, resilience): gauges per key, read at each scrape. */
    public void providers(ProviderStatusSource source) {
        providerSources.add(source);
    }

    private void budgetGauge(String name, String help, String scope, BudgetStatusSource source,
                             java.util.function.ToLongFunction<BudgetStatus> value) {
        Gauge.builder(name, source, s -> s.appStatus().stream()
                        .filter(b -> b.scope().name().toLowerCase(Locale.ROOT).equals(scope))
                        .mapToDouble(b -> value.applyAsLong(b) / (double) Money.PICOS_PER_USD).findFirst().orElse(Double.NaN))
                .description(help).tag("scope", scope).register(registry);
    }

    private void refreshProviders() {
        for (ProviderStatusSource source : providerSources) {
            List<ProviderStatus> statuses;
            try {
                statuses = source.providerStatus();
            } catch (RuntimeException e) {
                continue; // the summary logs failing sources; the scrape shows the last values
            }
            for (ProviderStatus s : statuses) {
                Tags tags = Tags.of("provider", label(s.provider(), "none"), "model", label(s.model(), "any"),
                        "key", label(s.keyAlias(), "any"));
                providerGauges.computeIfAbsent(tags, this::registerProviderGauges).set(s);
                providerStates.computeIfAbsent(tags, this::registerStateGauges)
                        .set(PROVIDER_STATES.contains(s.state()) ? s.state() : "unknown");
            }
        }
    }

    private AtomicReference<ProviderStatus> registerProviderGauges(Tags tags) {
        AtomicReference<ProviderStatus> latest = new AtomicReference<>();
        providerGauge(PROVIDER_RPM_USED, "Requests in the last minute", tags, latest, ProviderStatus::rpmUsed);
        providerGauge(PROVIDER_RPM_LIMIT, "The tier's requests per minute", tags, latest, ProviderStatus::rpmLimit);
        providerGauge(PROVIDER_TPM_USED, "Tokens in the last minute", tags, latest, ProviderStatus::tpmUsed);
        providerGauge(PROVIDER_TPM_LIMIT, "The tier's tokens per minute", tags, latest, ProviderStatus::tpmLimit);
        Gauge.builder(PROVIDER_HEADROOM, latest, r -> {
                    ProviderStatus s = r.get();
                    Double free = s == null ? null : s.headroom();
                    return free == null ? Double.NaN : free;
                }).description("Share of the tightest limit still free (1 = idle, 0 = at the limit)")
                .tags(tags).register(registry);
        return latest;
    }

    private AtomicReference<String> registerStateGauges(Tags tags) {
        AtomicReference<String> state = new AtomicReference<>("unknown");
        for (String candidate : PROVIDER_STATES) {
            Gauge.builder(PROVIDER_STATE, state, s -> candidate.equals(s.get()) ? 1 : 0)
                    .description("1 for the key's current state (ok, degraded, open circuit, half-open, unknown)")
                    .tags(tags.and("state", candidate)).register(registry);
        }
        return state;
    }

    private void providerGauge(String name, String help, Tags tags, AtomicReference<ProviderStatus> latest,
                               java.util.function.Function<ProviderStatus, Long> value) {
        Gauge.builder(name, latest, r -> {
            ProviderStatus s = r.get();
            Long v = s == null ? null : value.apply(s);
            return v == null ? Double.NaN : v;
        }).description(help).tags(tags).register(registry);
    }

    private void token(String model, String kind, long n) {
        if (n > 0) {
            registry.counter(TOKENS, "model", model, "kind", kind).increment(n);
        }
    }

    private void add(Map<Tags, AtomicLong> sums, String name, String help, Tags tags, long picos) {
        sums.computeIfAbsent(tags, t -> {
            AtomicLong sum = new AtomicLong();
            FunctionCounter.builder(name, sum, s -> s.get() / (double) Money.PICOS_PER_USD)
                    .description(help).tags(t).register(registry);
            return sum;
        }).addAndGet(picos);
    }

    private Timer timer(String name, String help, Duration[] buckets, String model) {
        return Timer.builder(name).description(help).serviceLevelObjectives(buckets).tag("model", model)
                .register(registry);
    }

    private static String label(String value, String none) {
        return value == null || value.isBlank() ? none : value;
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofMillis(Math.round(values[i] * 1000));
        }
        return out;
    }
}
