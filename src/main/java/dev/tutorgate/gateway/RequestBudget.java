package dev.tutorgate.gateway;

import dev.tutorgate.budget.BudgetExceededException;
import dev.tutorgate.budget.BudgetGuard;
import dev.tutorgate.budget.Reservation;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.tutor.PreparedCall;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The money one request holds. Before each attempt it makes sure the hold covers everything the
 * request may have spent so far plus that attempt's worst case, topping up with another
 * reservation when needed; after the calls it is settled at the exact total (or released), exactly
 * once. Confined to the request's thread.
 */
final class RequestBudget implements AttemptBudget {
    private final BudgetGuard guard;
    private final String studentId;
    private final CostCalculator pricing;
    private final AttemptCosting costing;
    private final Function<Candidate, Optional<PreparedCall>> calls;
    private final LocalDate priceDay;
    private final List<Reservation> holds = new ArrayList<>(2);
    private long held;
    private boolean closed;

    RequestBudget(BudgetGuard guard, String studentId, CostCalculator pricing, AttemptCosting costing,
                  Function<Candidate, Optional<PreparedCall>> calls, Instant at) {
        this.guard = guard;
        this.studentId = studentId;
        this.pricing = pricing;
        this.costing = costing;
        this.calls = calls;
        this.priceDay = AttemptCosting.priceDay(at);
    }

    /** The most one call to {@code candidate} can cost for this request; 0 for the offline answerer. */
    long worstCase(Candidate candidate) {
        if (candidate.offline()) {
            return 0;
        }
        PreparedCall call = calls.apply(candidate).orElseThrow(
                () -> new IllegalStateException(candidate.model() + " has no call for this request"));
        return pricing.worstCasePicos(candidate.model(), call.worstCaseInputTokens(), call.call().maxOutputTokens(), priceDay);
    }

    @Override
    public boolean cover(Candidate next, List<CallAttempt> soFar) {
        requireOpen();
        return next.offline() || hold(soFar, worstCase(next));
    }

    @Override
    public boolean coverCall(Candidate model, PreparedCall call, List<CallAttempt> soFar) {
        requireOpen();
        return model.offline() || hold(soFar, pricing.worstCasePicos(model.model(), call.worstCaseInputTokens(),
                call.call().maxOutputTokens(), priceDay));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the request's budget is settled already");
        }
    }

    /** Makes the hold cover what {@code soFar} cost plus {@code nextWorstCase}. */
    private boolean hold(List<CallAttempt> soFar, long nextWorstCase) {
        long spent = 0;
        for (CallAttempt attempt : soFar) {
            spent += costing.price(attempt).cost().picos();
        }
        long needed = spent + nextWorstCase;
        if (needed <= held) {
            return true;
        }
        try {
            holds.add(guard.reserve(studentId, needed - held));
            held = needed;
            return true;
        } catch (BudgetExceededException e) {
            return false;
        }
    }

    /** Takes over a reservation made for the first attempt (by the budget step's degradation plan). */
    void adopt(Reservation reservation) {
        if (closed) {
            throw new IllegalStateException("the request's budget is settled already");
        }
        holds.add(reservation);
        held += reservation.reservedPicos();
    }

    /** Counts {@code actualPicos} as spent and frees the rest of every hold. */
    void settle(long actualPicos) {
        if (closed) {
            return;
        }
        closed = true;
        if (holds.isEmpty()) {
            return; // only the offline answerer ran: nothing was held, nothing was spent
        }
        long left = actualPicos;
        for (int i = 0; i < holds.size(); i++) {
            Reservation hold = holds.get(i);
            // The last hold takes whatever remains, even beyond what it held: spending is recorded as it was.
            long share = i == holds.size() - 1 ? left : Math.min(left, hold.reservedPicos());
            hold.settle(share);
            left -= share;
        }
    }

    /**
     * Ends the hold if settle never ran (a failure on the way): when a call may have cost money its
     * cost is unknown, so the whole hold counts as spent; otherwise it is freed.
     */
    void close(boolean callsMayHaveCost) {
        if (closed) {
            return;
        }
        if (callsMayHaveCost) {
            settle(held);
        } else {
            closed = true;
            holds.forEach(Reservation::release);
        }
    }
}
