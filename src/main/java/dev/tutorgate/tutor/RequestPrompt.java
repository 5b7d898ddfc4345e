package dev.tutorgate.tutor;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.provider.ModelCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request's prompt material, counted once: the question, the conversation's summary and its
 * turns. {@link #callFor} trims it for a given model (the budget may try several). Confined to the
 * request's thread.
 */
public final class RequestPrompt {
    private final PromptAssembler assembler;
    private final String question;
    private final long questionTokens;
    private final ChatMessage summary;
    private final long summaryTokens;
    private final List<HistoryTrimmer.Turn> turns;
    private final Map<String, Optional<PreparedCall>> calls = new HashMap<>(4);

    RequestPrompt(PromptAssembler assembler, String question, long questionTokens, ChatMessage summary,
                  long summaryTokens, List<HistoryTrimmer.Turn> turns) {
        this.assembler = assembler;
        this.question = question;
        this.questionTokens = questionTokens;
        this.summary = summary;
        this.summaryTokens = summaryTokens;
        this.turns = List.copyOf(turns);
    }

    public String question() {
        return question;
    }

    public long questionTokens() {
        return questionTokens;
    }

    /**
     * The call for {@code model}: history trimmed to its window, oldest turns first; empty when not
     * even the course and the question fit (the course is never cut).
     */
    public Optional<PreparedCall> callFor(ModelLimits model) {
        return calls.computeIfAbsent(model.name(), name -> build(model));
    }

    private Optional<PreparedCall> build(ModelLimits model) {
        ContextRules rules = assembler.rules();
        int outputCap = assembler.outputCap(model);
        long fixed = assembler.prefix().tokens() + rules.message(questionTokens);
        long historyRoom = rules.promptRoom(model.contextWindow(), outputCap) - fixed;
        if (historyRoom < 0) {
            return Optional.empty();
        }
        HistoryTrimmer.Trimmed history = HistoryTrimmer.trim(historyRoom, summary, summaryTokens, turns);
        List<ChatMessage> messages = new ArrayList<>(history.messages().size() + 1);
        messages.addAll(history.messages());
        messages.add(ChatMessage.user(question));
        ModelCall call = new ModelCall(model.upstreamName(), assembler.prefix().text(), messages, outputCap, null,
                assembler.prefix().cacheKey(), assembler.timeouts());
        long estimated = fixed + history.tokens();
        return Optional.of(new PreparedCall(call, estimated, rules.worstCase(estimated), history.droppedTurns(),
                history.summaryKept()));
    }
}
