package dev.tutorgate.resilience;

import dev.tutorgate.alerts.AlertSink;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.gateway.Candidate;
import dev.tutorgate.gateway.ChatPipeline;
import dev.tutorgate.gateway.Dispatcher;
import dev.tutorgate.limits.ProviderThrottle;
import dev.tutorgate.pricing.UnknownPriceException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error handling and resilience, assembled from the configuration: the {@link ResilientDispatcher}
 * for the chat pipeline ({@link #dispatcher()}), the providers' status ({@link #models()}) and the
 * admin's lever on keys ({@link #enableKey}).
 *
 * <pre>{@code
 * Resilience resilience = Resilience.builder(config).alerts(alertSink).throttle(throttle)
 *         .summaries(new JdbcSummaryStore(db)).build();
 * ChatPipeline pipeline = ChatPipeline.builder(config) … .dispatcher(resilience.dispatcher()).build();
 * }</pre>
 */
public final class Resilience implements ProviderHealth, KeyAdmin {
    private static final Logger log = LoggerFactory.getLogger(Resilience.class);

    private final TutorgateConfig config;
    private final RetryConfig retry;
    private final BreakerConfig breaker;
    private final Sleeper sleeper;
    private final AlertSink alerts;
    private final ProviderThrottle throttle;
    private final SummaryStore summaries;
    private final HealthBoard board = new HealthBoard();
    private volatile KeyPool pool;

    private Resilience(Builder b) {
        this.config = b.config;
        this.retry = b.retry != null ? b.retry : RetryConfig.from(b.config);
        this.breaker = BreakerConfig.from(b.config.retry().circuitBreaker());
        this.sleeper = b.sleeper;
        this.alerts = b.alerts;
        this.throttle = b.throttle;
        this.summaries = b.summaries;
    }

    public static Builder builder(TutorgateConfig config) {
        return new Builder(config);
    }

    /** For {@link ChatPipeline.Builder#dispatcher}: builds the key pool and the dispatcher from the pipeline's parts. */
    public ChatPipeline.DispatcherFactory dispatcher() {
        return this::create;
    }

    private Dispatcher create(ChatPipeline.DispatchParts parts) {
        KeyEvents events = alerts == null ? KeyEvents.NONE : new InvalidKeyAlerts(alerts);
        KeyPool keys = RotatingKeyPool.create(config, parts.keys(), parts.models().values(), breaker, retry,
                parts.clock(), events);
        this.pool = keys;
        board.watch(keys, parts.clock());
        return new ResilientDispatcher(parts.runner(), keys, RetryPolicy.of(retry), retry.requestTimeout(), sleeper,
                parts.clock(), throttle, compactor(parts).orElse(null), parts.counter(), board);
    }

    private Optional<HistoryCompactor> compactor(ChatPipeline.DispatchParts parts) {
        TutorgateConfig.Context context = config.context();
        if (!context.summarize() || summaries == null) {
            return Optional.empty();
        }
        Optional<Candidate> model = summaryModel(parts, context.summaryModel());
        if (model.isEmpty()) {
            // Only worth saying when there are models at all: offline answers keep no history.
            if (parts.models().values().stream().anyMatch(c -> !c.offline())) {
                log.info("no model can summarise conversation history: turns that do not fit are left out");
            }
            return Optional.empty();
        }
        log.info("conversation history that does not fit is summarised by {}", model.get().model());
        return model.map(m -> new HistoryCompactor(
                new HistorySummarizer(m, context.summaryMaxTokens(), parts.counter(), parts.rules()), summaries));
    }

    /** The configured summary model if it can answer, else the cheapest model that can. */
    static Optional<Candidate> summaryModel(ChatPipeline.DispatchParts parts, String configured) {
        if (configured != null) {
            Candidate named = parts.models().get(configured);
            if (named != null && !named.offline()) {
                return Optional.of(named);
            }
            log.warn("context.summaryModel {} cannot answer (no key, no client or too small): using the cheapest model",
                    configured);
        }
        LocalDate today = LocalDate.ofInstant(parts.clock().instant(), ZoneOffset.UTC);
        return parts.models().values().stream()
                .filter(c -> !c.offline())
                .flatMap(c -> priceOfMillion(parts, c, today).stream().map(price -> new Priced(c, price)))
                .min(Comparator.comparingLong(Priced::picos).thenComparing(p -> p.model().model()))
                .map(Priced::model);
    }

    private record Priced(Candidate model, long picos) {
    }

    /** A million input tokens and a million output tokens: the yardstick for "cheapest". */
    private static Optional<Long> priceOfMillion(ChatPipeline.DispatchParts parts, Candidate model, LocalDate day) {
        try {
            return Optional.of(parts.pricing().worstCasePicos(model.model(), 1_000_000, 1_000_000, day));
        } catch (UnknownPriceException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ModelHealth> models() {
        return board.models();
    }

    @Override
    public boolean enableKey(String keyAlias) {
        KeyPool current = pool;
        return current != null && current.enable(keyAlias);
    }

    public static final class Builder {
        private final TutorgateConfig config;
        private RetryConfig retry;
        private Sleeper sleeper = Sleeper.REAL;
        private AlertSink alerts;
        private ProviderThrottle throttle;
        private SummaryStore summaries;

        private Builder(TutorgateConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Overrides {@code retry.*} and {@code timeouts.requestMs}. */
        public Builder retry(RetryConfig retry) {
            this.retry = retry;
            return this;
        }

        /** How to wait between attempts; default {@link Sleeper#REAL}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Where "a key was refused" alerts go; none = logged only. */
        public Builder alerts(AlertSink alerts) {
            this.alerts = alerts;
            return this;
        }

        /** The provider tier throttle asked before each call; none = no tier limits. */
        public Builder throttle(ProviderThrottle throttle) {
            this.throttle = throttle;
            return this;
        }

        /** Where conversation summaries are kept; none = turns that do not fit are only left out. */
        public Builder summaries(SummaryStore summaries) {
            this.summaries = summaries;
            return this;
        }

        public Resilience build() {
            return new Resilience(this);
        }
    }
}
