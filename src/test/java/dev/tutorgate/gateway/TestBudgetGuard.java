package dev.tutorgate.gateway;

import dev.tutorgate.budget.BudgetExceededException;
import dev.tutorgate.budget.BudgetGuard;
import dev.tutorgate.budget.BudgetScope;
import dev.tutorgate.budget.Reservation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** One budget in memory (until the protection part lands): held + spent never above the limit. */
final class TestBudgetGuard implements BudgetGuard {
    private final long limitPicos;
    private final BudgetScope scope;
    private long held;
    private long spent;

    TestBudgetGuard(long limitPicos, BudgetScope scope) {
        this.limitPicos = limitPicos;
        this.scope = scope;
    }

    @Override
    public synchronized Reservation reserve(String studentId, long worstCasePicos) throws BudgetExceededException {
        if (spent + held + worstCasePicos > limitPicos) {
            throw new BudgetExceededException(scope, Duration.ofMinutes(90).plusMillis(1), "over " + scope);
        }
        held += worstCasePicos;
        return new Hold(worstCasePicos);
    }

    synchronized long spent() {
        return spent;
    }

    synchronized long held() {
        return held;
    }

    private final class Hold implements Reservation {
        private final long reserved;
        private final AtomicBoolean done = new AtomicBoolean();

        Hold(long reserved) {
            this.reserved = reserved;
        }

        @Override
        public void settle(long actualPicos) {
            if (done.compareAndSet(false, true)) {
                synchronized (TestBudgetGuard.this) {
                    held -= reserved;
                    spent += actualPicos;
                }
            }
        }

        @Override
        public void release() {
            settle(0);
        }

        @Override
        public long reservedPicos() {
            return reserved;
        }
    }
}
