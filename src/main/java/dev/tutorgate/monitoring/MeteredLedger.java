package dev.tutorgate.monitoring;

import dev.tutorgate.ledger.Ledger;
import dev.tutorgate.ledger.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger with metrics: every row, once committed, also counts in {@link Metrics}. Because the
 * pipeline writes a row for every call and every refusal, the metrics agree with the ledger by
 * construction, and no step of the pipeline needs to know about them.
 */
public final class MeteredLedger implements Ledger {
    private static final Logger log = LoggerFactory.getLogger(MeteredLedger.class);

    private final Ledger ledger;
    private final Metrics metrics;

    public MeteredLedger(Ledger ledger, Metrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    @Override
    public void record(LedgerEntry entry) {
        ledger.record(entry);
        try {
            metrics.recorded(entry);
        } catch (RuntimeException e) {
            log.warn("metrics missed ledger row {} #{}", entry.requestId(), entry.attempt(), e);
        }
    }
}
