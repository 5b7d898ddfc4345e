package dev.tutorgate.resilience;

import dev.tutorgate.gateway.ConversationContext;
import dev.tutorgate.tutor.PreparedCall;
import java.util.Optional;

/**
 * Decides when a prompt needs a new summary of older turns and keeps it: a call that had to leave
 * out more of the oldest turns than the stored summary covers gets them summarised (with the
 * earlier summary) by the {@link HistorySummarizer}; the new summary is stored in the conversation
 * and put into the request's prompt, so every call of the request is rebuilt with it.
 */
final class HistoryCompactor {
    /** The summary call to make, and through which turn the new summary will reach. */
    record Plan(PreparedCall call, int throughTurn) {
    }

    private final HistorySummarizer summarizer;
    private final SummaryStore store;

    HistoryCompactor(HistorySummarizer summarizer, SummaryStore store) {
        this.summarizer = summarizer;
        this.store = store;
    }

    HistorySummarizer summarizer() {
        return summarizer;
    }

    /** How many turns the stored summary covers: read once per request (only when turns are left out). */
    int coveredTurns(ConversationContext conversation) {
        return conversation.newConversation() ? 0 : store.coveredTurns(conversation.conversationId());
    }

    /** The summary to write before {@code answer} is sent, or empty when the stored one covers what it leaves out. */
    Optional<Plan> plan(ConversationContext conversation, int covered, PreparedCall answer) {
        int dropped = answer.droppedTurns();
        if (dropped <= covered) {
            return Optional.empty();
        }
        return summarizer.call(conversation.prompt().summary(), conversation.prompt().turns(), covered, dropped,
                answer.call().timeouts()).map(call -> new Plan(call, dropped));
    }

    /** Stores the new summary and rebuilds the request's calls with it. */
    void apply(ConversationContext conversation, Plan plan, String summary) {
        store.save(conversation.conversationId(), summary, plan.throughTurn());
        conversation.prompt().replaceSummary(summary);
    }
}
