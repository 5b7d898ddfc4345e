package dev.tutorgate.gateway;

import java.util.List;

/**
 * Makes the model call(s) for one request: the step where retries, circuit breakers, key
 * balancing and fallback chains live. This first version ({@link SingleAttemptDispatcher}) makes
 * one attempt; the resilience work replaces it through {@link ChatPipeline.Builder#dispatcher}.
 *
 * <p>Rules for every implementation:
 * <ul>
 *   <li>Return every attempt made, in order; the last one decides what the student gets. Never
 *       throw for a provider failure: it is an attempt with an {@link CallAttempt#error()}.</li>
 *   <li>Cover each attempt after the first with {@link DispatchRequest#budget()} before making it.</li>
 *   <li>Stream through {@link AnswerStream#sinkFor}; once {@link AnswerStream#textStarted()} no
 *       other attempt may follow (a second model's text is never spliced onto the first's), and
 *       once {@link AnswerStream#clientGone()} stop.</li>
 *   <li>Hold no lock while a provider streams; sleep (backoff) only on the request's own thread.</li>
 * </ul>
 */
@FunctionalInterface
public interface Dispatcher {
    List<CallAttempt> dispatch(DispatchRequest request);
}
