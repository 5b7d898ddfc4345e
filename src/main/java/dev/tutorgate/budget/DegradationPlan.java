package dev.tutorgate.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to do when a call's worst case does not fit the budget, in the configured order
 * ({@code budget.degrade}, default {@code [cheaper-model, offline, refuse]}). The caller tries
 * nothing itself: it hands the routed model and its cheaper alternatives to {@link #admit} and
 * switches on the {@link BudgetDecision}.
 *
 * <pre>{@code
 * switch (plan.admit(guard, studentId, new Candidate<>(routed, worst(routed)), cheaperCandidates)) {
 *     case BudgetDecision.Call<Model> call -> dispatch(call.option(), call.reservation());
 *     case BudgetDecision.Offline<Model> off -> answerOffline();
 *     case BudgetDecision.Refuse<Model> no -> respond503(no.reason().retryAfter());
 * }
 * }</pre>
 */
public final class DegradationPlan {
    public enum Step {
        CHEAPER_MODEL("cheaper-model", "answered by a cheaper model"),
        OFFLINE("offline", "answered offline from the course"),
        REFUSE("refuse", "refused");

        private final String configName;
        /** What a student gets from this step, for alerts: "questions are …". */
        private final String outcome;

        Step(String configName, String outcome) {
            this.configName = configName;
            this.outcome = outcome;
        }

        static Step fromConfig(String name) {
            String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Step step : values()) {
                if (step.configName.equals(wanted)) {
                    return step;
                }
            }
            throw new IllegalArgumentException("unknown degrade step '" + name + "' (one of cheaper-model, offline, refuse)");
        }
    }

    /**
     * A model the caller could use and the most its call may cost.
     *
     * @param worstCasePicos estimated input tokens × input price + max output tokens × output price
     */
    public record Candidate<T>(T option, long worstCasePicos) {
        public Candidate {
            Objects.requireNonNull(option, "option");
            if (worstCasePicos < 0) {
                throw new IllegalArgumentException("worst case must not be negative");
            }
        }
    }

    private final List<Step> steps;

    private DegradationPlan(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** From {@code budget.degrade}, e.g. ["cheaper-model", "offline", "refuse"]. */
    public static DegradationPlan of(List<String> configured) {
        List<Step> steps = new ArrayList<>();
        for (String name : configured) {
            steps.add(Step.fromConfig(name));
        }
        return new DegradationPlan(steps);
    }

    /**
     * What students get once the budget no longer fits their calls, as {@link #admit} decides it:
     * "answered by a cheaper model, then answered offline from the course". The offline answer and
     * a refusal end the plan; a list that runs out refuses.
     */
    public String describe() {
        List<String> outcomes = new ArrayList<>();
        for (Step step : steps) {
            outcomes.add(step.outcome);
            if (step != Step.CHEAPER_MODEL) {
                return String.join(", then ", outcomes);
            }
        }
        outcomes.add(Step.REFUSE.outcome);
        return String.join(", then ", outcomes);
    }

    /**
     * Reserves the routed model's worst case; if it does not fit, follows the steps: a cheaper
     * model (the first of {@code cheaper}, in the caller's order, whose worst case is below the last
     * one refused and fits), the offline answer, or a refusal. A list that runs out without
     * "offline" or "refuse" refuses.
     */
    public <T> BudgetDecision<T> admit(BudgetGuard guard, String studentId, Candidate<T> routed, List<Candidate<T>> cheaper) {
        BudgetExceededException refusal;
        try {
            return new BudgetDecision.Call<>(routed.option(), guard.reserve(studentId, routed.worstCasePicos()), false);
        } catch (BudgetExceededException e) {
            refusal = e;
        }
        long refusedAt = routed.worstCasePicos();
        for (Step step : steps) {
            switch (step) {
                case CHEAPER_MODEL -> {
                    for (Candidate<T> candidate : cheaper) {
                        // Only cheaper calls are worth a try: one as dear as a call just refused would be refused too.
                        if (candidate.worstCasePicos() >= refusedAt) {
                            continue;
                        }
                        try {
                            return new BudgetDecision.Call<>(candidate.option(),
                                    guard.reserve(studentId, candidate.worstCasePicos()), true);
                        } catch (BudgetExceededException e) {
                            refusal = e;
                            refusedAt = candidate.worstCasePicos();
                        }
                    }
                }
                case OFFLINE -> {
                    return new BudgetDecision.Offline<>(refusal);
                }
                case REFUSE -> {
                    return new BudgetDecision.Refuse<>(refusal);
                }
            }
        }
        return new BudgetDecision.Refuse<>(refusal);
    }
}
