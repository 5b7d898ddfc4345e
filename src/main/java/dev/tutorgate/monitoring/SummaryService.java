package dev.tutorgate.monitoring;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Usage;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.UnknownPriceException;
import dev.tutorgate.routing.Savings;
import dev.tutorgate.routing.SavingsCalculator;
import dev.tutorgate.scaling.TierMonitor;
import dev.tutorgate.storage.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's figures for a time range: reads one consistent snapshot of the ledger (roll-ups
 * for whole hours, ledger rows for the edges, exact percentiles) and assembles the {@link Summary}.
 * Thread-safe; each call uses one pooled read connection for a few milliseconds.
 */
public final class SummaryService {
    private static final Logger log = LoggerFactory.getLogger(SummaryService.class);

    private final Database db;
    private final TutorgateConfig config;
    private final Clock clock;
    private final SummaryAssembler assembler;
    private final List<ProviderStatusSource> providerSources = new CopyOnWriteArrayList<>();
    private volatile TierMonitor tiers = TierMonitor.NONE;

    public SummaryService(Database db, TutorgateConfig config, CostCalculator costs, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.assembler = new SummaryAssembler(config, savingsPricing(config, costs), advicePricing(costs));
    }

    /** Adds a part that knows how the providers are doing (the throttle, resilience). */
    public void addProviderStatusSource(ProviderStatusSource source) {
        providerSources.add(source);
    }

    /** The tier monitor whose snapshot the scaling advisor reads (its capacity, peaks and 429s). */
    public void watchTiers(TierMonitor tiers) {
        this.tiers = java.util.Objects.requireNonNull(tiers, "tiers");
    }

    /** The zone days, weeks and months are counted in: {@code budget.timeZone}. */
    public ZoneId zone() {
        return ZoneId.of(config.budget().timeZone());
    }

    public Clock clock() {
        return clock;
    }

    public Summary summary(Range range) {
        return summary(range, LedgerAggregates.Mode.ROLLUPS);
    }

    /** With {@link LedgerAggregates.Mode#RAW}: every ledger row read one by one (the reference for tests). */
    Summary summary(Range range, LedgerAggregates.Mode mode) {
        java.time.Instant now = clock.instant();
        LedgerSnapshot snapshot = db.read(c -> inOneSnapshot(c,
                () -> SnapshotReader.read(c, range, mode, now, config.monitoring().topStudents())));
        return assembler.assemble(range, snapshot, providerStatus(), tiers.status());
    }

    /** Every source's providers, now; a failing source is logged and skipped. */
    public List<ProviderStatus> providerStatus() {
        List<ProviderStatus> out = new ArrayList<>();
        for (ProviderStatusSource source : providerSources) {
            try {
                out.addAll(source.providerStatus());
            } catch (RuntimeException e) {
                log.warn("a provider status source failed; the dashboard shows the others", e);
            }
        }
        return out;
    }

    /** SQLite gives a read transaction one snapshot: every query of the summary sees the same rows. */
    static <T> T inOneSnapshot(Connection c, SqlCall<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            return work.call();
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    /**
     * Prices for the scaling advisor's hybrid-routing estimate: tokens priced as the share of the
     * range's calls they stand for ({@code calls} × their share of the input), so that the average
     * call decides the long-context tier, as for the routing savings.
     */
    private static SummaryAssembler.AdvicePricing advicePricing(CostCalculator costs) {
        return (calls, total, date) -> (model, usage) -> {
            long share = total.inputTokens() == 0 ? calls : java.math.BigDecimal.valueOf(calls)
                    .multiply(java.math.BigDecimal.valueOf(usage.inputTokens()))
                    .divide(java.math.BigDecimal.valueOf(total.inputTokens()), 0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
            return costs.costOfCalls(model, usage, Math.max(1, share), date).picos();
        };
    }

    /**
     * The routing savings priced by the real calculator on the ledger's token totals per model. Each
     * model's totals are priced as that many calls of average size (so a long-context tier applies
     * only when the average call is long, not because a month's totals are), and the all-premium
     * counterfactual as all the calls of the range.
     */
    private static SummaryAssembler.SavingsPricing savingsPricing(TutorgateConfig config, CostCalculator costs) {
        return (usageByModel, callsByModel, date) -> {
            long allCalls = callsByModel.values().stream().mapToLong(Long::longValue).sum();
            SavingsCalculator calculator = SavingsCalculator.fromConfig(config, (model, usage) -> {
                Usage own = usageByModel.get(model);
                long calls = usage.equals(own) ? callsByModel.get(model) : allCalls;
                return costs.costOfCalls(model, usage, Math.max(1, calls), date).picos();
            });
            try {
                return calculator.compute(usageByModel);
            } catch (UnknownPriceException e) {
                log.debug("no routing savings: {}", e.getMessage());
                return Optional.<Savings>empty();
            }
        };
    }
}
