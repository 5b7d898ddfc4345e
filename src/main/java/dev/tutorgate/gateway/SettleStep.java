package dev.tutorgate.gateway;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.course.CitationDetector;
import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.Ledger;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.storage.QueuedWrite;
import dev.tutorgate.tutor.ConversationStore;
import dev.tutorgate.tutor.ConversationTurn;
import java.util.ArrayList;
import java.util.List;

/**
 * After the calls: prices each attempt (the provider's usage, or an estimate marked as such),
 * settles the budget hold at the exact total, writes one ledger row per attempt, stores the turn
 * in the conversation, and decides what the student gets.
 */
final class SettleStep implements ChatStep {
    private final AttemptCosting costing;
    private final Ledger ledger;
    private final ConversationStore conversations;
    private final CitationDetector citations;
    private final TokenCounter counter;

    SettleStep(AttemptCosting costing, Ledger ledger, ConversationStore conversations, CitationDetector citations,
               TokenCounter counter) {
        this.costing = costing;
        this.ledger = ledger;
        this.conversations = conversations;
        this.citations = citations;
        this.counter = counter;
    }

    /** Sources of the answer and whether they were found in the course. */
    private record Sources(List<String> titles, Boolean retrievalHit) {
        static final Sources NONE = new Sources(List.of(), null);
    }

    @Override
    public ChatResult handle(ChatExchange exchange, Chain chain) {
        ChatResult result = chain.proceed(exchange);
        if (!(result instanceof ChatResult.Dispatched dispatched)) {
            return result;
        }
        List<AttemptCosting.Priced> priced = dispatched.attempts().stream().map(costing::price).toList();
        long total = priced.stream().mapToLong(p -> p.cost().picos()).sum();
        exchange.budget().settle(total);

        int deciding = decidingIndex(dispatched.attempts());
        AttemptCosting.Priced last = deciding < 0 ? null : priced.get(deciding);
        if (last != null) {
            // The request's log line names the model that decided the outcome, and why it was that one.
            exchange.choose(last.attempt().candidate(), last.attempt().fallbackReason());
        }
        boolean answered = last != null && last.attempt().answered();
        Sources sources = answered ? sourcesOf(last.attempt()) : Sources.NONE;
        // The turn is queued before the ledger rows and committed with them or earlier: waiting for
        // the rows covers both, and the request wakes once instead of twice.
        QueuedWrite<?> turn = answered
                ? conversations.queueAppend(exchange.conversationId(), exchange.studentId(), turn(exchange, last, sources))
                : null;
        record(exchange, priced, deciding, sources);
        if (answered) {
            turn.await(); // already committed: rethrows if the turn could not be stored
            return answered(exchange, last, total, sources);
        }
        if (exchange.newConversation() && last != null) {
            // Its ledger rows name it, and its id may have gone out in meta: it exists from now on.
            conversations.create(exchange.conversationId(), exchange.studentId());
        }
        return failed(exchange, last);
    }

    private Sources sourcesOf(CallAttempt attempt) {
        if (attempt.offline() != null) {
            return new Sources(attempt.offline().sources(), attempt.offline().retrievalHit());
        }
        List<String> cited = citations.citedTitles(attempt.text());
        return new Sources(cited, !cited.isEmpty());
    }

    /**
     * The attempt that decides what the student gets: the last answer call (a side call such as a
     * history summary never does), or -1 when no answer call was made.
     */
    private static int decidingIndex(List<CallAttempt> attempts) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).isAnswer()) {
                return i;
            }
        }
        return -1;
    }

    private void record(ChatExchange exchange, List<AttemptCosting.Priced> priced, int deciding, Sources sources) {
        for (int i = 0; i < priced.size(); i++) {
            AttemptCosting.Priced p = priced.get(i);
            CallAttempt a = p.attempt();
            boolean isFinal = deciding < 0 ? i == priced.size() - 1 : i == deciding;
            Outcome outcome = a.clientGone() ? Outcome.CANCELLED : a.error() != null ? Outcome.ERROR : Outcome.OK;
            String errorKind = a.error() != null ? a.error().label() : a.clientGone() ? "cancelled" : null;
            ledger.record(new LedgerEntry(exchange.requestId(), i + 1, isFinal, a.startedAt(), exchange.studentId(),
                    exchange.conversationId(), exchange.complexityLabel(), a.candidate().model(),
                    a.candidate().provider(), a.keyAlias(), outcome, errorKind, a.fallbackReason(), p.usage(),
                    p.cost().picos(), p.cost().withoutCachePicos(), a.ttftMs(), a.latencyMs(), a.streamed(),
                    a.clientGone(), isFinal && outcome == Outcome.OK ? sources.retrievalHit() : null));
        }
    }

    private ConversationTurn turn(ChatExchange exchange, AttemptCosting.Priced last, Sources sources) {
        CallAttempt a = last.attempt();
        Usage usage = last.usage();
        int answerTokens = usage.outputTokens() > 0 && !usage.estimated()
                ? (int) usage.outputTokens() : counter.count(a.text());
        return new ConversationTurn(exchange.requestId(), exchange.command().message(),
                (int) exchange.prompt().questionTokens(), a.text(), answerTokens, a.candidate().model(),
                sources.titles());
    }

    private ChatResult answered(ChatExchange exchange, AttemptCosting.Priced last, long total, Sources sources) {
        CallAttempt a = last.attempt();
        AnswerStream stream = exchange.stream();
        stream.meta(a.candidate(), a.fallbackReason());
        Long ttft = stream.firstTextNanos() < 0 ? null : (stream.firstTextNanos() - exchange.startNanos()) / 1_000_000;
        return new ChatResult.Answered(new AnswerDone(exchange.requestId(), exchange.conversationId(),
                a.candidate().model(), exchange.complexityLabel(), a.text(), last.usage(), total,
                new ArrayList<>(sources.titles()), ttft, exchange.elapsedMs()));
    }

    private static ChatResult failed(ChatExchange exchange, AttemptCosting.Priced last) {
        if (last == null) {
            return Refusals.fail(exchange, ErrorCode.PROVIDER_UNAVAILABLE, null, "no attempt was made");
        }
        CallAttempt a = last.attempt();
        if (a.clientGone()) {
            return Refusals.fail(exchange, ErrorCode.ANSWER_INTERRUPTED, null, "the client went away");
        }
        String detail = a.candidate().model() + ": " + a.error().label();
        if (exchange.stream().textStarted()) {
            return Refusals.fail(exchange, ErrorCode.ANSWER_INTERRUPTED, null, detail);
        }
        Long retryAfter = a.retryAfter() == null ? null : Refusals.ceilSeconds(a.retryAfter());
        return Refusals.fail(exchange, ErrorCode.PROVIDER_UNAVAILABLE, retryAfter, detail);
    }
}
