package dev.tutorgate.monitoring;

import dev.tutorgate.budget.BudgetStatusSource;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.ledger.Ledger;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.scaling.TierMonitor;
import dev.tutorgate.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The monitoring parts of one server, built once by the composition root: the metrics, the
 * summaries, the request log and the review queue. Other parts plug in through {@link #meter},
 * {@link #watchBudget} and {@link #watchProviders}.
 */
public final class Monitoring {
    private final TutorgateConfig config;
    private final Metrics metrics;
    private final SummaryService summaries;
    private final RequestLogQueries requests;
    private final ReviewQueue reviews;

    private Monitoring(TutorgateConfig config, Metrics metrics, SummaryService summaries, RequestLogQueries requests,
                       ReviewQueue reviews) {
        this.config = config;
        this.metrics = metrics;
        this.summaries = summaries;
        this.requests = requests;
        this.reviews = reviews;
    }

    public static Monitoring create(TutorgateConfig config, Database db, CostCalculator costs, Clock clock) {
        RequestLogQueries requests = new RequestLogQueries(db);
        Metrics metrics = new Metrics();
        metrics.database(db);
        return new Monitoring(config, metrics, new SummaryService(db, config, costs, clock), requests,
                new ReviewQueue(db, requests, new SecureRandom()));
    }

    /** The ledger the pipeline writes to: every committed row also counts in the metrics. */
    public Ledger meter(Ledger ledger) {
        return new MeteredLedger(ledger, metrics);
    }

    /** The budgets' live figures become gauges (limit, spent, reserved, remaining per scope). */
    public void watchBudget(BudgetStatusSource budget) {
        metrics.budget(budget);
    }

    /** Provider keys' status and headroom: shown in the summary and exported as gauges. */
    public void watchProviders(ProviderStatusSource providers) {
        metrics.providers(providers);
        summaries.addProviderStatusSource(providers);
    }

    /**
     * The tier monitor: each key's use of its tier's limits as provider status (summary, gauges), and
     * its snapshot for the scaling advisor's report in the summary.
     */
    public void watchTiers(TierMonitor tiers) {
        watchProviders(new TierStatusSource(tiers));
        summaries.watchTiers(tiers);
    }

    public TutorgateConfig config() {
        return config;
    }

    public Metrics metrics() {
        return metrics;
    }

    public SummaryService summaries() {
        return summaries;
    }

    public RequestLogQueries requests() {
        return requests;
    }

    public ReviewQueue reviews() {
        return reviews;
    }
}
