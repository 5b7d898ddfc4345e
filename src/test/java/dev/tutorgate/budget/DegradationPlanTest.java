package dev.tutorgate.budget;

import static dev.tutorgate.core.Money.picosFromUsd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.budget.DegradationPlan.Candidate;
import dev.tutorgate.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DegradationPlanTest {
    private static final List<String> DEFAULT = List.of("cheaper-model", "offline", "refuse");

    private MutableClock clock;
    private ReservingBudgetGuard guard;
    private final Candidate<String> sonnet = new Candidate<>("claude-sonnet-4-5", picosFromUsd("0.020"));
    private final List<Candidate<String>> cheaper = List.of(
            new Candidate<>("gpt-4.1-mini", picosFromUsd("0.004")),
            new Candidate<>("gemini-2.5-flash-lite", picosFromUsd("0.001")));

    @BeforeEach
    void setUp() {
        clock = MutableClock.at("2026-11-28T12:00:00Z");
        guard = new ReservingBudgetGuard(BudgetLimits.builder().limitUsd(BudgetScope.APP_DAILY, "0.50").build(),
                new InMemoryCounterStore(), SpendHistory.NONE, clock);
    }

    private void spend(String usd) throws Exception {
        guard.reserve("someone", picosFromUsd(usd)).settle(picosFromUsd(usd));
    }

    private long reserved() {
        return guard.appStatus().getFirst().reservedPicos();
    }

    @Test
    void theRoutedModelIsUsedWhenItFits() {
        BudgetDecision<String> decision = DegradationPlan.of(DEFAULT).admit(guard, "ann", sonnet, cheaper);
        assertThat(decision).isInstanceOfSatisfying(BudgetDecision.Call.class, call -> {
            assertThat(call.option()).isEqualTo("claude-sonnet-4-5");
            assertThat(call.degraded()).isFalse();
            assertThat(call.reservation().reservedPicos()).isEqualTo(picosFromUsd("0.020"));
        });
        assertThat(reserved()).isEqualTo(picosFromUsd("0.020"));
    }

    @Test
    void aCheaperModelIsUsedWhenOnlyItFits() throws Exception {
        spend("0.49");
        BudgetDecision<String> decision = DegradationPlan.of(DEFAULT).admit(guard, "ann", sonnet, cheaper);
        assertThat(decision).isInstanceOfSatisfying(BudgetDecision.Call.class, call -> {
            assertThat(call.option()).isEqualTo("gpt-4.1-mini");
            assertThat(call.degraded()).isTrue();
        });
        assertThat(reserved()).isEqualTo(picosFromUsd("0.004"));
    }

    @Test
    void theCheapestIsTriedWhenTheMiddleOneDoesNotFit() throws Exception {
        spend("0.498");
        BudgetDecision<String> decision = DegradationPlan.of(DEFAULT).admit(guard, "ann", sonnet, cheaper);
        assertThat(decision).isInstanceOfSatisfying(BudgetDecision.Call.class,
                call -> assertThat(call.option()).isEqualTo("gemini-2.5-flash-lite"));
    }

    @Test
    void offlineWhenNoModelFitsAndNothingIsLeftHeld() throws Exception {
        spend("0.5");
        BudgetDecision<String> decision = DegradationPlan.of(DEFAULT).admit(guard, "ann", sonnet, cheaper);
        assertThat(decision).isInstanceOfSatisfying(BudgetDecision.Offline.class, offline -> {
            assertThat(offline.reason().scope()).isEqualTo(BudgetScope.APP_DAILY);
            assertThat(offline.reason().retryAfter().toHours()).isEqualTo(12);
        });
        assertThat(reserved()).isZero();
    }

    @Test
    void refuseWhenOfflineIsNotInThePlan() throws Exception {
        spend("0.5");
        BudgetDecision<String> decision = DegradationPlan.of(List.of("cheaper-model", "refuse")).admit(guard, "ann", sonnet, cheaper);
        assertThat(decision).isInstanceOf(BudgetDecision.Refuse.class);
    }

    @Test
    void stepsAreFollowedInTheConfiguredOrder() throws Exception {
        spend("0.49");
        BudgetDecision<String> decision = DegradationPlan.of(List.of("offline", "cheaper-model")).admit(guard, "ann", sonnet, cheaper);
        assertThat(decision).isInstanceOf(BudgetDecision.Offline.class);
        assertThat(reserved()).isZero();
    }

    @Test
    void withoutCheaperModelNoAlternativeIsTried() throws Exception {
        spend("0.49");
        BudgetDecision<String> decision = DegradationPlan.of(List.of("refuse")).admit(guard, "ann", sonnet, cheaper);
        assertThat(decision).isInstanceOf(BudgetDecision.Refuse.class);
        assertThat(reserved()).isZero();
    }

    @Test
    void aPlanThatRunsOutRefuses() throws Exception {
        spend("0.5");
        BudgetDecision<String> decision = DegradationPlan.of(List.of("cheaper-model")).admit(guard, "ann", sonnet, cheaper);
        assertThat(decision).isInstanceOf(BudgetDecision.Refuse.class);
    }

    @Test
    void alternativesAsDearAsTheRefusedModelAreSkipped() throws Exception {
        spend("0.49");
        List<Candidate<String>> notCheaper = List.of(new Candidate<>("gpt-4.1", picosFromUsd("0.030")),
                new Candidate<>("gpt-4.1-mini", picosFromUsd("0.004")));
        BudgetDecision<String> decision = DegradationPlan.of(DEFAULT).admit(guard, "ann", sonnet, notCheaper);
        assertThat(decision).isInstanceOfSatisfying(BudgetDecision.Call.class,
                call -> assertThat(call.option()).isEqualTo("gpt-4.1-mini"));
    }

    @Test
    void theDescriptionEndsWhereTheAdmissionEnds() {
        assertThat(DegradationPlan.of(List.of("cheaper-model", "offline", "refuse")).describe())
                .isEqualTo("answered by a cheaper model, then answered offline from the course");
        assertThat(DegradationPlan.of(List.of("offline")).describe()).isEqualTo("answered offline from the course");
        assertThat(DegradationPlan.of(List.of("refuse")).describe()).isEqualTo("refused");
        assertThat(DegradationPlan.of(List.of("cheaper-model", "refuse", "offline")).describe())
                .isEqualTo("answered by a cheaper model, then refused");
        assertThat(DegradationPlan.of(List.of("cheaper-model")).describe()).isEqualTo("answered by a cheaper model, then refused");
        assertThat(DegradationPlan.of(List.of()).describe()).isEqualTo("refused");
    }

    @Test
    void unknownStepsAreRejected() {
        assertThatThrownBy(() -> DegradationPlan.of(List.of("cheaper", "offline")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cheaper");
    }
}
