package dev.tutorgate.gateway;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.tutor.ConversationStore;
import dev.tutorgate.tutor.PromptAssembler;
import dev.tutorgate.tutor.RequestPrompt;
import dev.tutorgate.tutor.StoredMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the conversation's history once (or takes the history the caller sent) and prepares the prompt (course prefix, history trimmed
 * per model, question). Candidates whose window cannot hold the course and this question are
 * dropped; the course is never cut.
 */
final class ContextStep implements ChatStep {
    /** The fallback reason when the routed model's window is too small for this request. */
    static final String CONTEXT_TOO_SMALL = "context_too_small";

    private final ConversationStore conversations;
    private final PromptAssembler assembler;
    private final Refusals refusals;

    ContextStep(ConversationStore conversations, PromptAssembler assembler, Refusals refusals) {
        this.conversations = conversations;
        this.assembler = assembler;
        this.refusals = refusals;
    }

    @Override
    public ChatResult handle(ChatExchange exchange, Chain chain) {
        List<StoredMessage> history = history(exchange);
        RequestPrompt prompt = assembler.prepare(exchange.command().message(), exchange.summary(), history);
        exchange.prompt(prompt);

        List<Candidate> fitting = new ArrayList<>(exchange.candidates().size());
        String firstSkipped = exchange.routeFallbackReason();
        for (Candidate candidate : exchange.candidates()) {
            if (candidate.offline() || prompt.callFor(candidate.limits()).isPresent()) {
                fitting.add(candidate);
            } else if (fitting.isEmpty() && firstSkipped == null) {
                firstSkipped = CONTEXT_TOO_SMALL;
            }
        }
        if (fitting.isEmpty()) {
            return refusals.refuse(exchange, ErrorCode.PROVIDER_UNAVAILABLE, "context_too_long", null,
                    "no candidate can hold the course and this question");
        }
        exchange.candidates(fitting, firstSkipped);
        return chain.proceed(exchange);
    }

    /**
     * The history for this call: what the caller sent with it (the OpenAI-compatible API), else the
     * stored conversation's.
     */
    private List<StoredMessage> history(ChatExchange exchange) {
        List<ChatMessage> supplied = exchange.command().history();
        if (!supplied.isEmpty()) {
            List<StoredMessage> history = new ArrayList<>(supplied.size());
            for (ChatMessage message : supplied) {
                // Not counted yet (-1): the prompt counts it once.
                history.add(new StoredMessage(message.role(), message.content(), -1, null, null, List.of(),
                        exchange.startedAt()));
            }
            return history;
        }
        return exchange.newConversation() ? List.of() : conversations.history(exchange.conversationId());
    }
}
