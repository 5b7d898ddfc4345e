package dev.tutorgate.gateway;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.core.Money;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChatService} of tutorgate: runs each request through the chain of steps and gives the
 * listener exactly one outcome, whatever happens on the way (a bug included), then logs one line.
 */
public final class PipelineChatService implements ChatService {
    private static final Logger log = LoggerFactory.getLogger(PipelineChatService.class);

    private final List<ChatStep> steps;
    private final Clock clock;

    PipelineChatService(List<ChatStep> steps, Clock clock) {
        this.steps = List.copyOf(steps);
        this.clock = clock;
    }

    @Override
    public void answer(ChatCommand command, AnswerListener listener) {
        ChatExchange exchange = new ChatExchange(command, listener, clock.instant(), System.nanoTime());
        ChatResult result;
        try {
            result = new StepChain(steps).proceed(exchange);
        } catch (RuntimeException e) {
            log.error("request {} failed", command.requestId(), e);
            result = Refusals.fail(exchange, ErrorCode.INTERNAL, null, e.getClass().getSimpleName());
        }
        deliver(exchange, result);
        logLine(exchange, result);
    }

    private static void deliver(ChatExchange exchange, ChatResult result) {
        AnswerListener listener = exchange.listener();
        try {
            switch (result) {
                case ChatResult.Answered answered -> listener.onDone(answered.done());
                case ChatResult.Failed failed -> listener.onError(failed.failure());
                case ChatResult.Dispatched ignored -> listener.onError(new ChatFailure(exchange.requestId(),
                        ErrorCode.INTERNAL, null, "attempts were never settled"));
            }
        } catch (RuntimeException e) {
            log.warn("request {}: the listener failed on the outcome", exchange.requestId(), e);
        }
    }

    /** One line per request: who, how hard, why, which model, what happened, what it cost. */
    private static void logLine(ChatExchange exchange, ChatResult result) {
        if (!log.isInfoEnabled()) {
            return;
        }
        String outcome;
        String cost = "$0";
        String model = exchange.chosen() == null ? "-" : exchange.chosen().model();
        if (result instanceof ChatResult.Answered answered) {
            outcome = "ok";
            cost = Money.format(answered.done().costPicos());
            model = answered.done().model();
        } else if (result instanceof ChatResult.Failed failed) {
            outcome = failed.failure().code().code();
        } else {
            outcome = "unsettled";
        }
        log.info("chat request={} student={} conversation={} complexity={} reasons={} model={} fallback={} outcome={}"
                        + " cost={} latencyMs={}",
                exchange.requestId(), exchange.studentId(), exchange.conversationId(),
                exchange.complexityLabel() == null ? "-" : exchange.complexityLabel(),
                exchange.classification() == null ? "[]" : exchange.classification().reasons(),
                model, exchange.fallbackReason() == null ? "-" : exchange.fallbackReason(), outcome, cost,
                exchange.elapsedMs());
    }
}
