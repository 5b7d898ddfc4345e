package dev.tutorgate.gateway;

import dev.tutorgate.budget.BudgetExceededException;
import dev.tutorgate.budget.BudgetGuard;
import dev.tutorgate.core.ErrorCode;
import java.util.List;

/**
 * Reserves the worst case of the call before it is made, and makes sure the hold is settled or
 * released after it, whatever happens. When the routed candidate's worst case does not fit, it
 * degrades in the configured order: a cheaper candidate whose worst case fits, then the offline
 * answer (free, nothing held), then a refusal with retry-after until the next budget period.
 */
final class BudgetStep implements ChatStep {
    static final String CHEAPER_MODEL = "cheaper-model";
    static final String OFFLINE = "offline";
    static final String REFUSE = "refuse";
    /** The fallback reason of an answer degraded by the budget. */
    static final String BUDGET = "budget";

    private final BudgetGuard guard;
    private final CallPricing pricing;
    private final AttemptCosting costing;
    private final List<String> degrade;
    private final Refusals refusals;

    BudgetStep(BudgetGuard guard, CallPricing pricing, AttemptCosting costing, List<String> degrade,
               Refusals refusals) {
        this.guard = guard;
        this.pricing = pricing;
        this.costing = costing;
        this.degrade = List.copyOf(degrade);
        this.refusals = refusals;
    }

    @Override
    public ChatResult handle(ChatExchange exchange, Chain chain) {
        RequestBudget budget = new RequestBudget(guard, exchange.studentId(), pricing, costing, exchange::callFor,
                exchange.startedAt());
        exchange.budget(budget);
        if (!choose(exchange, budget)) {
            return refuse(exchange, budget.refusal());
        }
        try {
            return chain.proceed(exchange);
        } finally {
            budget.close(exchange.dispatchStarted());
        }
    }

    /** Picks the candidate to call and holds its worst case; false when the request must be refused. */
    private boolean choose(ChatExchange exchange, RequestBudget budget) {
        List<Candidate> candidates = exchange.candidates();
        Candidate routed = candidates.getFirst();
        if (budget.cover(routed, List.of())) {
            exchange.choose(routed, exchange.routeFallbackReason());
            return true;
        }
        long routedWorstCase = budget.worstCase(routed);
        for (String step : degrade) {
            switch (step) {
                case CHEAPER_MODEL -> {
                    for (Candidate cheaper : candidates.subList(1, candidates.size())) {
                        if (!cheaper.offline() && budget.worstCase(cheaper) < routedWorstCase
                                && budget.cover(cheaper, List.of())) {
                            exchange.choose(cheaper, BUDGET);
                            return true;
                        }
                    }
                }
                case OFFLINE -> {
                    exchange.choose(Candidate.OFFLINE, BUDGET);
                    return true;
                }
                default -> {
                    return false; // refuse, and anything after it
                }
            }
        }
        return false;
    }

    private ChatResult refuse(ChatExchange exchange, BudgetExceededException refusal) {
        boolean studentCap = refusal != null && refusal.scope().isStudentCap();
        Long retryAfter = refusal == null || refusal.retryAfter() == null ? null
                : Refusals.ceilSeconds(refusal.retryAfter());
        return refusals.refuse(exchange,
                studentCap ? ErrorCode.STUDENT_BUDGET_EXCEEDED : ErrorCode.BUDGET_EXCEEDED,
                studentCap ? "student_cap" : "budget_exceeded",
                retryAfter,
                refusal == null ? "over budget" : refusal.getMessage());
    }
}
