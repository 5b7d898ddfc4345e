package dev.tutorgate.gateway;

import java.util.List;

/** The last step: hands the admitted candidate to the {@link Dispatcher} and returns its attempts. */
final class DispatchStep implements ChatStep {
    private final Dispatcher dispatcher;

    DispatchStep(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public ChatResult handle(ChatExchange exchange, Chain chain) {
        AnswerStream stream = new AnswerStream(exchange.requestId(), exchange.conversationId(),
                exchange.complexityLabel(), exchange.listener());
        exchange.dispatching(stream);
        Candidate first = exchange.chosen();
        List<Candidate> alternatives = exchange.candidates().stream().filter(c -> !c.equals(first)).toList();
        DispatchRequest request = new DispatchRequest(exchange.requestId(), exchange.command().message(),
                exchange.command().streamed(), first, exchange.fallbackReason(), alternatives, exchange::callFor,
                exchange.budget(), stream,
                new ConversationContext(exchange.conversationId(), exchange.newConversation(), exchange.prompt()));
        return new ChatResult.Dispatched(dispatcher.dispatch(request));
    }
}
