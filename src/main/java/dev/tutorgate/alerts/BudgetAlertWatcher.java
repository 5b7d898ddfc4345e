package dev.tutorgate.alerts;

import dev.tutorgate.budget.BudgetListener;
import dev.tutorgate.budget.BudgetScope;
import dev.tutorgate.budget.BudgetStatus;
import dev.tutorgate.budget.DegradationPlan;
import dev.tutorgate.core.Fraction;
import dev.tutorgate.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert when an application budget (daily, weekly, monthly) reaches the warning share
 * ({@code budget.alertAtFraction}, 0.8 by default) and when it is used up — once per period and
 * threshold, also across restarts ({@link SentAlerts}). "Used up" means spent ≥ limit, or a
 * reservation was refused by that budget (from then on students are degraded or refused, even if
 * a few cents remain). Per-student caps raise no alerts.
 *
 * <p>Runs on the request's thread after a settle, so it only compares numbers there; recording and
 * sending happen on {@code background} — give it a single thread so that alerts keep their order
 * (the 80% warning before "used up").
 */
public final class BudgetAlertWatcher implements BudgetListener {
    private static final Logger log = LoggerFactory.getLogger(BudgetAlertWatcher.class);
    private static final BigDecimal FULL = BigDecimal.ONE;
    private static final DateTimeFormatter RESET_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private final Fraction warnAt;
    private final ZoneId zone;
    private final SentAlerts sent;
    private final AlertSink sink;
    private final Executor background;
    private final Clock clock;
    /** What students get once the budget is used up: {@link DegradationPlan#describe()}. */
    private final String whenUsedUp;
    /** Alerts this process already handed on, with their period's end (to forget them later). */
    private final Map<Raised, Instant> handled = new ConcurrentHashMap<>();

    /**
     * @param alertAtFraction the warning share, above 0 and at most 1
     * @param zone            the budgets' time zone, for the "resets at" line
     * @param degradation     {@code budget.degrade}, to say what students get once the budget is used up
     */
    public BudgetAlertWatcher(double alertAtFraction, ZoneId zone, DegradationPlan degradation, SentAlerts sent,
                              AlertSink sink, Executor background, Clock clock) {
        this.whenUsedUp = degradation.describe();
        if (!(alertAtFraction > 0 && alertAtFraction <= 1)) {
            throw new IllegalArgumentException("alertAtFraction must be above 0 and at most 1");
        }
        this.warnAt = new Fraction(alertAtFraction);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.sent = Objects.requireNonNull(sent, "sent");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.background = Objects.requireNonNull(background, "background");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onSettled(BudgetStatus status) {
        if (status.scope().isStudentCap()) {
            return;
        }
        if (reached(status)) {
            raise(status, warnAt.value(), false);
        }
        if (status.spentPicos() >= status.limitPicos()) {
            raise(status, FULL, false);
        }
    }

    @Override
    public void onRefused(BudgetStatus status, long askedPicos) {
        if (!status.scope().isStudentCap()) {
            raise(status, FULL, true);
        }
    }

    /** spent ≥ limit × share, exactly and without allocating (this runs after every settle). */
    private boolean reached(BudgetStatus status) {
        return warnAt.reachedBy(status.spentPicos(), status.limitPicos());
    }

    private void raise(BudgetStatus status, BigDecimal threshold, boolean refused) {
        // A cheap identity first: after a threshold is crossed this runs on every settle until the period ends.
        Raised raised = new Raised(status.scope(), status.periodStart(), threshold.compareTo(FULL) == 0);
        if (handled.putIfAbsent(raised, status.periodEnd()) != null) {
            return;
        }
        forgetFinishedPeriods(clock.instant());
        String key = "budget:" + status.scope().period().adjective() + ":" + status.period().label() + ":"
                + threshold.setScale(Math.max(1, threshold.scale()), RoundingMode.UNNECESSARY).toPlainString();
        Alert alert = alert(key, status, threshold, refused);
        background.execute(() -> deliverOnce(alert));
    }

    /** One threshold of one budget's period. */
    private record Raised(BudgetScope scope, Instant periodStart, boolean full) {
    }

    private void deliverOnce(Alert alert) {
        boolean first;
        try {
            first = sent.markSent(alert.key(), alert.at());
        } catch (RuntimeException e) {
            // Better twice than never: send it even though we could not record it.
            log.warn("could not record alert {} as sent ({}); sending it anyway", alert.key(), e.getMessage());
            first = true;
        }
        if (first) {
            sink.send(alert);
        }
    }

    private void forgetFinishedPeriods(Instant now) {
        if (handled.size() > 32) {
            handled.values().removeIf(periodEnd -> !periodEnd.isAfter(now));
        }
    }

    private Alert alert(String key, BudgetStatus status, BigDecimal threshold, boolean refused) {
        String period = status.scope().period().adjective();
        String spent = Money.format(status.spentPicos());
        String limit = Money.format(status.limitPicos());
        String percent = percent(status.spentPicos(), status.limitPicos());
        String resetsAt = RESET_FORMAT.format(status.periodEnd().atZone(zone)) + " " + zone.getId();
        boolean full = threshold.compareTo(FULL) == 0;
        String title;
        String text;
        if (full) {
            title = capitalized(period) + " budget used up";
            text = "tutorgate has spent " + spent + " of its " + limit + " " + period + " budget for "
                    + status.period().label() + (refused ? " and has begun turning calls away" : "")
                    + ". Until it resets at " + resetsAt + ", questions are " + whenUsedUp
                    + " (budget.degrade). To allow more, raise budget." + period + "Usd.";
        } else {
            title = capitalized(period) + " budget " + percent + " used";
            text = "tutorgate has spent " + spent + " of its " + limit + " " + period + " budget for "
                    + status.period().label() + ". When it is used up, questions are " + whenUsedUp
                    + " until it resets at " + resetsAt + ".";
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Budget", period + " " + status.period().label());
        facts.put("Spent", spent + " (" + percent + ")");
        facts.put("Limit", limit);
        facts.put("Reserved by calls in flight", Money.format(status.reservedPicos()));
        facts.put("Remaining", Money.format(status.remainingPicos()));
        facts.put("Resets at", resetsAt);
        return new Alert(key, full ? Alert.Severity.CRITICAL : Alert.Severity.WARNING, title, text, facts, clock.instant());
    }

    private static String percent(long spent, long limit) {
        if (limit == 0) {
            return "100%";
        }
        return BigDecimal.valueOf(spent).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(limit), 0, RoundingMode.FLOOR).toPlainString() + "%";
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
