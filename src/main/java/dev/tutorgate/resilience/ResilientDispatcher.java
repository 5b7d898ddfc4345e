package dev.tutorgate.resilience;

import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.gateway.AttemptRunner;
import dev.tutorgate.gateway.CallAttempt;
import dev.tutorgate.gateway.Candidate;
import dev.tutorgate.gateway.ConversationContext;
import dev.tutorgate.gateway.DispatchRequest;
import dev.tutorgate.gateway.Dispatcher;
import dev.tutorgate.limits.ProviderThrottle;
import dev.tutorgate.limits.ThrottlePermit;
import dev.tutorgate.limits.ThrottledException;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.tutor.PreparedCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher with retries, key balancing, circuit breakers, fallback chains and context
 * overflow handling. For each candidate in turn (the admitted one, then the router's fallbacks,
 * the offline answer last):
 *
 * <ol>
 *   <li>a key from the {@link KeyPool} (balanced; refused, out-of-quota, cooling and open-circuit keys
 *       skipped; when all usable keys are cooling down, a wait until the first is free);</li>
 *   <li>the budget covers the attempt (every attempt but the admitted first one);</li>
 *   <li>the provider tier throttle admits it (no room in time: the next key, then the next model);</li>
 *   <li>history the prompt had to leave out is summarised first, when the stored summary does not
 *       cover it;</li>
 *   <li>the call; on failure, its {@link FailureAction}: backoff and retry, another key at once, a
 *       smaller prompt once, or the next model. At most {@code retry.maxAttempts} calls per model; no
 *       wait that would end after the request's time ({@code timeouts.requestMs}) — fail over
 *       instead.</li>
 * </ol>
 *
 * Once answer text has reached the student nothing else is tried (no splicing); once the student is
 * gone, nothing else is done. Holds no lock; waits on the request's own thread through the
 * {@link Sleeper}. Returns every call made, summaries included.
 */
