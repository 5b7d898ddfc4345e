package dev.tutorgate.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, as bound from YAML (embedded defaults, then the user's file, then
 * {@code TUTORGATE_*} environment overrides). Immutable; validated by {@link ConfigValidator}
 * before anything starts. Every section is non-null after loading.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TutorgateConfig(
        Server server,
        Admin admin,
        Course course,
        List<Provider> providers,
        List<Model> models,
        List<Price> prices,
        Routing routing,
        Limits limits,
        Scaling scaling,
        Budget budget,
        Retry retry,
        Timeouts timeouts,
        Context context,
        Storage storage,
        Alerts alerts,
        Chat chat,
        Monitoring monitoring) {

    /** The model named {@code name}, if configured ("offline" is never a configured model). */
    public Optional<Model> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<Provider> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * @param host            interface to listen on
     * @param port            0 picks a free port (tests)
     * @param publicUrl       the URL printed for students and the admin; null = http://host:port
     * @param maxBodyBytes    larger request bodies get 413
     */
    public record Server(String host, int port, String publicUrl, long maxBodyBytes) {
    }

    /** @param token the admin token; null = generated at start and printed once */
    public record Admin(String token) {
    }

    /**
     * @param path                 a folder of Markdown lessons; null = the bundled sample course
     * @param systemPrompt         instructions placed before the course; null = the built-in tutor prompt
     * @param maxOutputTokens      the output cap of every answer (and the budget's worst case)
     * @param historyReserveTokens the least room a model must leave for history and the question,
     *                             besides the course and the output cap, to count as able to hold the course
     * @param offline              how the offline answerer (course search, no model) answers
     */
    public record Course(String path, String systemPrompt, int maxOutputTokens, int historyReserveTokens,
                         OfflineAnswers offline) {
    }

    /**
     * When the course search quotes a passage. A quoted passage is what makes an offline answer a
     * "retrieval hit"; with none, the answer says the course does not seem to cover the question.
     *
     * @param minScore    the least BM25 score of a quoted passage
     * @param minCoverage the least share (0–1) of the question's words a quoted passage must contain,
     *                    each word weighted by its rarity in the course
     * @param maxPassages how many passages an offline answer quotes at most (1–10)
     */
    public record OfflineAnswers(double minScore, double minCoverage, int maxPassages) {
    }

    /**
     * One upstream account.
     *
     * @param apiKeys    one or more keys; balanced across (an unset ${ENV} reference drops that key)
     * @param keyWeights optional weights, one per key, for weighted balancing
     * @param tier       the account's tier (free, tier1…tier5, custom): decides default limits
     * @param limits     overrides of the tier's limits; null fields keep the tier's
     * @param keysShareLimits true when the keys belong to one account whose limits they share (keys
     *                   of one Gemini project, one OpenAI or Anthropic organisation): then the keys
     *                   together get the tier's limits once; false or null = each key has its own
     *                   (keys of different projects or organisations, the brief's round-robin)
     */
    public record Provider(
            String name,
            ProviderType type,
            String baseUrl,
            List<String> apiKeys,
            List<Integer> keyWeights,
            String tier,
            TierLimits limits,
            Boolean keysShareLimits) {

        /** A provider whose keys have limits of their own each. */
        public Provider(String name, ProviderType type, String baseUrl, List<String> apiKeys, List<Integer> keyWeights,
                        String tier, TierLimits limits) {
            this(name, type, baseUrl, apiKeys, keyWeights, tier, limits, null);
        }

        /** Whether the keys share one account's limits ({@code keysShareLimits: true}). */
        public boolean sharesLimits() {
            return Boolean.TRUE.equals(keysShareLimits);
        }

        /** The keys calls can use: the configured ones that are set (not blank), in configuration order. */
        public List<String> usableKeys() {
            return apiKeys == null ? List.of()
                    : apiKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
        }

        /**
         * The aliases of {@link #usableKeys()}, "{@code <name>#1}", "{@code <name>#2}"… in order: the one
         * naming of keys that the dispatcher, the provider throttle, the tier monitor, the resilience
         * status and the ledger share. A keyless openai-compatible server (a local model) gets one alias.
         */
        public List<String> keyAliases() {
            int keys = usableKeys().size();
            if (keys == 0 && type == ProviderType.OPENAI_COMPATIBLE) {
                keys = 1;
            }
            List<String> aliases = new ArrayList<>(keys);
            for (int i = 1; i <= keys; i++) {
                aliases.add(name + "#" + i);
            }
            return List.copyOf(aliases);
        }
    }

    /** Provider-side limits per key (requests per minute, tokens per minute, requests per day). */
    public record TierLimits(Long rpm, Long tpm, Long rpd) {
    }

    /**
     * A model tutorgate may call.
     *
     * @param upstreamName   the id sent to the provider; null = {@code name}
     * @param price          optional inline price (USD per 1M tokens); otherwise the dated price table
     * @param contextWindow  input tokens the model holds; null = the built-in catalog's figure
     * @param maxOutputTokens the model's own output cap; null = the catalog's
     */
    public record Model(
            String name,
            String provider,
            String upstreamName,
            PriceRates price,
            Long contextWindow,
            Integer maxOutputTokens) {

        public String upstreamNameOrName() {
            return upstreamName == null || upstreamName.isBlank() ? name : upstreamName;
        }
    }

    /** USD per 1M tokens. Null cache fields mean "not offered" (priced as plain input). */
    public record PriceRates(
            BigDecimal input,
            BigDecimal cachedInput,
            BigDecimal cacheWrite5m,
            BigDecimal cacheWrite1h,
            BigDecimal output,
            LongContext longContext) {
    }

    /**
     * Rates that apply to the whole request once its total input (cached and cache writes included)
     * exceeds {@code thresholdTokens} (Gemini 2.5 Pro, Claude Sonnet 4.5 with the 1M beta).
     */
    public record LongContext(
            long thresholdTokens,
            BigDecimal input,
            BigDecimal cachedInput,
            BigDecimal cacheWrite5m,
            BigDecimal cacheWrite1h,
            BigDecimal output) {
    }

    /** One dated row of the price table: {@code rates} apply to {@code model} from {@code effectiveFrom}. */
    public record Price(String model, LocalDate effectiveFrom, PriceRates rates) {
    }

    /**
     * Which model answers which complexity, and where to go when it cannot.
     * Model names refer to {@code models}; "offline" is the course-search answerer.
     *
     * @param classifier how questions are labelled simple / medium / complex
     */
    public record Routing(String simple, String medium, String complex, List<String> fallbacks, Classifier classifier) {
        /** Routing with the default classifier settings. */
        public Routing(String simple, String medium, String complex, List<String> fallbacks) {
            this(simple, medium, complex, fallbacks, Classifier.DEFAULTS);
        }
    }

    /**
     * Settings of the rule-based complexity classifier. Words match whole words, case-insensitively,
     * with ё read as е; a word ending in {@code *} matches any ending ({@code отлад*} matches
     * "отладить", "отладка"); a lone {@code _} matches any one word; the words of a phrase may be
     * separated by any spaces.
     *
     * @param complexMinChars  "long" in the brief's rule: a longer question with code, an error or
     *                         debugging words is complex (the brief: 200)
     * @param mediumMinChars   a question longer than this is at least medium
     * @param manyQuestions    this many questions in one long message make it complex (two make it medium)
     * @param extraSimpleWords added to the built-in definition phrases ("what is", "что такое"…)
     * @param extraMediumWords added to the built-in explanation and comparison words ("why", "сравни"…)
     * @param extraDebugWords  added to the built-in debugging words ("fix", "не работает"…)
     * @param extraDesignWords added to the built-in design and optimisation words ("architecture", "спроектируй"…)
     */
    public record Classifier(
            int complexMinChars,
            int mediumMinChars,
            int manyQuestions,
            List<String> extraSimpleWords,
            List<String> extraMediumWords,
            List<String> extraDebugWords,
            List<String> extraDesignWords) {

        /** The same values as the embedded defaults.yaml (a test keeps them equal). */
        public static final Classifier DEFAULTS = new Classifier(200, 120, 3, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * @param studentRequestsPerMinute the per-student token bucket (the brief: 10)
     * @param studentDailyUsd          optional per-student spending cap per day; null = none
     * @param studentMonthlyUsd        optional per-student spending cap per month; null = none
     * @param providerQueueMaxWaitMs   how long a request may wait for provider-tier capacity
     * @param providerQueueMaxLength   how many requests may wait per provider key; more are refused at once
     */
    public record Limits(
            int studentRequestsPerMinute,
            BigDecimal studentDailyUsd,
            BigDecimal studentMonthlyUsd,
            long providerQueueMaxWaitMs,
            int providerQueueMaxLength) {
    }

    /**
     * The tier monitor and the scaling advisor (docs/readme/scaling.md).
     *
     * @param warnAtFraction            warn when a key (or keys sharing one account) uses this share of
     *                                  its requests or tokens per minute (the brief: 0.9 of RPM)
     * @param providerViewMaxAgeSeconds a provider's rate-limit headers count as its current view for this long
     * @param headroomTarget            the share of capacity the observed peak should leave free; less
     *                                  is advice to add keys or upgrade the tier
     * @param selfHostMonthlyUsd        spending a month from which self-hosting is worth a look (the brief's "$2,000+")
     */
    public record Scaling(double warnAtFraction, int providerViewMaxAgeSeconds, double headroomTarget,
                          BigDecimal selfHostMonthlyUsd) {
        /** The same values as the embedded defaults.yaml (a test keeps them equal). */
        public static final Scaling DEFAULTS = new Scaling(0.9, 60, 0.2, new BigDecimal("2000"));
    }

    /**
     * @param dailyUsd          the application-wide budget per day (the brief: $20)
     * @param weeklyUsd         optional; null = none
     * @param monthlyUsd        optional; null = none
     * @param alertAtFraction   warn at this share of each budget (the brief: 0.8); 1.0 always alerts too
     * @param timeZone          where days, weeks and months begin
     * @param degrade           what to do over budget, in order: "cheaper-model", "offline", "refuse"
     * @param reservationTtlSeconds a reservation left by a crashed call is released after this long
     */
    public record Budget(
            BigDecimal dailyUsd,
            BigDecimal weeklyUsd,
            BigDecimal monthlyUsd,
            double alertAtFraction,
            String timeZone,
            List<String> degrade,
            int reservationTtlSeconds) {
    }

    /**
     * @param maxAttempts          attempts per model before falling back (the brief: 3)
     * @param backoffSeconds       waits between attempts (the brief: 1, 2, 4); the last repeats
     * @param jitter               ± share of each wait chosen at random (0.2 = ±20%)
     * @param quotaCooldownMinutes how long a key whose quota is exhausted stays out of rotation when the
     *                             provider does not say when the quota resets (Gemini's daily quota resets at
     *                             midnight Pacific time and ignores this)
     */
    public record Retry(int maxAttempts, List<Double> backoffSeconds, double jitter, Breaker circuitBreaker,
                        int quotaCooldownMinutes) {
    }

    /**
     * Per-key circuit breaker.
     *
     * @param failureRateThreshold percent of failed calls in the window that opens the circuit
     * @param minimumCalls         calls in the window before the rate counts
     * @param windowSize           calls in the sliding window
     * @param openSeconds          cool-down before probing again
     */
    public record Breaker(int failureRateThreshold, int minimumCalls, int windowSize, int openSeconds) {
    }

    /**
     * Milliseconds; each expiry of a call is its own error kind.
     *
     * @param totalMs   one provider call, from the request to its last chunk
     * @param requestMs one student request across all its attempts and backoff waits: no wait and no
     *                  further model call starts beyond it (the offline answer still may)
     */
    public record Timeouts(long connectMs, long firstTokenMs, long idleMs, long totalMs, long requestMs) {
    }

    /**
     * When a conversation's history no longer fits a model's window beside the course.
     *
     * @param summarize        summarise the turns that had to be dropped (false = just drop them)
     * @param summaryModel     the model that writes summaries; null = the cheapest configured model
     * @param summaryMaxTokens output cap of a summary
     */
    public record Context(boolean summarize, String summaryModel, int summaryMaxTokens) {
    }

    /**
     * @param ledger a JDBC URL: jdbc:sqlite:FILE (default) or jdbc:postgresql://…
     * @param redis  redis://host:port for counters shared by several instances; null = in memory
     * @param requestLog the request log (the brief's chat.log): one JSON line per ledger row; null = off
     */
    public record Storage(String ledger, String redis, String requestLog) {
    }

    /** @param webhookUrl JSON (Slack-compatible) webhook; null = none. @param email null = none */
    public record Alerts(String webhookUrl, Email email) {
    }

    public record Email(
            String host,
            int port,
            String username,
            String password,
            String from,
            List<String> to,
            boolean startTls) {
    }

    /**
     * @param maxMessageChars longest accepted question
     * @param language        default language of messages when the browser does not say ("en", "ru")
     */
    public record Chat(int maxMessageChars, String language) {
    }

    /**
     * The dashboard, {@code /api/admin/summary} and {@code tutorgate report}.
     *
     * @param refreshSeconds      how often the dashboard refreshes itself (the brief: 30)
     * @param topStudents         how many top spenders the summary lists
     * @param minSampleForSignals model calls a rate (error rate, cache hit rate, TTFT p95) needs
     *                            before its scaling signal may fire, so three requests cannot raise an alarm
     * @param cpsmTargets         the brief's cost per student per month for models routed alone
     */
    public record Monitoring(int refreshSeconds, int topStudents, int minSampleForSignals, List<CpsmTarget> cpsmTargets) {
        /** The target range of {@code model}, if one is configured. */
        public Optional<CpsmTarget> cpsmTarget(String model) {
            return cpsmTargets == null ? Optional.empty()
                    : cpsmTargets.stream().filter(t -> t.model().equals(model)).findFirst();
        }
    }

    /** USD per student per month that the brief expects of {@code model} (e.g. gemini-2.5-flash $2.90–3.50). */
    public record CpsmTarget(String model, BigDecimal lowUsd, BigDecimal highUsd) {
    }
}
