package dev.tutorgate.gateway;

import dev.tutorgate.routing.Classification;
import dev.tutorgate.tutor.PreparedCall;
import dev.tutorgate.tutor.RequestPrompt;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request on its way through the chain: the command and what each step has learnt about it.
 * Each step fills in its part before calling the next. Confined to the request's thread.
 */
public final class ChatExchange {
    private final ChatCommand command;
    private final AnswerListener listener;
    private final Instant startedAt;
    private final long startNanos;

    private String conversationId;
    private boolean newConversation;
    private String summary;
    private Classification classification;
    private List<Candidate> candidates = List.of();
    private String routeFallbackReason;
    private RequestPrompt prompt;
    private RequestBudget budget;
    private Candidate chosen;
    private String fallbackReason;
    private AnswerStream stream;
    private boolean dispatchStarted;

    ChatExchange(ChatCommand command, AnswerListener listener, Instant startedAt, long startNanos) {
        this.command = Objects.requireNonNull(command, "command");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.startedAt = startedAt;
        this.startNanos = startNanos;
    }

    public ChatCommand command() {
        return command;
    }

    public String requestId() {
        return command.requestId();
    }

    public String studentId() {
        return command.studentId();
    }

    AnswerListener listener() {
        return listener;
    }

    public Instant startedAt() {
        return startedAt;
    }

    long startNanos() {
        return startNanos;
    }

    /** The conversation id (a fresh one for a new conversation); null before validation. */
    public String conversationId() {
        return conversationId;
    }

    /** Whether the conversation is new: it is stored only once a model call has been made. */
    public boolean newConversation() {
        return newConversation;
    }

    public String summary() {
        return summary;
    }

    void conversation(String id, boolean isNew, String summary) {
        this.conversationId = id;
        this.newConversation = isNew;
        this.summary = summary;
    }

    /** The conversation id for records of a request that never reached a model: null if it was new. */
    String storedConversationId() {
        return newConversation ? null : conversationId;
    }

    public Classification classification() {
        return classification;
    }

    void classification(Classification classification) {
        this.classification = classification;
    }

    public String complexityLabel() {
        return classification == null ? null : classification.complexity().label();
    }

    /** Who may answer, best first (the routed model, then fallbacks); only models that can. */
    public List<Candidate> candidates() {
        return candidates;
    }

    /**
     * @param routeFallbackReason why the first candidate is not the routed model (it cannot be used),
     *                            or null
     */
    void candidates(List<Candidate> candidates, String routeFallbackReason) {
        this.candidates = List.copyOf(candidates);
        this.routeFallbackReason = routeFallbackReason;
    }

    String routeFallbackReason() {
        return routeFallbackReason;
    }

    public RequestPrompt prompt() {
        return prompt;
    }

    void prompt(RequestPrompt prompt) {
        this.prompt = prompt;
    }

    /** The prepared call for a model candidate; empty for the offline answerer or when it cannot fit. */
    public Optional<PreparedCall> callFor(Candidate candidate) {
        return candidate.offline() || prompt == null ? Optional.empty() : prompt.callFor(candidate.limits());
    }

    RequestBudget budget() {
        return budget;
    }

    void budget(RequestBudget budget) {
        this.budget = budget;
    }

    /** The candidate the budget admitted; null before the budget step. */
    public Candidate chosen() {
        return chosen;
    }

    public String fallbackReason() {
        return fallbackReason;
    }

    void choose(Candidate candidate, String fallbackReason) {
        this.chosen = candidate;
        this.fallbackReason = fallbackReason;
    }

    AnswerStream stream() {
        return stream;
    }

    /** From here on a provider may be billing us. */
    void dispatching(AnswerStream stream) {
        this.stream = stream;
        this.dispatchStarted = true;
    }

    boolean dispatchStarted() {
        return dispatchStarted;
    }

    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