public final class ResilientDispatcher implements Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(ResilientDispatcher.class);
    static final String HISTORY_SUMMARY = "history_summary";
    static final String BUDGET = "budget";
    static final String CONTEXT_TOO_LONG = "context_too_long";
    /** Without a tier throttle every call is admitted. */
    private static final ThrottlePermit NO_PERMIT = new ThrottlePermit() {
        @Override
        public void complete(long inputTokens, long outputTokens) {
        }

        @Override
        public void cancel() {
        }
    };

    private final AttemptRunner runner;
    private final KeyPool pool;
    private final RetryPolicy policy;
    private final Duration requestTimeout;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ProviderThrottle throttle;
    private final HistoryCompactor compactor;
    private final TokenCounter counter;
    private final HealthBoard board;

    ResilientDispatcher(AttemptRunner runner, KeyPool pool, RetryPolicy policy, Duration requestTimeout,
                        Sleeper sleeper, Clock clock, ProviderThrottle throttle, HistoryCompactor compactor,
                        TokenCounter counter, HealthBoard board) {
        this.runner = runner;
        this.pool = pool;
        this.policy = policy;
        this.requestTimeout = requestTimeout;
        this.sleeper = sleeper;
        this.clock = clock;
        this.throttle = throttle;
        this.compactor = compactor;
        this.counter = counter;
        this.board = board;
    }

    /** One request's progress. Confined to the request's thread. */
    private static final class Run {
        final DispatchRequest request;
        final Instant deadline;
        final List<CallAttempt> attempts = new ArrayList<>(4);
        final AttemptLog log;
        boolean stopped;
        boolean tightened;
        /** After a prompt proved too long for a model: only larger windows are worth trying. */
        long windowAbove;
        Integer coveredTurns;

        Run(DispatchRequest request, Instant deadline) {
            this.request = request;
            this.deadline = deadline;
            this.log = new AttemptLog(request.requestId());
        }

        boolean over() {
            return stopped || request.stream().textStarted() || request.stream().clientGone()
                    || (!attempts.isEmpty() && attempts.getLast().isAnswer() && attempts.getLast().answered());
        }

        CallAttempt add(CallAttempt attempt) {
            log.then("retry", null); // a call follows the last failure without a wait
            attempts.add(attempt);
            if (attempt.error() != null || attempt.clientGone()) {
                log.failed(attempts.size(), attempt);
            }
            return attempt;
        }

        /** Whether the attempt on {@code model} needs covering: all but the admitted candidate's first. */
        boolean needsCover(Candidate model) {
            return !attempts.isEmpty() || !model.equals(request.first());
        }
    }

    @Override
    public List<CallAttempt> dispatch(DispatchRequest request) {
        Run run = new Run(request, clock.instant().plus(requestTimeout));
        List<Candidate> chain = new ArrayList<>(request.alternatives().size() + 1);
        chain.add(request.first());
        chain.addAll(request.alternatives());
        String reason = request.fallbackReason();
        for (Candidate candidate : chain) {
            if (run.over()) {
                break;
            }
            if (candidate.offline()) {
                run.log.then("fall back (" + reason + ")", null);
                run.add(runner.run(request, candidate, null, reason));
                break;
            }
            String left = tryModel(run, candidate, reason);
            if (left == null) {
                break;
            }
            run.log.then("fall back (" + left + ")", null);
            board.left(candidate.model(), left, clock.instant());
            reason = left;
        }
        run.log.then(request.stream().clientGone() ? "stop: the student left"
                : request.stream().textStarted() ? "stop: the answer had started, nothing is spliced on" : "give up", null);
        return run.attempts;
    }

    /** How the calls to one model of one request are going. */
    private static final class ModelTry {
        final Candidate model;
        final Set<String> throttled = new HashSet<>(2);
        int made;
        ErrorKind lastError;
        Duration lastHint;

        ModelTry(Candidate model) {
            this.model = model;
        }

        /** Why the model is left when it must be: the last failure's kind, else {@code fallback}. */
        String reason(String fallback) {
            return lastError != null ? lastError.label() : fallback;
        }
    }

    /** What comes next for a model: a call on a leased key, leaving it, or the end of the request. */
    private sealed interface Next {
        record Call(Selection.Lease lease) implements Next {
        }

        record Leave(String reason) implements Next {
        }

        record Stop() implements Next {
        }
    }

    /**
     * Calls {@code model} until it answers, the request is over, or it should be left.
     *
     * @return why the model is left (the next candidate's fallback reason), or null when the request is over
     */
    private String tryModel(Run run, Candidate model, String reason) {
        if (run.windowAbove > 0 && model.limits().contextWindow() <= run.windowAbove) {
            return CONTEXT_TOO_LONG;
        }
        ModelTry t = new ModelTry(model);
        while (t.made < policy.maxAttempts()) {
            Selection.Lease lease;
            switch (next(run, t)) {
                case Next.Leave leave -> {
                    return leave.reason();
                }
                case Next.Stop stop -> {
                    return null;
                }
                case Next.Call call -> lease = call.lease();
            }
            switch (attempt(run, model, lease, reason, t.throttled)) {
                case Outcome.Over over -> {
                    return null;
                }
                case Outcome.Leave leave -> {
                    return leave.reason();
                }
                case Outcome.NotMade notMade -> {
                    // another key, if any has room
                }
                case Outcome.Failed failed -> {
                    t.made++;
                    t.lastError = failed.kind();
                    t.lastHint = failed.hint();
                    FailureAction action = FailureAction.of(failed.kind());
                    if (action == FailureAction.NEXT_MODEL) {
                        return failed.kind().label();
                    }
                    if (action == FailureAction.SHRINK_CONTEXT && !shrink(run, model)) {
                        run.windowAbove = Math.max(run.windowAbove, model.limits().contextWindow());
                        return CONTEXT_TOO_LONG;
                    }
                }
            }
        }
        return t.reason("no_key");
    }

    /**
     * The key for the next call to the model, after the wait that is due: the backoff after a failure
     * that calls for one (or the provider's longer hint), or until the first key is free again when
     * every usable key is cooling down. A wait that would end after the request's time is not waited:
     * the model is left instead.
     */
    private Next next(Run run, ModelTry t) {
        boolean backoffDue = t.made > 0 && FailureAction.of(t.lastError) == FailureAction.RETRY_WITH_BACKOFF;
        if (backoffDue) {
            Instant now = clock.instant();
            if (!pool.hasUsableKey(t.model, now)) {
                return new Next.Leave("circuit_open");
            }
            Duration backoff = policy.waitBefore(t.made, t.lastHint);
            if (backoff.isPositive() && !waitWithin(run, t, backoff, now)) {
                return run.stopped ? new Next.Stop() : new Next.Leave(t.reason("rate_limited"));
            }
        }
        while (true) {
            Instant now = clock.instant();
            Selection selection = pool.select(t.model, t.throttled, now);
            switch (selection) {
                case Selection.Lease lease -> {
                    return new Next.Call(lease);
                }
                case Selection.NoKey none -> {
                    return new Next.Leave(none.reason().equals("no_key") ? t.reason("no_key") : none.reason());
                }
                case Selection.WaitUntil until -> {
                    if (!waitWithin(run, t, Duration.between(now, until.until()), now)) {
                        return run.stopped ? new Next.Stop() : new Next.Leave(t.reason(ErrorKind.RATE_LIMITED.label()));
                    }
                }
            }
        }
    }

    /** Sleeps {@code wait} if it ends within the request's time; false when it would not (or the thread was interrupted). */
    private boolean waitWithin(Run run, ModelTry t, Duration wait, Instant now) {
        Duration left = Duration.between(now, run.deadline);
        if (wait.compareTo(left) > 0) {
            run.log.then("fall back (" + t.reason(ErrorKind.RATE_LIMITED.label()) + "): a wait of "
                    + AttemptLog.seconds(wait) + " is longer than the request's time left ("
                    + AttemptLog.seconds(left.isNegative() ? Duration.ZERO : left) + ")", null);
            return false;
        }
        run.log.then("retry", wait);
        if (!sleep(wait)) {
            run.stopped = true;
            return false;
        }
        return true;
    }

    /** What one attempt on a leased key came to. */
    private sealed interface Outcome {
        /** Answered, the student left, the answer had started, or the thread was interrupted. */
        record Over() implements Outcome {
        }

        /** Leave the model without a call (budget, context). */
        record Leave(String reason) implements Outcome {
        }

        /** No call was made on this key (the throttle had no room): pick another. */
        record NotMade() implements Outcome {
        }

        /** The call failed. */
        record Failed(ErrorKind kind, Duration hint) implements Outcome {
        }
    }

    private Outcome attempt(Run run, Candidate model, Selection.Lease lease, String reason, Set<String> throttled) {
        if (run.needsCover(model) && !run.request.budget().cover(model, run.attempts)) {
            pool.release(lease);
            return new Outcome.Leave(BUDGET);
        }
        PreparedCall call = run.request.calls().apply(model).orElse(null);
        if (call == null) {
            pool.release(lease);
            return new Outcome.Leave(CONTEXT_TOO_LONG);
        }
        Optional<ThrottlePermit> permit = admit(run, lease, call, throttled);
        if (permit.isEmpty()) {
            pool.release(lease);
            return run.stopped ? new Outcome.Over() : new Outcome.NotMade();
        }
        if (summarise(run, call)) {
            PreparedCall smaller = run.request.calls().apply(model).orElse(null);
            if (smaller == null || !run.request.budget().cover(model, run.attempts)) {
                permit.get().cancel();
                pool.release(lease);
                return new Outcome.Leave(smaller == null ? CONTEXT_TOO_LONG : BUDGET);
            }
            call = smaller;
        }
        CallAttempt attempt = record(run, lease, permit.get(), call,
                () -> runner.run(run.request, model, lease.key(), reason));
        if (attempt.error() == null) {
            board.answered(model.model(), clock.instant());
            return new Outcome.Over();
        }
        if (attempt.error() == ErrorKind.CANCELLED || attempt.clientGone() || run.request.stream().textStarted()) {
            return new Outcome.Over();
        }
        return new Outcome.Failed(attempt.error(), attempt.retryAfter());
    }

    /** The tier throttle's permit for this call, or empty when the key has no room in time. */
    private Optional<ThrottlePermit> admit(Run run, Selection.Lease lease, PreparedCall call, Set<String> throttled) {
        if (throttle == null) {
            return Optional.of(NO_PERMIT);
        }
        try {
            return Optional.of(throttle.acquire(lease.key().alias(), call.estimatedInputTokens(),
                    call.call().maxOutputTokens()));
        } catch (ThrottledException e) {
            if (e.reason() == ThrottledException.Reason.INTERRUPTED) {
                run.stopped = true;
            }
            throttled.add(lease.key().alias());
            log.info("request {}: {} key {} has no room in its tier limits now ({}): trying another",
                    run.request.requestId(), lease.model().model(), lease.key().alias(), e.reason());
            return Optional.empty();
        }
    }

    /** Makes the call, then tells the throttle and the pool how it went. */
    private CallAttempt record(Run run, Selection.Lease lease, ThrottlePermit permit, PreparedCall call,
                               Supplier<CallAttempt> makeCall) {
        CallAttempt attempt;
        try {
            attempt = run.add(makeCall.get());
        } catch (RuntimeException e) {
            permit.cancel();
            pool.release(lease);
            throw e;
        }
        Instant now = clock.instant();
        Duration took = Duration.ofMillis(attempt.latencyMs());
        ErrorKind error = attempt.error();
        if (error != null && FailureAction.neverReachedProvider(error)) {
            permit.cancel();
        } else if (attempt.reportedUsage() != null) {
            permit.complete(attempt.reportedUsage().inputTokens(), attempt.reportedUsage().outputTokens());
        } else {
            permit.complete(error == null || !attempt.text().isEmpty() ? call.estimatedInputTokens() : 0,
                    counter.count(attempt.text()));
        }
        if (error == null) {
            pool.succeeded(lease, took, now);
        } else if (error == ErrorKind.CANCELLED) {
            pool.release(lease);
        } else {
            pool.failed(lease, error, attempt.retryAfter(), took, now);
        }
        return attempt;
    }

    /**
     * After the provider said the prompt is too long although our estimate said it fits: once per
     * request, halve the history room of this model (the oldest turns go, summarised before the next
     * call). False when that is not possible or makes the prompt no smaller.
     */
    private boolean shrink(Run run, Candidate model) {
        ConversationContext conversation = run.request.conversation();
        if (run.tightened || conversation == null) {
            return false;
        }
        run.tightened = true;
        long before = run.request.calls().apply(model).map(PreparedCall::estimatedInputTokens).orElse(0L);
        conversation.prompt().tighten(model.limits());
        long after = run.request.calls().apply(model).map(PreparedCall::estimatedInputTokens).orElse(Long.MAX_VALUE);
        return after < before;
    }

    /**
     * Summarises the turns {@code answer} leaves out when the stored summary does not cover them: one
     * call to the summary model (no retries; its cost covered by the budget), the summary stored and
     * put into the prompt. True when the prompt changed.
     */
    private boolean summarise(Run run, PreparedCall answer) {
        ConversationContext conversation = run.request.conversation();
        if (compactor == null || conversation == null || answer.droppedTurns() == 0) {
            return false;
        }
        if (run.coveredTurns == null) {
            run.coveredTurns = compactor.coveredTurns(conversation);
        }
        Optional<HistoryCompactor.Plan> plan = compactor.plan(conversation, run.coveredTurns, answer);
        if (plan.isEmpty()) {
            return false;
        }
        Candidate summaryModel = compactor.summarizer().model();
        if (!run.request.budget().coverCall(summaryModel, plan.get().call(), run.attempts)) {
            return false;
        }
        if (!(pool.select(summaryModel, Set.of(), clock.instant()) instanceof Selection.Lease lease)) {
            return false;
        }
        Optional<ThrottlePermit> permit = admit(run, lease, plan.get().call(), new HashSet<>(1));
        if (permit.isEmpty()) {
            pool.release(lease);
            return false;
        }
        CallAttempt attempt = record(run, lease, permit.get(), plan.get().call(), () -> runner.runSideCall(
                run.request, summaryModel, lease.key(), plan.get().call(), CallAttempt.Purpose.HISTORY_SUMMARY,
                HISTORY_SUMMARY));
        if (attempt.error() != null || attempt.text().isBlank()) {
            run.log.then("answer without a new summary (oldest turns left out)", null);
            return false;
        }
        compactor.apply(conversation, plan.get(), attempt.text().strip());
        run.coveredTurns = plan.get().throughTurn();
        return true;
    }

    private boolean sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
