package dev.tutorgate.gateway;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first dispatcher: one attempt on the candidate the budget admitted, with its provider's
 * next key (round-robin), or the offline answerer. A failure is final: no retry, no fallback —
 * that is the resilience work's {@link Dispatcher}.
 */
public final class SingleAttemptDispatcher implements Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(SingleAttemptDispatcher.class);

    private final AttemptRunner runner;
    private final ProviderKeys keys;

    public SingleAttemptDispatcher(AttemptRunner runner, ProviderKeys keys) {
        this.runner = runner;
        this.keys = keys;
    }

    @Override
    public List<CallAttempt> dispatch(DispatchRequest request) {
        Candidate candidate = request.first();
        CallAttempt attempt = runner.run(request, candidate,
                candidate.offline() ? null : keys.next(candidate.provider()), request.fallbackReason());
        if (attempt.error() != null) {
            log.warn("request {}: {} via {} failed: {}", request.requestId(), candidate.model(), attempt.keyAlias(),
                    attempt.error().label());
        }
        return List.of(attempt);
    }
}
