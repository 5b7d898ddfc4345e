package dev.tutorgate.resilience;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.gateway.Candidate;
import dev.tutorgate.provider.CallTimeouts;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.tutor.ContextRules;
import dev.tutorgate.tutor.HistoryTrimmer;
import dev.tutorgate.tutor.PreparedCall;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the call that folds conversation turns into the running summary: the earlier summary and
 * the turns a prompt had to leave out go to the summary model (the cheapest configured one unless
 * {@code context.summaryModel} names another), which answers with one short summary. Its output is
 * capped by {@code context.summaryMaxTokens}. When the turns do not all fit the summary model's
 * window, the newest of them are kept.
 */
final class HistorySummarizer {
    static final String INSTRUCTIONS = """
            You keep the running summary of a conversation between a student and the tutor of an online \
            course. Merge the earlier summary (if any) and the new turns into one concise summary: what the \
            student asked, what was explained, code, names, errors and decisions worth remembering, and \
            what the student is working on now. Write in the language of the conversation. Answer with the \
            summary only.""";

    private final Candidate model;
    private final int maxOutputTokens;
    private final TokenCounter counter;
    private final ContextRules rules;

    HistorySummarizer(Candidate model, int maxOutputTokens, TokenCounter counter, ContextRules rules) {
        this.model = Objects.requireNonNull(model, "model");
        if (model.offline()) {
            throw new IllegalArgumentException("the offline answerer cannot summarise");
        }
        this.maxOutputTokens = Math.min(maxOutputTokens, model.limits().maxOutputTokens());
        this.counter = counter;
        this.rules = rules;
    }

    Candidate model() {
        return model;
    }

    /**
     * The summary call for {@code turns[from, to)} after {@code earlierSummary} (may be null); empty
     * when there is nothing to summarise or not even one turn fits.
     */
    Optional<PreparedCall> call(String earlierSummary, List<HistoryTrimmer.Turn> turns, int from, int to,
                                CallTimeouts timeouts) {
        if (from >= to) {
            return Optional.empty();
        }
        String head = earlierSummary == null || earlierSummary.isBlank() ? ""
                : "Earlier summary:\n" + earlierSummary.strip() + "\n\n";
        long fixed = rules.message(counter.count(INSTRUCTIONS)) + rules.message(counter.count(head) + 8);
        long room = rules.promptRoom(model.limits().contextWindow(), maxOutputTokens) - fixed;
        Deque<HistoryTrimmer.Turn> kept = new ArrayDeque<>();
        long used = 0;
        for (int i = to - 1; i >= from; i--) {
            HistoryTrimmer.Turn turn = turns.get(i);
            if (used + turn.tokens() > room) {
                break;
            }
            kept.addFirst(turn);
            used += turn.tokens();
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(head).append("New turns:\n");
        for (HistoryTrimmer.Turn turn : kept) {
            for (ChatMessage message : turn.messages()) {
                text.append(message.role() == Role.USER ? "Student: " : "Tutor: ").append(message.content()).append('\n');
            }
        }
        ModelCall call = new ModelCall(model.limits().upstreamName(), INSTRUCTIONS,
                List.of(ChatMessage.user(text.toString())), maxOutputTokens, null, null, timeouts);
        long estimated = fixed + used;
        return Optional.of(new PreparedCall(call, estimated, rules.worstCase(estimated), 0, false));
    }
}
