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
    private final List<HistoryTrimmer.Turn> turns;
    private final Map<String, Optional<PreparedCall>> calls = new HashMap<>(4);
    /** Per model: how many times its history room was halved because the provider counted more than we did. */
    private final Map<String, Integer> tightened = new HashMap<>(2);
    private ChatMessage summary;
    private long summaryTokens;
    private String summaryText;

    RequestPrompt(PromptAssembler assembler, String question, long questionTokens, String summaryText,
                  List<HistoryTrimmer.Turn> turns) {
        this.assembler = assembler;
        this.question = question;
        this.questionTokens = questionTokens;
        this.turns = List.copyOf(turns);
        useSummary(summaryText);
    }

    private void useSummary(String text) {
        boolean present = text != null && !text.isBlank();
        summaryText = present ? text : null;
        summary = present ? ChatMessage.user(PromptAssembler.SUMMARY_INTRO + text) : null;
        summaryTokens = present ? assembler.rules().message(assembler.counter().count(summary.content())) : 0;
    }

    /** The conversation's turns, oldest first, with their estimated tokens (overhead included). */
    public List<HistoryTrimmer.Turn> turns() {
        return turns;
    }

    /** The summary of older turns the calls start their history with, or null. */
    public String summary() {
        return summaryText;
    }

    /**
     * Puts a new summary of older turns in place of the stored one; every call is rebuilt with it
     * (a dispatcher that has just summarised the turns a model's window could not hold).
     */
    public void replaceSummary(String newSummary) {
        useSummary(newSummary);
        calls.clear();
    }

    /**
     * Halves the room for history in {@code model}'s call: the provider counted more tokens than our
     * estimate, so more of the oldest turns must go. The course and the question are never cut.
     */
    public void tighten(ModelLimits model) {
        tightened.merge(model.name(), 1, Integer::sum);
        calls.remove(model.name());
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
        historyRoom >>= Math.min(62, tightened.getOrDefault(model.name(), 0));
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
