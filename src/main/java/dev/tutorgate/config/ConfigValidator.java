package dev.tutorgate.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a bound configuration. Each problem names the key as the user wrote it and says what is
 * wrong and, where it helps, what would be right.
 */
final class ConfigValidator {
    /** The name of the course-search answerer; not a configured model. */
    static final String OFFLINE = "offline";
    static final Set<String> TIERS = Set.of("free", "tier1", "tier2", "tier3", "tier4", "tier5", "custom");
    static final Set<String> DEGRADE_STEPS = Set.of("cheaper-model", "offline", "refuse");

    private ConfigValidator() {
    }

    static List<String> validate(TutorgateConfig c, List<String> warnings) {
        List<String> problems = new ArrayList<>();
        requireSections(c, problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        server(c.server(), problems);
        course(c.course(), problems);
        Set<String> providerNames = providers(c.providers(), problems, warnings);
        Set<String> modelNames = models(c, providerNames, problems);
        prices(c.prices(), problems);
        routing(c.routing(), modelNames, problems);
        limits(c.limits(), problems);
        scaling(c.scaling(), problems);
        budget(c.budget(), problems);
        retry(c.retry(), problems);
        timeouts(c.timeouts(), problems);
        context(c.context(), modelNames, problems);
        storage(c.storage(), problems);
        alerts(c.alerts(), problems);
        chat(c.chat(), problems);
        monitoring(c.monitoring(), problems);
        return problems;
    }

    private static void requireSections(TutorgateConfig c, List<String> problems) {
        if (c.server() == null) problems.add("server: must not be empty");
        if (c.admin() == null) problems.add("admin: must not be empty");
        if (c.course() == null) problems.add("course: must not be empty");
        if (c.providers() == null) problems.add("providers: must be a list (use [] for none)");
        if (c.models() == null) problems.add("models: must be a list (use [] for none)");
        if (c.prices() == null) problems.add("prices: must be a list");
        if (c.routing() == null) problems.add("routing: must not be empty");
        if (c.limits() == null) problems.add("limits: must not be empty");
        if (c.scaling() == null) problems.add("scaling: must not be empty");
        if (c.budget() == null) problems.add("budget: must not be empty");
        if (c.retry() == null) problems.add("retry: must not be empty");
        if (c.timeouts() == null) problems.add("timeouts: must not be empty");
        if (c.context() == null) problems.add("context: must not be empty");
        if (c.storage() == null) problems.add("storage: must not be empty");
        if (c.alerts() == null) problems.add("alerts: must not be empty");
        if (c.chat() == null) problems.add("chat: must not be empty");
        if (c.monitoring() == null) problems.add("monitoring: must not be empty");
    }

    private static void server(TutorgateConfig.Server s, List<String> problems) {
        if (s.port() < 0 || s.port() > 65535) {
            problems.add("server.port: " + s.port() + " is not a port (0–65535; 0 picks a free one)");
        }
        if (blank(s.host())) {
            problems.add("server.host: must not be empty (e.g. 127.0.0.1 or 0.0.0.0)");
        }
        if (s.maxBodyBytes() < 1024) {
            problems.add("server.maxBodyBytes: " + s.maxBodyBytes() + " is too small (at least 1024)");
        }
        if (s.publicUrl() != null && !isHttpUrl(s.publicUrl())) {
            problems.add("server.publicUrl: '" + s.publicUrl() + "' is not an http(s) URL");
        }
    }

    private static void course(TutorgateConfig.Course c, List<String> problems) {
        if (c.maxOutputTokens() < 1) {
            problems.add("course.maxOutputTokens: must be at least 1");
        }
        if (c.historyReserveTokens() < 0) {
            problems.add("course.historyReserveTokens: must not be negative");
        }
        if (c.offline() == null) {
            problems.add("course.offline: must not be empty");
        } else {
            if (!(c.offline().minScore() >= 0) || Double.isInfinite(c.offline().minScore())) {
                problems.add("course.offline.minScore: " + c.offline().minScore() + " must be a number of at least 0");
            }
            if (!(c.offline().minCoverage() >= 0 && c.offline().minCoverage() <= 1)) {
                problems.add("course.offline.minCoverage: " + c.offline().minCoverage() + " must be between 0 and 1");
            }
            if (c.offline().maxPassages() < 1 || c.offline().maxPassages() > 10) {
                problems.add("course.offline.maxPassages: " + c.offline().maxPassages() + " must be between 1 and 10");
            }
        }
    }

    private static Set<String> providers(List<TutorgateConfig.Provider> providers, List<String> problems,
                                         List<String> warnings) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < providers.size(); i++) {
            TutorgateConfig.Provider p = providers.get(i);
            String at = "providers[" + i + "]";
            if (p == null) {
                problems.add(at + ": must not be empty");
                continue;
            }
            if (blank(p.name())) {
                problems.add(at + ".name: every provider needs a name");
            } else if (!names.add(p.name())) {
                problems.add(at + ".name: '" + p.name() + "' is used twice");
            }
            String label = blank(p.name()) ? at : at + " (" + p.name() + ")";
            if (p.type() == null) {
                problems.add(label + ".type: missing (one of gemini, openai, anthropic, openai-compatible)");
                continue;
            }
            if (p.baseUrl() == null && p.type().defaultBaseUrl() == null) {
                problems.add(label + ".baseUrl: an openai-compatible provider needs its base URL (e.g. http://localhost:8000/v1)");
            } else if (p.baseUrl() != null && !isHttpUrl(p.baseUrl())) {
                problems.add(label + ".baseUrl: '" + p.baseUrl() + "' is not an http(s) URL");
            }
            int keys = p.apiKeys() == null ? 0 : p.apiKeys().size();
            if (keys == 0 && p.type() != ProviderType.OPENAI_COMPATIBLE) {
                String variable = p.type().id().toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
                warnings.add(label + ": no API key is set, so its models cannot be used (set apiKeys, e.g. \"${"
                        + variable + "}\")");
            }
            if (p.apiKeys() != null) {
                for (int k = 0; k < p.apiKeys().size(); k++) {
                    if (blank(p.apiKeys().get(k))) {
                        problems.add(label + ".apiKeys[" + k + "]: empty key");
                    }
                }
            }
            if (p.keyWeights() != null) {
                if (p.keyWeights().size() != keys) {
                    problems.add(label + ".keyWeights: " + p.keyWeights().size() + " weights for " + keys + " keys");
                }
                if (p.keyWeights().stream().anyMatch(w -> w == null || w < 1)) {
                    problems.add(label + ".keyWeights: every weight must be a whole number ≥ 1");
                }
            }
            if (p.tier() != null && !TIERS.contains(p.tier().toLowerCase(Locale.ROOT))) {
                problems.add(label + ".tier: unknown tier '" + p.tier() + "' (one of " + String.join(", ", sorted(TIERS)) + ")");
            }
            if (p.limits() != null) {
                nonNegative(label + ".limits.rpm", p.limits().rpm(), problems);
                nonNegative(label + ".limits.tpm", p.limits().tpm(), problems);
                nonNegative(label + ".limits.rpd", p.limits().rpd(), problems);
            }
        }
        return names;
    }

    private static Set<String> models(TutorgateConfig c, Set<String> providerNames, List<String> problems) {
        Set<String> names = new HashSet<>();
        Set<String> pricedModels = new HashSet<>();
        for (TutorgateConfig.Price price : c.prices()) {
            if (price != null && price.model() != null) {
                pricedModels.add(price.model());
            }
        }
        for (int i = 0; i < c.models().size(); i++) {
            TutorgateConfig.Model m = c.models().get(i);
            String at = "models[" + i + "]";
            if (m == null) {
                problems.add(at + ": must not be empty");
                continue;
            }
            if (blank(m.name())) {
                problems.add(at + ".name: every model needs a name");
                continue;
            }
            String label = at + " (" + m.name() + ")";
            if (m.name().equals(OFFLINE)) {
                problems.add(label + ".name: 'offline' is reserved for the course-search answerer");
            } else if (!names.add(m.name())) {
                problems.add(label + ".name: '" + m.name() + "' is used twice");
            }
            if (blank(m.provider())) {
                problems.add(label + ".provider: missing (one of " + String.join(", ", sorted(providerNames)) + ")");
            } else if (!providerNames.contains(m.provider())) {
                problems.add(label + ".provider: '" + m.provider() + "' is not a configured provider"
                        + (providerNames.isEmpty() ? " (there are none: add it under providers:)"
                        : " (known: " + String.join(", ", sorted(providerNames)) + ")"));
            }
            if (m.price() != null) {
                rates(label + ".price", m.price(), problems);
            } else if (!pricedModels.contains(m.name()) && !pricedModels.contains(m.upstreamNameOrName())) {
                problems.add(label + ".price: no price known for '" + m.name()
                        + "' — add price: { input: …, cachedInput: …, output: … } (USD per 1M tokens)");
            }
            if (ModelCatalog.contextWindow(m).isEmpty()) {
                problems.add(label + ".contextWindow: unknown for '" + m.name() + "' — set it (input tokens the model holds)");
            } else if (ModelCatalog.contextWindow(m).get() < 1) {
                problems.add(label + ".contextWindow: must be positive");
            }
            if (m.maxOutputTokens() != null && m.maxOutputTokens() < 1) {
                problems.add(label + ".maxOutputTokens: must be positive");
            }
        }
        return names;
    }

    private static void prices(List<TutorgateConfig.Price> prices, List<String> problems) {
        for (int i = 0; i < prices.size(); i++) {
            TutorgateConfig.Price p = prices.get(i);
            String at = "prices[" + i + "]";
            if (p == null || blank(p.model())) {
                problems.add(at + ".model: every price row names its model");
                continue;
            }
            if (p.effectiveFrom() == null) {
                problems.add(at + ".effectiveFrom: missing (YYYY-MM-DD, the day the price applies from)");
            }
            if (p.rates() == null) {
                problems.add(at + ".rates: missing");
            } else {
                rates(at + ".rates", p.rates(), problems);
            }
        }
    }

    private static void rates(String at, TutorgateConfig.PriceRates r, List<String> problems) {
        if (r.input() == null) problems.add(at + ".input: missing (USD per 1M input tokens)");
        if (r.output() == null) problems.add(at + ".output: missing (USD per 1M output tokens)");
        nonNegative(at + ".input", r.input(), problems);
        nonNegative(at + ".cachedInput", r.cachedInput(), problems);
        nonNegative(at + ".cacheWrite5m", r.cacheWrite5m(), problems);
        nonNegative(at + ".cacheWrite1h", r.cacheWrite1h(), problems);
        nonNegative(at + ".output", r.output(), problems);
        if (r.longContext() != null) {
            TutorgateConfig.LongContext lc = r.longContext();
            if (lc.thresholdTokens() < 1) problems.add(at + ".longContext.thresholdTokens: must be positive");
            if (lc.input() == null || lc.output() == null) problems.add(at + ".longContext: needs input and output");
            nonNegative(at + ".longContext.input", lc.input(), problems);
            nonNegative(at + ".longContext.cachedInput", lc.cachedInput(), problems);
            nonNegative(at + ".longContext.cacheWrite5m", lc.cacheWrite5m(), problems);
            nonNegative(at + ".longContext.cacheWrite1h", lc.cacheWrite1h(), problems);
            nonNegative(at + ".longContext.output", lc.output(), problems);
        }
    }

    private static void routing(TutorgateConfig.Routing r, Set<String> models, List<String> problems) {
        routeTarget("routing.simple", r.simple(), models, problems);
        routeTarget("routing.medium", r.medium(), models, problems);
        routeTarget("routing.complex", r.complex(), models, problems);
        if (r.fallbacks() != null) {
            for (int i = 0; i < r.fallbacks().size(); i++) {
                routeTarget("routing.fallbacks[" + i + "]", r.fallbacks().get(i), models, problems);
            }
        }
        classifier(r.classifier(), problems);
    }

    private static void classifier(TutorgateConfig.Classifier c, List<String> problems) {
        if (c == null) {
            problems.add("routing.classifier: must not be empty");
            return;
        }
        if (c.mediumMinChars() < 1) {
            problems.add("routing.classifier.mediumMinChars: must be at least 1");
        }
        if (c.complexMinChars() < c.mediumMinChars()) {
            problems.add("routing.classifier.complexMinChars: " + c.complexMinChars()
                    + " must be at least mediumMinChars (" + c.mediumMinChars() + ")");
        }
        if (c.manyQuestions() < 2) {
            problems.add("routing.classifier.manyQuestions: must be at least 2");
        }
        words("routing.classifier.extraSimpleWords", c.extraSimpleWords(), problems);
        words("routing.classifier.extraMediumWords", c.extraMediumWords(), problems);
        words("routing.classifier.extraDebugWords", c.extraDebugWords(), problems);
        words("routing.classifier.extraDesignWords", c.extraDesignWords(), problems);
    }

    private static void words(String at, List<String> words, List<String> problems) {
        if (words == null) {
            problems.add(at + ": must be a list (use [] for none)");
            return;
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word == null || word.replace("*", "").isBlank()) {
                problems.add(at + "[" + i + "]: empty word");
            } else if (word.matches(".*(\\*\\S|(^|\\s)\\*).*")) {
                problems.add(at + "[" + i + "]: '" + word + "' — * may only end a word (отлад* = any ending)");
            } else if (!Character.isLetterOrDigit(word.strip().charAt(0)) || word.strip().startsWith("_")) {
                problems.add(at + "[" + i + "]: '" + word + "' — must start with a letter or digit (a lone _ is any word)");
            }
        }
    }

    private static void routeTarget(String at, String model, Set<String> models, List<String> problems) {
        if (blank(model)) {
            problems.add(at + ": missing (a model name, or offline)");
        } else if (!model.equals(OFFLINE) && !models.contains(model)) {
            problems.add(at + ": '" + model + "' is not a configured model (known: "
                    + String.join(", ", sorted(union(models, OFFLINE))) + ")");
        }
    }

    private static void limits(TutorgateConfig.Limits l, List<String> problems) {
        if (l.studentRequestsPerMinute() < 1) {
            problems.add("limits.studentRequestsPerMinute: must be at least 1");
        }
        nonNegative("limits.studentDailyUsd", l.studentDailyUsd(), problems);
        nonNegative("limits.studentMonthlyUsd", l.studentMonthlyUsd(), problems);
        if (l.providerQueueMaxWaitMs() < 0) {
            problems.add("limits.providerQueueMaxWaitMs: must not be negative");
        }
        if (l.providerQueueMaxLength() < 0) {
            problems.add("limits.providerQueueMaxLength: must not be negative (0 = never queue)");
        }
    }

    private static void scaling(TutorgateConfig.Scaling s, List<String> problems) {
        if (!(s.warnAtFraction() > 0 && s.warnAtFraction() <= 1)) {
            problems.add("scaling.warnAtFraction: " + s.warnAtFraction() + " must be above 0 and at most 1 (e.g. 0.9)");
        }
        if (s.providerViewMaxAgeSeconds() < 1) {
            problems.add("scaling.providerViewMaxAgeSeconds: must be at least 1");
        }
        if (!(s.headroomTarget() >= 0 && s.headroomTarget() < 1)) {
            problems.add("scaling.headroomTarget: " + s.headroomTarget() + " must be at least 0 and below 1 (e.g. 0.2)");
        }
        if (s.selfHostMonthlyUsd() == null) {
            problems.add("scaling.selfHostMonthlyUsd: missing (USD a month, e.g. 2000)");
        }
        nonNegative("scaling.selfHostMonthlyUsd", s.selfHostMonthlyUsd(), problems);
    }

    private static void budget(TutorgateConfig.Budget b, List<String> problems) {
        if (b.dailyUsd() == null) {
            problems.add("budget.dailyUsd: missing (the daily budget in USD, e.g. 20)");
        }
        nonNegative("budget.dailyUsd", b.dailyUsd(), problems);
        nonNegative("budget.weeklyUsd", b.weeklyUsd(), problems);
        nonNegative("budget.monthlyUsd", b.monthlyUsd(), problems);
        if (!(b.alertAtFraction() > 0 && b.alertAtFraction() <= 1)) {
            problems.add("budget.alertAtFraction: " + b.alertAtFraction() + " must be above 0 and at most 1 (e.g. 0.8)");
        }
        try {
            ZoneId.of(b.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            problems.add("budget.timeZone: '" + b.timeZone() + "' is not a time zone (e.g. UTC, Europe/Moscow)");
        }
        if (b.degrade() == null || b.degrade().isEmpty()) {
            problems.add("budget.degrade: list at least one of " + String.join(", ", sorted(DEGRADE_STEPS)));
        } else {
            for (int i = 0; i < b.degrade().size(); i++) {
                if (!DEGRADE_STEPS.contains(b.degrade().get(i))) {
                    problems.add("budget.degrade[" + i + "]: unknown step '" + b.degrade().get(i) + "' (one of "
                            + String.join(", ", sorted(DEGRADE_STEPS)) + ")");
                }
            }
        }
        if (b.reservationTtlSeconds() < 1) {
            problems.add("budget.reservationTtlSeconds: must be at least 1");
        }
    }

    private static void retry(TutorgateConfig.Retry r, List<String> problems) {
        if (r.maxAttempts() < 1) {
            problems.add("retry.maxAttempts: must be at least 1");
        }
        if (r.backoffSeconds() == null || r.backoffSeconds().isEmpty()) {
            problems.add("retry.backoffSeconds: list at least one wait (e.g. [1, 2, 4])");
        } else if (r.backoffSeconds().stream().anyMatch(s -> s == null || s < 0)) {
            problems.add("retry.backoffSeconds: waits must not be negative");
        }
        if (r.jitter() < 0 || r.jitter() >= 1) {
            problems.add("retry.jitter: " + r.jitter() + " must be from 0 up to (not including) 1");
        }
        TutorgateConfig.Breaker cb = r.circuitBreaker();
        if (cb == null) {
            problems.add("retry.circuitBreaker: must not be empty");
        } else {
            if (cb.failureRateThreshold() < 1 || cb.failureRateThreshold() > 100) {
                problems.add("retry.circuitBreaker.failureRateThreshold: a percentage from 1 to 100");
            }
            if (cb.minimumCalls() < 1) problems.add("retry.circuitBreaker.minimumCalls: must be at least 1");
            if (cb.windowSize() < cb.minimumCalls()) {
                problems.add("retry.circuitBreaker.windowSize: must be at least minimumCalls (" + cb.minimumCalls() + ")");
            }
            if (cb.openSeconds() < 1) problems.add("retry.circuitBreaker.openSeconds: must be at least 1");
        }
        if (r.quotaCooldownMinutes() < 1) {
            problems.add("retry.quotaCooldownMinutes: must be at least 1");
        }
    }

    private static void timeouts(TutorgateConfig.Timeouts t, List<String> problems) {
        if (t.connectMs() < 1) problems.add("timeouts.connectMs: must be positive");
        if (t.firstTokenMs() < 1) problems.add("timeouts.firstTokenMs: must be positive");
        if (t.idleMs() < 1) problems.add("timeouts.idleMs: must be positive");
        if (t.totalMs() < 1) problems.add("timeouts.totalMs: must be positive");
        if (t.requestMs() < 1) problems.add("timeouts.requestMs: must be positive");
    }

    private static void context(TutorgateConfig.Context x, Set<String> models, List<String> problems) {
        if (x.summaryMaxTokens() < 16) {
            problems.add("context.summaryMaxTokens: must be at least 16");
        }
        if (x.summaryModel() != null && !models.contains(x.summaryModel())) {
            problems.add("context.summaryModel: '" + x.summaryModel() + "' is not a configured model");
        }
    }

    private static void storage(TutorgateConfig.Storage s, List<String> problems) {
        if (blank(s.ledger()) || !s.ledger().startsWith("jdbc:sqlite:")) {
            String why = s.ledger() != null && s.ledger().startsWith("jdbc:postgresql:")
                    ? "a PostgreSQL ledger is not available in this version"
                    : "'" + s.ledger() + "' is not supported";
            problems.add("storage.ledger: " + why + " (use jdbc:sqlite:FILE, e.g. jdbc:sqlite:./data/tutorgate.db)");
        }
        if (s.redis() != null) {
            // Refused rather than ignored: someone running several instances must not believe
            // their limits and budget are shared when they are not.
            problems.add("storage.redis: counters shared through Redis are not available in this version;"
                    + " remove the setting (limits and the budget are counted inside this one process)");
        }
        if (s.requestLog() != null && s.requestLog().isBlank()) {
            problems.add("storage.requestLog: empty (a file path such as ./data/chat.log, or null for none)");
        }
    }

    private static void alerts(TutorgateConfig.Alerts a, List<String> problems) {
        if (a.webhookUrl() != null && !isHttpUrl(a.webhookUrl())) {
            problems.add("alerts.webhookUrl: not an http(s) URL");
        }
        TutorgateConfig.Email e = a.email();
        if (e != null) {
            if (blank(e.host())) problems.add("alerts.email.host: missing (the SMTP server)");
            if (e.port() < 1 || e.port() > 65535) problems.add("alerts.email.port: " + e.port() + " is not a port");
            if (blank(e.from())) problems.add("alerts.email.from: missing (the sender address)");
            if (e.to() == null || e.to().isEmpty()) problems.add("alerts.email.to: list at least one recipient");
        }
    }

    private static void chat(TutorgateConfig.Chat c, List<String> problems) {
        if (c.maxMessageChars() < 1) {
            problems.add("chat.maxMessageChars: must be at least 1");
        }
        if (c.language() == null || !Set.of("en", "ru").contains(c.language())) {
            problems.add("chat.language: '" + c.language() + "' is not supported (en or ru)");
        }
    }

    private static void nonNegative(String at, BigDecimal value, List<String> problems) {
        if (value != null && value.signum() < 0) {
            problems.add(at + ": " + value.toPlainString() + " must not be negative");
        }
    }

    private static void nonNegative(String at, Long value, List<String> problems) {
        if (value != null && value < 0) {
            problems.add(at + ": " + value + " must not be negative");
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static Set<String> union(Set<String> values, String extra) {
        Set<String> all = new HashSet<>(values);
        all.add(extra);
        return all;
    }

    private static void monitoring(TutorgateConfig.Monitoring m, List<String> problems) {
        if (m.refreshSeconds() < 5 || m.refreshSeconds() > 3600) {
            problems.add("monitoring.refreshSeconds: " + m.refreshSeconds() + " is out of range (5–3600)");
        }
        if (m.topStudents() < 1 || m.topStudents() > 100) {
            problems.add("monitoring.topStudents: " + m.topStudents() + " is out of range (1–100)");
        }
        if (m.minSampleForSignals() < 1) {
            problems.add("monitoring.minSampleForSignals: must be at least 1");
        }
        List<TutorgateConfig.CpsmTarget> targets = m.cpsmTargets() == null ? List.of() : m.cpsmTargets();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            TutorgateConfig.CpsmTarget t = targets.get(i);
            String key = "monitoring.cpsmTargets[" + i + "]";
            if (t == null || blank(t.model())) {
                problems.add(key + ".model: must name a model");
                continue;
            }
            if (!seen.add(t.model())) {
                problems.add(key + ".model: '" + t.model() + "' has a target already");
            }
            if (t.lowUsd() == null || t.highUsd() == null || t.lowUsd().signum() < 0
                    || t.lowUsd().compareTo(t.highUsd()) > 0) {
                problems.add(key + ": lowUsd and highUsd must be amounts with 0 ≤ lowUsd ≤ highUsd");
            }
        }
    }
}
