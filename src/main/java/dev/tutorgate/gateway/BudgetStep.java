package dev.tutorgate.gateway;

import dev.tutorgate.budget.BudgetDecision;
import dev.tutorgate.budget.BudgetExceededException;
import dev.tutorgate.budget.BudgetGuard;
import dev.tutorgate.budget.DegradationPlan;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.pricing.CostCalculator;
import java.util.ArrayList;
import java.util.List;

/**
 * Reserves the worst case of the call before it is made, and makes sure the hold is settled or
 * released after it, whatever happens. When the routed candidate's worst case does not fit, the
 * configured {@link DegradationPlan} decides: a cheaper candidate whose worst case fits, the
 * offline answer (free, nothing held), or a refusal with retry-after until the next budget period.
 */
final class BudgetStep implements ChatStep {
    /** The fallback reason of an answer degraded by the budget. */
    static final String BUDGET = "budget";

    private final BudgetGuard guard;
    private final DegradationPlan plan;
    private final CostCalculator pricing;
    private final AttemptCosting costing;
    private final Refusals refusals;

    BudgetStep(BudgetGuard guard, DegradationPlan plan, CostCalculator pricing, AttemptCosting costing,
               Refusals refusals) {
        this.guard = guard;
        this.plan = plan;
        this.pricing = pricing;
        this.costing = costing;
        this.refusals = refusals;
    }

    @Override
    public ChatResult handle(ChatExchange exchange, Chain chain) {
        RequestBudget budget = new RequestBudget(guard, exchange.studentId(), pricing, costing, exchange::callFor,
                exchange.startedAt());
        exchange.budget(budget);
        Candidate routed = exchange.candidates().getFirst();
        if (routed.offline()) {
            exchange.choose(routed, exchange.routeFallbackReason());
        } else {
            switch (plan.admit(guard, exchange.studentId(), option(budget, routed), cheaper(budget, exchange))) {
                case BudgetDecision.Call<Candidate> call -> {
                    budget.adopt(call.reservation());
                    exchange.choose(call.option(), call.degraded() ? BUDGET : exchange.routeFallbackReason());
                }
                case BudgetDecision.Offline<Candidate> ignored -> exchange.choose(Candidate.OFFLINE, BUDGET);
                case BudgetDecision.Refuse<Candidate> refuse -> {
                    return refuse(exchange, refuse.reason());
                }
            }
        }
        try {
            return chain.proceed(exchange);
        } finally {
            budget.close(exchange.dispatchStarted());
        }
    }

    private static DegradationPlan.Candidate<Candidate> option(RequestBudget budget, Candidate candidate) {
        return new DegradationPlan.Candidate<>(candidate, budget.worstCase(candidate));
    }

    /** The other model candidates, in routing order (the plan only tries those cheaper than the refused one). */
    private static List<DegradationPlan.Candidate<Candidate>> cheaper(RequestBudget budget, ChatExchange exchange) {
        List<Candidate> candidates = exchange.candidates();
        List<DegradationPlan.Candidate<Candidate>> options = new ArrayList<>(candidates.size() - 1);
        for (Candidate candidate : candidates.subList(1, candidates.size())) {
            if (!candidate.offline()) {
                options.add(option(budget, candidate));
            }
        }
        return options;
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
