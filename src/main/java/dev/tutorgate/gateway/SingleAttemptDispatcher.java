package dev.tutorgate.gateway;

import java.util.List;

/**
 * The first dispatcher: one attempt on the candidate the budget admitted, with its provider's
 * next key (round-robin), or the offline answerer. A failure is final: no retry, no fallback —
 * that is the resilience work's {@link Dispatcher}.
 */
public final class SingleAttemptDispatcher implements Dispatcher {
    private final AttemptRunner runner;
    private final ProviderKeys keys;

    public SingleAttemptDispatcher(AttemptRunner runner, ProviderKeys keys) {
        this.runner = runner;
        this.keys = keys;
    }

    @Override
    public List<CallAttempt> dispatch(DispatchRequest request) {
        Candidate candidate = request.first();
        return List.of(runner.run(request, candidate,
                candidate.offline() ? null : keys.next(candidate.provider()), request.fallbackReason()));
    }
}
