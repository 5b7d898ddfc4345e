package dev.tutorgate.budget;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The budgets in force, in pico-dollars: which scopes have a limit, where periods begin, and how
 * long a forgotten reservation lives. Immutable; build with {@link #from} or {@link #builder()}.
 */
public final class BudgetLimits {
    private final Map<BudgetScope, Long> limits;
    private final ZoneId zone;
    private final Duration reservationTtl;

    private BudgetLimits(Builder b) {
        this.limits = new EnumMap<>(b.limits);
        this.zone = b.zone;
        this.reservationTtl = b.reservationTtl;
    }

    /** From {@code budget.*} and {@code limits.studentDailyUsd/studentMonthlyUsd}. */
    public static BudgetLimits from(TutorgateConfig config) {
        TutorgateConfig.Budget budget = config.budget();
        TutorgateConfig.Limits limits = config.limits();
        return builder()
                .limitUsd(BudgetScope.APP_DAILY, budget.dailyUsd())
                .limitUsd(BudgetScope.APP_WEEKLY, budget.weeklyUsd())
                .limitUsd(BudgetScope.APP_MONTHLY, budget.monthlyUsd())
                .limitUsd(BudgetScope.STUDENT_DAILY, limits.studentDailyUsd())
                .limitUsd(BudgetScope.STUDENT_MONTHLY, limits.studentMonthlyUsd())
                .zone(ZoneId.of(budget.timeZone()))
                .reservationTtl(Duration.ofSeconds(budget.reservationTtlSeconds()))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The scope's limit, or empty when that budget is not configured. */
    public OptionalLong limitPicos(BudgetScope scope) {
        Long limit = limits.get(scope);
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    public boolean hasStudentCaps() {
        return limits.containsKey(BudgetScope.STUDENT_DAILY) || limits.containsKey(BudgetScope.STUDENT_MONTHLY);
    }

    public ZoneId zone() {
        return zone;
    }

    public Duration reservationTtl() {
        return reservationTtl;
    }

    public static final class Builder {
        private final Map<BudgetScope, Long> limits = new EnumMap<>(BudgetScope.class);
        private ZoneId zone = ZoneId.of("UTC");
        private Duration reservationTtl = Duration.ofMinutes(5);

        private Builder() {
        }

        /** Sets a scope's limit; null removes it (that budget does not apply). */
        public Builder limitUsd(BudgetScope scope, BigDecimal usd) {
            return limitPicos(scope, usd == null ? null : Money.picosFromUsd(usd));
        }

        public Builder limitUsd(BudgetScope scope, String usd) {
            return limitUsd(scope, usd == null ? null : new BigDecimal(usd));
        }

        public Builder limitPicos(BudgetScope scope, Long picos) {
            Objects.requireNonNull(scope, "scope");
            if (picos == null) {
                limits.remove(scope);
            } else if (picos < 0) {
                throw new IllegalArgumentException(scope + " limit must not be negative");
            } else {
                limits.put(scope, picos);
            }
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        public Builder reservationTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("reservation TTL must be positive");
            }
            this.reservationTtl = ttl;
            return this;
        }

        public BudgetLimits build() {
            return new BudgetLimits(this);
        }
    }
}
