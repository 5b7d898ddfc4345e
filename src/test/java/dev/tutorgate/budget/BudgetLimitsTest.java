package dev.tutorgate.budget;

import static dev.tutorgate.core.Money.picosFromUsd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigLoader;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetLimitsTest {
    @Test
    void theDefaultsAreTwentyDollarsADayInUtcAndNoOtherBudget() {
        BudgetLimits limits = BudgetLimits.from(ConfigLoader.fromYaml(null, "defaults", Map.of()).config());
        assertThat(limits.limitPicos(BudgetScope.APP_DAILY)).hasValue(picosFromUsd("20"));
        assertThat(limits.limitPicos(BudgetScope.APP_WEEKLY)).isEmpty();
        assertThat(limits.limitPicos(BudgetScope.APP_MONTHLY)).isEmpty();
        assertThat(limits.hasStudentCaps()).isFalse();
        assertThat(limits.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(limits.reservationTtl()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void everyBudgetAndCapComesFromTheConfiguration() {
        String yaml = """
                limits: { studentDailyUsd: 0.25, studentMonthlyUsd: 3 }
                budget: { dailyUsd: 0.50, weeklyUsd: 2.5, monthlyUsd: 8, timeZone: Europe/Moscow, reservationTtlSeconds: 90 }
                """;
        BudgetLimits limits = BudgetLimits.from(ConfigLoader.fromYaml(yaml, "test.yaml", Map.of()).config());
        assertThat(limits.limitPicos(BudgetScope.APP_DAILY)).hasValue(picosFromUsd("0.50"));
        assertThat(limits.limitPicos(BudgetScope.APP_WEEKLY)).hasValue(picosFromUsd("2.5"));
        assertThat(limits.limitPicos(BudgetScope.APP_MONTHLY)).hasValue(picosFromUsd("8"));
        assertThat(limits.limitPicos(BudgetScope.STUDENT_DAILY)).hasValue(picosFromUsd("0.25"));
        assertThat(limits.limitPicos(BudgetScope.STUDENT_MONTHLY)).hasValue(picosFromUsd("3"));
        assertThat(limits.hasStudentCaps()).isTrue();
        assertThat(limits.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(limits.reservationTtl()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void impossibleValuesAreRejected() {
        assertThatThrownBy(() -> BudgetLimits.builder().limitPicos(BudgetScope.APP_DAILY, -1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BudgetLimits.builder().reservationTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
