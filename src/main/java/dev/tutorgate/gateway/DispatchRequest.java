package dev.tutorgate.gateway;

import dev.tutorgate.tutor.PreparedCall;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a {@link Dispatcher} needs for one request.
 *
 * @param question       the student's question (the offline answerer's input)
 * @param streamed       stream to the student (provider stream) or answer at once (provider complete)
 * @param first          the candidate admitted by the budget: its worst case is already reserved
 * @param fallbackReason why {@code first} is not the routed model, or null
 * @param alternatives   the other candidates, best first, for fallback chains (the offline answerer
 *                       included when routing lists it)
 * @param calls          the prepared call for a model candidate (history trimmed to its window);
 *                       empty for the offline answerer
 * @param budget         cover every attempt after the first before making it
 * @param stream         the student's side: {@link AnswerStream#sinkFor} gives each attempt's sink
 * @param conversation   the conversation behind the request and its prompt material (for dispatchers
 *                       that summarise history); null when unknown
 */
public record DispatchRequest(
        String requestId,
        String question,
        boolean streamed,
        Candidate first,
        String fallbackReason,
        List<Candidate> alternatives,
        Function<Candidate, Optional<PreparedCall>> calls,
        AttemptBudget budget,
        AnswerStream stream,
        ConversationContext conversation) {

    public DispatchRequest(String requestId, String question, boolean streamed, Candidate first, String fallbackReason,
                           List<Candidate> alternatives, Function<Candidate, Optional<PreparedCall>> calls,
                           AttemptBudget budget, AnswerStream stream) {
        this(requestId, question, streamed, first, fallbackReason, alternatives, calls, budget, stream, null);
    }

    public DispatchRequest {
        alternatives = List.copyOf(alternatives);
    }
}
