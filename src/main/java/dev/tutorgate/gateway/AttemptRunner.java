package dev.tutorgate.gateway;

import dev.tutorgate.core.TextSink;
import dev.tutorgate.course.OfflineAnswer;
import dev.tutorgate.course.OfflineAnswerer;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.tutor.PreparedCall;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one call — to a model with a given key, or to the offline answerer — and records it as a
 * {@link CallAttempt}: text received, usage reported, failure kind, timings. Dispatchers are built
 * from it; it decides nothing about retrying. Thread-safe.
 */
public final class AttemptRunner {
    private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

    private final Map<String, ChatProvider> providers;
    private final OfflineAnswerer offline;
    private final Clock clock;

    /** @param providers the provider clients by configured provider name */
    public AttemptRunner(Map<String, ChatProvider> providers, OfflineAnswerer offline, Clock clock) {
        this.providers = Map.copyOf(providers);
        this.offline = offline;
        this.clock = clock;
    }

    public boolean hasProvider(String name) {
        return providers.containsKey(name);
    }

    /**
     * One call on {@code candidate}. For a model, {@code key} is the key to use; for the offline
     * answerer it is ignored (may be null).
     */
    public CallAttempt run(DispatchRequest request, Candidate candidate, ApiKey key, String fallbackReason) {
        TimedSink sink = new TimedSink(request.stream().sinkFor(candidate, fallbackReason));
        return candidate.offline()
                ? offline(request, fallbackReason, sink)
                : model(request, candidate, key, fallbackReason, sink);
    }

    /**
     * A side call on {@code candidate} with {@code key}: {@code call} is sent whole (not streamed) and
     * its text goes nowhere near the student. Recorded like any call, with its purpose, so that it is
     * ledgered and paid for (e.g. a summary of older conversation turns).
     *
     * @param label the attempt's fallback reason column: what the side call was for
     */
    public CallAttempt runSideCall(DispatchRequest request, Candidate candidate, ApiKey key, PreparedCall call,
                                   CallAttempt.Purpose purpose, String label) {
        ChatProvider provider = clientFor(candidate);
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        try {
            ProviderReply reply = provider.complete(call.call(), key);
            return new CallAttempt(candidate, key.alias(), label, startedAt, call, reply.text(), reply.usage(), null,
                    null, false, null, elapsedMs(startNanos), false, null, purpose);
        } catch (ProviderException e) {
            log.debug("request {}: {} call to {} via {} failed: {}", request.requestId(), purpose, candidate.model(),
                    key.alias(), e.kind().label());
            return new CallAttempt(candidate, key.alias(), label, startedAt, call, "", e.reportedUsage(), e.kind(),
                    e.retryAfter(), e.kind() == ErrorKind.CANCELLED, null, elapsedMs(startNanos), false, null, purpose);
        } catch (RuntimeException e) {
            log.error("request {}: {} call to {} via {} failed unexpectedly", request.requestId(), purpose,
                    candidate.model(), key.alias(), e);
            return new CallAttempt(candidate, key.alias(), label, startedAt, call, "", null, ErrorKind.STREAM_BROKEN,
                    null, false, null, elapsedMs(startNanos), false, null, purpose);
        }
    }

    private ChatProvider clientFor(Candidate candidate) {
        ChatProvider provider = providers.get(candidate.provider());
        if (provider == null) {
            throw new IllegalStateException("no client for provider " + candidate.provider());
        }
        return provider;
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private CallAttempt offline(DispatchRequest request, String fallbackReason, TimedSink sink) {
        Instant startedAt = clock.instant();
        OfflineAnswer answer = offline.answer(request.question(), request.streamed() ? sink : TextSink.DISCARD);
        boolean gone = request.streamed() && sink.refused();
        return new CallAttempt(Candidate.OFFLINE, null, fallbackReason, startedAt, null,
                request.streamed() ? sink.received() : answer.text(), null, null, null, gone,
                sink.ttftMs(request.streamed()), sink.elapsedMs(), request.streamed(), answer);
    }

    private CallAttempt model(DispatchRequest request, Candidate candidate, ApiKey key, String fallbackReason,
                              TimedSink sink) {
        PreparedCall prepared = request.calls().apply(candidate).orElseThrow(
                () -> new IllegalStateException(candidate.model() + " has no call for this request"));
        ChatProvider provider = clientFor(candidate);
        ModelCall call = prepared.call();
        boolean streamed = request.streamed();
        Instant startedAt = clock.instant();
        try {
            ProviderReply reply = streamed ? provider.stream(call, key, sink) : provider.complete(call, key);
            return new CallAttempt(candidate, key.alias(), fallbackReason, startedAt, prepared,
                    streamed ? sink.received() : reply.text(), reply.usage(), null, null, sink.refused(),
                    sink.ttftMs(streamed), sink.elapsedMs(), streamed, null);
        } catch (ProviderException e) {
            // Logged once, with the decision taken on it, by the dispatcher.
            log.debug("request {}: {} via {} failed: {} ({})", request.requestId(), candidate.model(), key.alias(),
                    e.kind().label(), e.getMessage());
            boolean gone = e.kind() == ErrorKind.CANCELLED || sink.refused();
            return new CallAttempt(candidate, key.alias(), fallbackReason, startedAt, prepared,
                    streamed ? sink.received() : "", e.reportedUsage(), e.kind(), e.retryAfter(), gone,
                    sink.ttftMs(streamed), sink.elapsedMs(), streamed, null);
        } catch (RuntimeException e) {
            // A bug in a provider client. The call may still have cost money, so it is recorded
            // like a broken stream rather than lost.
            log.error("request {}: {} via {} failed unexpectedly", request.requestId(), candidate.model(),
                    key.alias(), e);
            return new CallAttempt(candidate, key.alias(), fallbackReason, startedAt, prepared,
                    streamed ? sink.received() : "", null, ErrorKind.STREAM_BROKEN, null, sink.refused(),
                    sink.ttftMs(streamed), sink.elapsedMs(), streamed, null);
        }
    }

    /** Passes text on, keeping what got through and when the first piece came. */
    private static final class TimedSink implements TextSink {
        private final TextSink target;
        private final long startNanos = System.nanoTime();
        private final StringBuilder received = new StringBuilder();
        private long firstNanos = -1;
        private boolean refused;

        TimedSink(TextSink target) {
            this.target = target;
        }

        @Override
        public boolean accept(String delta) {
            if (refused) {
                return false;
            }
            if (firstNanos < 0 && delta != null && !delta.isEmpty()) {
                firstNanos = System.nanoTime();
            }
            if (!target.accept(delta)) {
                refused = true;
                return false;
            }
            if (delta != null) {
                received.append(delta);
            }
            return true;
        }

        String received() {
            return received.toString();
        }

        boolean refused() {
            return refused;
        }

        Long ttftMs(boolean streamed) {
            return !streamed || firstNanos < 0 ? null : (firstNanos - startNanos) / 1_000_000;
        }

        long elapsedMs() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }
}
